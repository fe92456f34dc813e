/**
 * One self-contained HTML page for a review: the report text with every finding highlighted, a findings
 * panel that jumps to (and flashes) the words, filters by rule and severity, and the totals.
 *
 * Safety: every piece of report text, message, quote and path goes through escapeHtml/escapeAttr, and
 * the page's Content-Security-Policy allows no network at all and only our own script (by hash), so even
 * a missed escape could not run a report's `<script>`.
 *
 * Overlapping spans: the text is cut at every span boundary; each piece lists the findings covering it
 * (`data-f`) and those whose primary span covers it (`data-p`, the jump target). Zero-width spans become
 * an empty caret mark at their offset.
 */
import { createHash } from 'node:crypto';
import type { Section } from '../extract/types.ts';
import type { PageSpan } from '../ingest/types.ts';
import type { ReviewResult } from '../review/engine.ts';
import type { Finding, Severity } from '../review/rule.ts';
import { LineIndex } from '../text/line-index.ts';
import { clip, groupBySection, placeOf, primary, SEVERITY_LABEL, SEVERITY_ORDER } from './common.ts';
import { summaryLine } from './findings-text.ts';

export interface HtmlRenderInput {
  text: string;
  sections: readonly Section[];
  result: ReviewResult;
  /** Shown in the title and header. */
  path?: string;
  /** A PDF's page ranges: each place then also says `第N页`. */
  pages?: readonly PageSpan[];
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

export function escapeHtml(s: string): string {
  return s.replace(/[&<>]/g, (c) => HTML_ESCAPES[c] as string);
}

export function escapeAttr(s: string): string {
  return s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

export function renderFindingsHtml(input: HtmlRenderInput): string {
  const { text, result } = input;
  const title = input.path ? `审查结果 · ${input.path}` : '绩效自评报告审查结果';
  const scriptHash = createHash('sha256').update(SCRIPT).digest('base64');
  const csp = `default-src 'none'; style-src 'unsafe-inline'; script-src 'sha256-${scriptHash}'; img-src data:`;
  return [
    '<!doctype html>',
    '<html lang="zh-CN">',
    '<head>',
    '<meta charset="utf-8">',
    // Our own constant plus base64: no `"` or `<` to escape, and `'` must stay readable to the CSP parser.
    `<meta http-equiv="Content-Security-Policy" content="${csp}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    renderHeader(input),
    '<main class="jx-main">',
    `<article class="jx-text" id="jx-text" aria-label="报告正文">${renderHighlightedText(text, result.findings)}</article>`,
    renderPanel(input),
    '</main>',
    `<script>${SCRIPT}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function renderHeader(input: HtmlRenderInput): string {
  const { result } = input;
  const counts = SEVERITY_ORDER.map(
    (sev) => `<span class="jx-count sev-${sev}">${SEVERITY_LABEL[sev]} <b>${result.summary[sev]}</b></span>`,
  ).join('');
  const count = (status: string) => result.checks.filter((c) => c.status === status).length;
  const skipped = result.checks.filter((c) => c.status === 'skipped');
  const skippedList =
    skipped.length === 0
      ? ''
      : `<details class="jx-skipped"><summary>跳过的规则（${skipped.length}）</summary><ul>${skipped
          .map((c) => `<li><code>${escapeHtml(c.rule)}</code>：${escapeHtml(c.reason ?? '')}</li>`)
          .join('')}</ul></details>`;
  return [
    '<header class="jx-header">',
    `<h1>绩效自评报告审查结果${input.path ? `<small>${escapeHtml(input.path)}</small>` : ''}</h1>`,
    `<p class="jx-summary">${escapeHtml(summaryLine(result))}</p>`,
    `<p class="jx-counts">${counts}</p>`,
    `<p class="jx-coverage">规则 ${result.checks.length} 条：通过 ${count('passed')}，发现问题 ${count(
      'failed',
    )}，跳过 ${count('skipped')}</p>`,
    skippedList,
    '</header>',
  ].join('\n');
}

function renderPanel(input: HtmlRenderInput): string {
  const { text, sections, result } = input;
  const lines = new LineIndex(text);
  const parts = ['<aside class="jx-panel" aria-label="问题列表">', renderFilters(result.findings)];
  if (result.findings.length === 0) {
    parts.push('<p class="jx-empty">未发现问题。</p>');
  } else {
    parts.push('<p class="jx-none" id="jx-none" hidden>筛选后没有问题。</p>');
    for (const group of groupBySection(result.findings, sections, text.length)) {
      parts.push(`<section class="jx-group"><h2>${escapeHtml(group.title)}</h2><ol>`);
      for (const { index, finding } of group.items)
        parts.push(renderItem(index, finding, lines, input.pages));
      parts.push('</ol></section>');
    }
  }
  parts.push('</aside>');
  return parts.join('\n');
}

function renderFilters(findings: readonly Finding[]): string {
  if (findings.length === 0) return '';
  const bySeverity = SEVERITY_ORDER.filter((sev) => findings.some((f) => f.severity === sev)).map((sev) =>
    checkbox(
      'sev',
      sev,
      `<span class="jx-badge sev-${sev}">${SEVERITY_LABEL[sev]}</span>`,
      tally(findings, 'severity', sev),
    ),
  );
  const ruleIds = [...new Set(findings.map((f) => f.rule))].sort();
  const byRule = ruleIds.map((id) =>
    checkbox('rule', id, `<code>${escapeHtml(id)}</code>`, tally(findings, 'rule', id)),
  );
  return [
    '<form class="jx-filters" id="jx-filters" aria-label="筛选">',
    `<fieldset><legend>级别</legend>${bySeverity.join('')}</fieldset>`,
    `<fieldset><legend>规则</legend>${byRule.join('')}</fieldset>`,
    '</form>',
  ].join('\n');
}

function tally(findings: readonly Finding[], key: 'rule' | 'severity', value: string): number {
  return findings.filter((f) => f[key] === value).length;
}

function checkbox(kind: 'sev' | 'rule', value: string, labelHtml: string, count: number): string {
  return `<label><input type="checkbox" checked data-filter="${kind}" value="${escapeAttr(value)}"> ${labelHtml} <span class="jx-n">${count}</span></label>`;
}

function renderItem(index: number, finding: Finding, lines: LineIndex, pages?: readonly PageSpan[]): string {
  const main = primary(finding);
  const others = finding.spans
    .slice(1)
    .map(
      (s) =>
        `<span class="jx-also">另见 ${placeOf(lines, pages, s.start)}「${escapeHtml(clip(s.text))}」</span>`,
    )
    .join('');
  return [
    `<li class="jx-item" id="jx-item-${index}" data-i="${index}" data-rule="${escapeAttr(finding.rule)}" data-sev="${finding.severity}">`,
    `<button type="button" class="jx-jump" data-i="${index}">`,
    `<span class="jx-meta"><span class="jx-badge sev-${finding.severity}">${SEVERITY_LABEL[finding.severity]}</span>`,
    `<code>${escapeHtml(finding.rule)}</code><span class="jx-pos">${placeOf(lines, pages, main.start)}</span></span>`,
    `<span class="jx-msg">${escapeHtml(finding.message)}</span>`,
    `<span class="jx-quote">「${escapeHtml(clip(main.text))}」</span>${others}`,
    '</button></li>',
  ].join('');
}

interface Cover {
  finding: number;
  primary: boolean;
}

/**
 * The report text as escaped HTML with `<mark>` pieces. Pieces are cut at every span boundary, so nested
 * and crossing spans both come out as a flat sequence of marks, each naming all findings that cover it.
 */
export function renderHighlightedText(text: string, findings: readonly Finding[]): string {
  const starts = new Map<number, Cover[]>();
  const ends = new Map<number, Cover[]>();
  const carets = new Map<number, Cover[]>();
  const cuts = new Set<number>([0, text.length]);
  findings.forEach((finding, i) => {
    finding.spans.forEach((span, k) => {
      const cover = { finding: i, primary: k === 0 };
      if (span.start === span.end) {
        pushTo(carets, span.start, cover);
        return;
      }
      pushTo(starts, span.start, cover);
      pushTo(ends, span.end, cover);
      cuts.add(span.start);
      cuts.add(span.end);
    });
  });
  for (const offset of carets.keys()) cuts.add(offset);

  const sortedCuts = [...cuts].sort((a, b) => a - b);
  const active: Cover[] = [];
  const out: string[] = [];
  for (let c = 0; c < sortedCuts.length; c++) {
    const at = sortedCuts[c] as number;
    for (const cover of ends.get(at) ?? []) active.splice(active.indexOf(cover), 1);
    active.push(...(starts.get(at) ?? []));
    const caretCovers = carets.get(at);
    if (caretCovers) out.push(markHtml('', caretCovers, findings, true));
    const next = sortedCuts[c + 1];
    if (next === undefined) break;
    const piece = text.slice(at, next);
    out.push(active.length === 0 ? escapeHtml(piece) : markHtml(piece, active, findings, false));
  }
  return out.join('');
}

function pushTo(map: Map<number, Cover[]>, key: number, cover: Cover): void {
  const list = map.get(key);
  if (list) list.push(cover);
  else map.set(key, [cover]);
}

function markHtml(
  piece: string,
  covers: readonly Cover[],
  findings: readonly Finding[],
  caret: boolean,
): string {
  const all = unique(covers.map((c) => c.finding));
  const primaries = unique(covers.filter((c) => c.primary).map((c) => c.finding));
  const severity = highestSeverity(all.map((i) => (findings[i] as Finding).severity));
  const classes = [
    'jx-mark',
    `sev-${severity}`,
    all.length > 1 ? 'jx-multi' : '',
    primaries.length === 0 ? 'jx-related' : '',
    caret ? 'jx-caret' : '',
  ]
    .filter(Boolean)
    .join(' ');
  const tip = all
    .map((i) => {
      const f = findings[i] as Finding;
      return `${SEVERITY_LABEL[f.severity]} ${f.rule}：${f.message}`;
    })
    .join('\n');
  return `<mark class="${classes}" data-f="${all.join(' ')}" data-p="${primaries.join(' ')}" title="${escapeAttr(tip)}">${escapeHtml(piece)}</mark>`;
}

function unique(values: readonly number[]): number[] {
  return [...new Set(values)].sort((a, b) => a - b);
}

function highestSeverity(severities: readonly Severity[]): Severity {
  return SEVERITY_ORDER.find((sev) => severities.includes(sev)) ?? 'info';
}

const STYLE = `
:root {
  --ui-font: "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei",
    "WenQuanYi Micro Hei", system-ui, sans-serif;
  --text-font: "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun", "STSong", var(--ui-font), serif;
  --error: #b3261e; --error-bg: #fde3e1;
  --warning: #8a5a00; --warning-bg: #fff1c2;
  --info: #0b5cad; --info-bg: #e1efff;
  --line: #d9d9de; --muted: #5f6368; --paper: #fff; --ground: #f5f5f7;
}
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.7 var(--ui-font); color: #1f1f1f; background: var(--ground); }
.jx-header { padding: 16px 24px 8px; background: var(--paper); border-bottom: 1px solid var(--line); }
.jx-header h1 { margin: 0 0 4px; font-size: 20px; font-weight: 600; }
.jx-header h1 small { margin-left: 12px; font-size: 14px; font-weight: 400; color: var(--muted); word-break: break-all; }
.jx-summary, .jx-coverage, .jx-counts { margin: 2px 0; }
.jx-coverage { color: var(--muted); font-size: 13px; }
.jx-count { display: inline-block; margin-right: 12px; padding: 0 10px; border-radius: 10px; font-size: 13px; }
.jx-skipped { font-size: 13px; color: var(--muted); margin: 4px 0 8px; }
.jx-skipped ul { margin: 4px 0; padding-left: 20px; }
.jx-main { display: grid; grid-template-columns: minmax(0, 1fr) minmax(300px, 400px); gap: 16px; padding: 16px 24px; align-items: start; }
.jx-text { background: var(--paper); border: 1px solid var(--line); border-radius: 6px; padding: 24px 32px;
  font: 16px/2 var(--text-font); white-space: pre-wrap; word-break: break-word; overflow-wrap: anywhere; max-width: 52em; }
.jx-panel { position: sticky; top: 12px; max-height: calc(100vh - 24px); overflow: auto; background: var(--paper);
  border: 1px solid var(--line); border-radius: 6px; padding: 12px; }
.jx-panel h2 { font-size: 14px; margin: 14px 0 6px; color: var(--muted); font-weight: 600; }
.jx-panel ol { list-style: none; margin: 0; padding: 0; }
.jx-filters fieldset { border: 0; margin: 0 0 6px; padding: 0; }
.jx-filters legend { font-size: 12px; color: var(--muted); padding: 0; }
.jx-filters label { display: inline-flex; align-items: center; gap: 4px; margin: 2px 10px 2px 0; font-size: 13px; cursor: pointer; }
.jx-n { color: var(--muted); font-size: 12px; }
.jx-item[hidden] { display: none; }
.jx-jump { display: block; width: 100%; text-align: left; font: inherit; color: inherit; background: none;
  border: 1px solid transparent; border-radius: 6px; padding: 6px 8px; margin: 2px 0; cursor: pointer; }
.jx-jump:hover, .jx-jump:focus-visible { background: var(--ground); border-color: var(--line); outline: none; }
.jx-item.jx-active .jx-jump { border-color: #888; background: var(--ground); }
.jx-meta { display: flex; gap: 8px; align-items: center; font-size: 12px; }
.jx-pos { color: var(--muted); margin-left: auto; font-variant-numeric: tabular-nums; }
.jx-msg { display: block; }
.jx-quote, .jx-also { display: block; color: var(--muted); font-size: 13px; }
.jx-badge { display: inline-block; padding: 0 6px; border-radius: 4px; font-size: 12px; font-weight: 600; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
.sev-error.jx-badge, .sev-error.jx-count { color: var(--error); background: var(--error-bg); }
.sev-warning.jx-badge, .sev-warning.jx-count { color: var(--warning); background: var(--warning-bg); }
.sev-info.jx-badge, .sev-info.jx-count { color: var(--info); background: var(--info-bg); }
mark.jx-mark { color: inherit; border-radius: 2px; cursor: pointer; scroll-margin: 40vh; }
mark.sev-error { background: var(--error-bg); box-shadow: inset 0 -2px var(--error); }
mark.sev-warning { background: var(--warning-bg); box-shadow: inset 0 -2px var(--warning); }
mark.sev-info { background: var(--info-bg); box-shadow: inset 0 -2px var(--info); }
mark.jx-related { background: transparent; box-shadow: inset 0 -2px currentColor; text-decoration: underline dotted; }
mark.jx-multi { box-shadow: inset 0 -4px rgba(0, 0, 0, .35); }
mark.jx-caret::after { content: "▲"; font-size: 10px; vertical-align: sub; }
mark.jx-off { background: none; box-shadow: none; cursor: auto; text-decoration: none; }
mark.jx-off.jx-caret::after { content: none; }
@keyframes jx-flash { 0%, 100% { outline-color: transparent; } 20%, 60% { outline-color: #ff6d00; } }
mark.jx-flash { outline: 3px solid transparent; outline-offset: 1px; animation: jx-flash 1.6s ease-in-out 1; }
.jx-empty, .jx-none { color: var(--muted); }
@media (max-width: 900px) { .jx-main { grid-template-columns: 1fr; } .jx-panel { position: static; max-height: none; } }
@media print { .jx-filters, .jx-panel { display: none; } .jx-main { display: block; } .jx-text { border: 0; max-width: none; } }
`;

/** Plain DOM, no libraries; kept free of `</` so it can sit inside a script element. */
const SCRIPT = `
(function () {
  'use strict';
  var SEV = ['error', 'warning', 'info'];
  var items = Array.prototype.slice.call(document.querySelectorAll('.jx-item'));
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark.jx-mark'));
  var sevOf = {};
  items.forEach(function (li) { sevOf[li.dataset.i] = li.dataset.sev; });
  var visible = {};
  var motion = window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches ? 'auto' : 'smooth';

  function ids(value) { return value ? value.split(' ') : []; }

  function applyFilters() {
    var on = { sev: {}, rule: {} };
    document.querySelectorAll('[data-filter]').forEach(function (box) {
      on[box.dataset.filter][box.value] = box.checked;
    });
    var shown = 0;
    items.forEach(function (li) {
      var show = on.sev[li.dataset.sev] !== false && on.rule[li.dataset.rule] !== false;
      li.hidden = !show;
      visible[li.dataset.i] = show;
      if (show) shown++;
    });
    document.querySelectorAll('.jx-group').forEach(function (group) {
      group.hidden = !group.querySelector('.jx-item:not([hidden])');
    });
    var none = document.getElementById('jx-none');
    if (none) none.hidden = shown > 0 || items.length === 0;
    marks.forEach(function (mark) {
      var live = ids(mark.dataset.f).filter(function (i) { return visible[i]; });
      SEV.forEach(function (s) { mark.classList.remove('sev-' + s); });
      mark.classList.toggle('jx-off', live.length === 0);
      mark.classList.toggle('jx-multi', live.length > 1);
      var best = SEV.filter(function (s) { return live.some(function (i) { return sevOf[i] === s; }); })[0];
      if (best) mark.classList.add('sev-' + best);
    });
  }

  function flash(elements) {
    elements.forEach(function (el) {
      el.classList.remove('jx-flash');
      void el.offsetWidth;
      el.classList.add('jx-flash');
    });
    setTimeout(function () { elements.forEach(function (el) { el.classList.remove('jx-flash'); }); }, 1700);
  }

  function activate(i) {
    items.forEach(function (li) { li.classList.toggle('jx-active', li.dataset.i === i); });
  }

  function jumpTo(i) {
    var target = document.querySelector('mark[data-p~="' + i + '"]');
    if (!target) return;
    activate(i);
    target.scrollIntoView({ behavior: motion, block: 'center' });
    flash(Array.prototype.slice.call(document.querySelectorAll('mark[data-f~="' + i + '"]')));
  }

  document.querySelectorAll('.jx-jump').forEach(function (button) {
    button.addEventListener('click', function () { jumpTo(button.dataset.i); });
  });
  marks.forEach(function (mark) {
    mark.addEventListener('click', function () {
      var live = ids(mark.dataset.f).filter(function (i) { return visible[i]; });
      if (live.length === 0) return;
      var li = document.getElementById('jx-item-' + live[0]);
      activate(live[0]);
      if (li) li.scrollIntoView({ behavior: motion, block: 'nearest' });
    });
  });
  var form = document.getElementById('jx-filters');
  if (form) form.addEventListener('change', applyFilters);
  applyFilters();
})();
`;
