/** Test fixtures shared by the renderer tests (a small report, its sections, and findings on it). */
import type { Section } from '../extract/types.ts';
import type { ReviewResult } from '../review/engine.ts';
import { summarize } from '../review/engine.ts';
import type { Finding, Severity } from '../review/rule.ts';

export const REPORT = [
  '月湖街道整体支出绩效自评报告', // line 1
  '三、部门整体支出绩效情况', // line 2
  '（二）绩效目标完成情况', // line 3
  '全年支出合计100万元，其中基本支出60万元，项目支出30万元。', // line 4
  '四、存在的问题', // line 5
  '联系人：<script>alert("x")</script> & 张三', // line 6
].join('\n');

function at(line: number): number {
  return REPORT.split('\n')
    .slice(0, line - 1)
    .reduce((sum, l) => sum + l.length + 1, 0);
}

function section(partial: Partial<Section> & Pick<Section, 'title' | 'start' | 'end'>): Section {
  return {
    number: null,
    ordinal: null,
    style: 'none',
    level: 1,
    headingEnd: partial.start + partial.title.length,
    children: [],
    ...partial,
  };
}

export const SECTIONS: Section[] = [
  section({
    number: '三、',
    ordinal: 3,
    style: 'cn-dun',
    title: '部门整体支出绩效情况',
    start: at(2),
    end: at(5),
    children: [
      section({
        number: '（二）',
        ordinal: 2,
        style: 'cn-paren',
        level: 2,
        title: '绩效目标完成情况',
        start: at(3),
        end: at(5),
      }),
    ],
  }),
  section({
    number: '四、',
    ordinal: 4,
    style: 'cn-dun',
    title: '存在的问题',
    start: at(5),
    end: REPORT.length,
  }),
];

export function findingAt(
  rule: string,
  severity: Severity,
  words: string,
  message: string,
  extra: { occurrence?: number; also?: string[] } = {},
): Finding {
  const spanOf = (w: string, occurrence = 0) => {
    let start = -1;
    for (let i = 0; i <= occurrence; i++) start = REPORT.indexOf(w, start + 1);
    if (start < 0) throw new Error(`fixture: "${w}" not in report`);
    return { start, end: start + w.length, text: w };
  };
  return {
    rule,
    severity,
    message,
    messageId: 'm',
    spans: [spanOf(words, extra.occurrence), ...(extra.also ?? []).map((w) => spanOf(w))],
    data: {},
  };
}

export function resultOf(findings: Finding[], checks: ReviewResult['checks'] = []): ReviewResult {
  const sorted = [...findings].sort((a, b) => (a.spans[0]?.start ?? 0) - (b.spans[0]?.start ?? 0));
  return { findings: sorted, summary: summarize(sorted), checks, errors: [] };
}

export { at as lineStart };
