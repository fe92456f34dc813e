/**
 * A self-contained HTML preview: one file, styles inline, charts as SVG data URIs (crisp in print, and an
 * <img> so the chart's labels are not part of the page text). Print CSS sets A4 with the GB/T 9704 margins.
 * The report sits in <article>, where jixiao's HTML reader looks for a page's main text.
 */
import layout from '../../../data/layout/gbt9704.json' with { type: 'json' };
import type { ReportBlock, ReportDocument } from './document.ts';
import { mergeSpans, type ReportTable } from './tables.ts';

export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

const { marginsMm } = layout.page;
const f = layout.fonts;
const family = (name: string, generic: string) =>
  `"${name}", "Noto ${generic === 'serif' ? 'Serif' : 'Sans'} CJK SC", ${generic}`;

const STYLE = `
@page { size: A4; margin: ${marginsMm.top}mm ${marginsMm.right}mm ${marginsMm.bottom}mm ${marginsMm.left}mm; }
body { margin: 0; background: #f2f2f2; }
article { box-sizing: border-box; max-width: 210mm; margin: 24px auto; background: #fff;
  padding: ${marginsMm.top}mm ${marginsMm.right}mm ${marginsMm.bottom}mm ${marginsMm.left}mm;
  font-family: ${family(f.body.name, 'serif')}; font-size: ${f.body.sizePt}pt;
  line-height: ${layout.grid.linePitchPt}pt; color: #000; }
h1 { font-family: ${family(f.title.name, 'serif')}; font-size: ${f.title.sizePt}pt; font-weight: normal;
  text-align: center; line-height: 1.4; margin: 0 0 ${layout.grid.linePitchPt}pt; }
h2, h3, h4 { font-size: ${f.body.sizePt}pt; margin: 0; text-indent: 2em; line-height: inherit; }
h2 { font-family: ${family(f.heading1.name, 'sans-serif')}; font-weight: normal; }
h3 { font-family: ${family(f.heading2.name, 'serif')}; font-weight: normal; }
h4 { font-family: ${family(f.heading3.name, 'serif')}; font-weight: bold; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.placeholder { color: #${f.placeholder.color}; }
figure { margin: 12pt 0; text-align: center; break-inside: avoid; }
figure img { max-width: 100%; }
figcaption, caption { font-family: ${family(f.caption.name, 'sans-serif')}; font-size: ${f.caption.sizePt}pt;
  line-height: 1.6; text-indent: 0; }
table { border-collapse: collapse; width: 100%; margin: 6pt 0 12pt; font-size: ${f.table.sizePt}pt;
  line-height: 1.5; break-inside: auto; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #000; padding: 2pt 4pt; vertical-align: middle; }
th { background: #e7e6e6; font-family: ${family(f.caption.name, 'sans-serif')}; font-weight: normal; }
td.num { text-align: right; white-space: nowrap; }
@media print { body { background: none; } article { margin: 0; padding: 0; max-width: none; } }
`;

function tableHtml(caption: string, t: ReportTable): string {
  const spans = mergeSpans(t);
  const head = t.header.map((h) => `<th>${escapeHtml(h)}</th>`).join('');
  const body = t.rows
    .map((row, r) => {
      const cells = row.flatMap((text, c) => {
        const span = spans[r]![c]!;
        if (span === 0) return [];
        const attrs = `${span > 1 ? ` rowspan="${span}"` : ''}${t.numeric[c] ? ' class="num"' : ''}`;
        return [`<td${attrs}>${escapeHtml(text)}</td>`];
      });
      return `<tr>${cells.join('')}</tr>`;
    })
    .join('\n');
  return `<table>\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

function blockHtml(block: ReportBlock, chartSvg: string | undefined): string {
  switch (block.type) {
    case 'heading':
      return `<h${block.level + 1}>${escapeHtml(block.number + block.text)}</h${block.level + 1}>`;
    case 'paragraph':
      return block.placeholder
        ? `<p class="placeholder">${escapeHtml(block.text)}</p>`
        : `<p>${escapeHtml(block.text)}</p>`;
    case 'table':
      return tableHtml(block.caption, block.table);
    case 'chart': {
      if (!chartSvg) return '';
      const src = `data:image/svg+xml;base64,${Buffer.from(chartSvg).toString('base64')}`;
      return `<figure><img src="${src}" alt="${escapeHtml(block.caption)}"><figcaption>${escapeHtml(block.caption)}</figcaption></figure>`;
    }
  }
}

/** `chartSvgs` holds one SVG per chart block, in document order. */
export function renderHtml(report: ReportDocument, chartSvgs: readonly string[]): string {
  let chartIndex = 0;
  const body = report.blocks
    .map((block) => blockHtml(block, block.type === 'chart' ? chartSvgs[chartIndex++] : undefined))
    .filter((html) => html !== '')
    .join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="jixiao">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<article>
<h1>${escapeHtml(report.title)}</h1>
${body}
</article>
</body>
</html>
`;
}
