/**
 * heading-truncated: a heading that lost its first character (（二）目资金使用情况 for 项目资金使用情况,
 * 一、本情况 for 基本情况) — typically a character deleted together with the heading number. A title is
 * compared with the known headings (data/headings.json plus every outline's titles and synonyms) minus
 * their first character; a title that is itself a known heading, or whose lost first character is a
 * detachable modifier (本年度… → 年度…), is not reported.
 */
import headingData from '../../../data/headings.json' with { type: 'json' };
import { listOutlines, type OutlineSection } from '../outlines.ts';
import { defineRule } from '../rule.ts';
import { allSections } from '../sections.ts';

/** The remainder must still be this long: 他 for 其他 is no evidence of anything. */
const MIN_REMAINDER = 3;
const TRAILING = /[\s：:。．.，,；;]+$/;

function outlineTitles(sections: readonly OutlineSection[], out: string[]): string[] {
  for (const s of sections) {
    out.push(s.title, ...s.synonyms);
    if (s.children) outlineTitles(s.children, out);
  }
  return out;
}

export interface HeadingIndex {
  known: Set<string>;
  /** Known heading minus its first character → the heading. */
  truncated: Map<string, string>;
}

export function buildHeadingIndex(headings: readonly string[], skipFirst: readonly string[]): HeadingIndex {
  const known = new Set(headings);
  const skip = new Set(skipFirst);
  const truncated = new Map<string, string>();
  for (const heading of known) {
    const rest = heading.slice(1);
    if (rest.length < MIN_REMAINDER || skip.has(heading[0]!) || known.has(rest)) continue;
    if (!truncated.has(rest)) truncated.set(rest, heading);
  }
  return { known, truncated };
}

const INDEX = buildHeadingIndex(
  [...headingData.headings, ...listOutlines().flatMap((o) => outlineTitles(o.sections, []))],
  headingData.skipFirst,
);

export default defineRule({
  id: 'heading-truncated',
  category: 'wording',
  severity: 'warning',
  title: '标题缺字',
  description:
    '查找丢了第一个字的章节标题，如“（二）目资金使用情况”（应为“项目资金使用情况”）、“一、本情况”（应为“基本情况”）。' +
    '标题与常见章节标题（data/headings.json）和提纲模板（data/outlines/*.json）中的标题逐一比较，恰好等于某个标题' +
    '去掉首字时报告；本身就是常见标题的，或去掉的是“本、上、全”等可省的修饰字的（“年度工作完成情况”），不报告。',
  options: {},
  messages: {
    truncated: '标题“{title}”疑似缺了首字，应为“{heading}”',
  },
  examples: {
    valid: [
      { name: '完整标题', text: '一、项目基本情况\n（一）项目资金使用情况\n二、年度工作完成情况' },
      { name: '正文中的词', text: '该项目基本情况良好，目资金使用情况另述。' },
    ],
    invalid: [
      {
        name: '标题丢首字',
        text: '一、项目基本情况\n二、项目资金情况\n（一）资金预算\n（二）目资金使用情况\n截至年底支出90万元。',
        expect: [{ messageId: 'truncated', quote: '目资金使用情况' }],
      },
      {
        name: '基本情况',
        text: '一、本情况\n本单位为财政全额拨款单位。\n二、绩效目标完成情况',
        expect: [{ messageId: 'truncated', quote: '本情况' }],
      },
    ],
  },
  check(ctx) {
    const { text } = ctx.doc;
    for (const section of allSections(ctx.doc)) {
      const title = section.title.replace(TRAILING, '');
      const heading = INDEX.truncated.get(title);
      if (!heading || INDEX.known.has(title)) continue;
      const at = text.indexOf(title, section.start);
      if (at < 0 || at >= section.headingEnd) continue;
      ctx.report({
        messageId: 'truncated',
        data: { title, heading },
        spans: [{ start: at, end: at + title.length }],
        details: { heading },
      });
    }
  },
});
