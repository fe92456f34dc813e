/**
 * Markdown: the same blocks as the DOCX, for review in a repository or a merge request. Tables are GFM pipe
 * tables (merged cells repeat their text: Markdown has no spans); charts are SVG data-URI images.
 */
import type { ReportDocument } from './document.ts';
import type { ReportTable } from './tables.ts';

function cellText(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

function tableMarkdown(t: ReportTable): string {
  const line = (cells: string[]) => `| ${cells.map(cellText).join(' | ')} |`;
  const rule = `| ${t.header.map((_, i) => (t.numeric[i] ? '---:' : '---')).join(' | ')} |`;
  return [line(t.header), rule, ...t.rows.map(line)].join('\n');
}

export function renderMarkdown(report: ReportDocument, chartSvgs: readonly string[]): string {
  const out: string[] = [`# ${report.title}`];
  let chartIndex = 0;
  for (const block of report.blocks) {
    if (block.type === 'heading') out.push(`${'#'.repeat(block.level + 1)} ${block.number}${block.text}`);
    else if (block.type === 'paragraph') out.push(block.placeholder ? `**${block.text}**` : block.text);
    else if (block.type === 'table') out.push(`**${block.caption}**`, tableMarkdown(block.table));
    else {
      const svg = chartSvgs[chartIndex++];
      if (svg) {
        const src = `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`;
        out.push(`![${block.caption}](${src})`, `*${block.caption}*`);
      }
    }
  }
  return `${out.join('\n\n')}\n`;
}
