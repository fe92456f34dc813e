/**
 * Terminal listing of a review: findings grouped by section, each with line:column, severity, rule id,
 * message, the quoted words and a one-line context; then the totals and the rule coverage.
 * Colour is decided by the caller (TTY and NO_COLOR are I/O facts); here it is a plain flag.
 */
import type { Section } from '../extract/types.ts';
import type { PageSpan } from '../ingest/types.ts';
import type { ReviewResult } from '../review/engine.ts';
import type { Finding, Severity } from '../review/rule.ts';
import { LineIndex } from '../text/line-index.ts';
import { clip, contextOf, groupBySection, placeOf, primary, SEVERITY_LABEL } from './common.ts';

export interface TextRenderInput {
  text: string;
  sections: readonly Section[];
  result: ReviewResult;
  /** Shown as the first line when given. */
  path?: string;
  color?: boolean;
  /** A PDF's page ranges: each place then also says `第N页`. */
  pages?: readonly PageSpan[];
}

interface Paint {
  severity(severity: Severity, s: string): string;
  bold(s: string): string;
  dim(s: string): string;
  words(s: string): string;
}

const SGR_SEVERITY: Record<Severity, string> = { error: '31', warning: '33', info: '36' };

function paint(color: boolean): Paint {
  const sgr = (code: string, s: string) => (color && s !== '' ? `\x1b[${code}m${s}\x1b[0m` : s);
  return {
    severity: (severity, s) => sgr(`1;${SGR_SEVERITY[severity]}`, s),
    bold: (s) => sgr('1', s),
    dim: (s) => sgr('2', s),
    words: (s) => sgr('1;4', s),
  };
}

export function renderFindingsText(input: TextRenderInput): string {
  const { text, sections, result } = input;
  const p = paint(input.color ?? false);
  const lines = new LineIndex(text);
  const at = (offset: number) => placeOf(lines, input.pages, offset);
  const out: string[] = [];
  if (input.path !== undefined) out.push(p.bold(input.path), '');

  const groups = groupBySection(result.findings, sections, text.length);
  const positionWidth = Math.max(0, ...result.findings.map((f) => at(primary(f).start).length));
  const ruleWidth = Math.max(0, ...result.findings.map((f) => f.rule.length));
  for (const group of groups) {
    out.push(p.bold(group.title));
    for (const { finding } of group.items) {
      out.push(...findingLines(finding, text, at, p, positionWidth, ruleWidth));
    }
    out.push('');
  }
  if (result.findings.length === 0) out.push('未发现问题。', '');

  out.push(summaryLine(result), ...coverageLines(result));
  return `${out.join('\n')}\n`;
}

function findingLines(
  finding: Finding,
  text: string,
  at: (offset: number) => string,
  p: Paint,
  positionWidth: number,
  ruleWidth: number,
): string[] {
  const main = primary(finding);
  const indent = ' '.repeat(2 + positionWidth + 2);
  const head = [
    `  ${at(main.start).padEnd(positionWidth)}`,
    p.severity(finding.severity, SEVERITY_LABEL[finding.severity]),
    p.dim(finding.rule.padEnd(ruleWidth)),
    finding.message,
  ].join('  ');
  const context = contextOf(text, main);
  const lines = [
    head,
    `${indent}「${clip(main.text)}」  ${p.dim(context.before)}${p.words(context.words)}${p.dim(context.after)}`,
  ];
  for (const other of finding.spans.slice(1)) {
    lines.push(`${indent}${p.dim('另见')} ${at(other.start)} 「${clip(other.text)}」`);
  }
  return lines;
}

export function summaryLine(result: ReviewResult): string {
  const { error, warning, info } = result.summary;
  return `共 ${result.findings.length} 处问题：错误 ${error}，警告 ${warning}，提示 ${info}`;
}

export function coverageLines(result: ReviewResult): string[] {
  const count = (status: string) => result.checks.filter((c) => c.status === status).length;
  const lines = [
    `规则 ${result.checks.length} 条：通过 ${count('passed')}，发现问题 ${count('failed')}，跳过 ${count('skipped')}`,
  ];
  for (const check of result.checks) {
    if (check.status === 'skipped') lines.push(`  跳过 ${check.rule}：${check.reason ?? ''}`);
  }
  return lines;
}
