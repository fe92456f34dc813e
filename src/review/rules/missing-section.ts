/**
 * Sections an outline template asks for that the report does not have, matched by meaning: titles are
 * compared after titleKey() (numbers, punctuation, 部门/单位 variants and a trailing 情况 removed), against
 * the template's title and synonyms, exactly or — for keys of four or more characters — contained in a
 * longer heading, so `存在的主要问题及下一步改进措施` satisfies both 问题 and 措施.
 *
 * Search order: section headings (children first inside their matched parent), then any short line
 * whose whole text is the title (exact key), then the template's `mentions` (本部门无政府性基金预算支出). Anything found quiets the finding: a
 * missed finding is preferred to a false alarm.
 *
 * A missing section has no words of its own, so the finding points at the heading after which it
 * belongs: the nearest preceding template sibling that was found, else the parent's heading (for a
 * child), else the report's title line.
 */
import { titleKey } from '../../extract/sections.ts';
import type { Section, Span } from '../../extract/types.ts';
import {
  DEFAULT_OUTLINE_ID,
  getOutline,
  type Outline,
  type OutlineSection,
  outlineApplies,
} from '../outlines.ts';
import { defineRule, type RuleContext } from '../rule.ts';
import { allSections } from '../sections.ts';

export interface MissingSectionOptions {
  /** Outline template id (data/outlines/<id>.json). */
  template: string;
  /** Also check the children of sections that are present (部门职能, 机构设置 …). */
  checkChildren: boolean;
  /** Only check reports whose opening title is the kind the outline is for. */
  matchTitle: boolean;
}

/** Shorter keys (基本, 职能) must match a heading exactly; longer ones may sit inside a longer heading. */
const MIN_CONTAINED_KEY = 4;
/** Lines up to this length may stand for a heading in the weak pass. */
const MAX_LINE_TITLE = 30;
const NUMBER_PREFIX_RE =
  /^(?:第[一二三四五六七八九十百零〇两]+(?:部分|章|节|篇)|[一二三四五六七八九十百零〇]+[、.．]|[（(][一二三四五六七八九十百零〇\d]+[）)]|\d{1,3}[、.．）)]|[\u2460-\u2473])\s*/;

const HAN_RE = /[\u4e00-\u9fff]{2}/;

interface Heading {
  key: string;
  span: Span;
  section?: Section;
}

interface Found {
  /** Where the section is, when it can serve as an anchor (a heading or a short line). */
  anchor: Heading | null;
}

type Ctx = RuleContext<MissingSectionOptions>;

/** Outline entries are data loaded once: their keys are worked out once too. */
const entryKeys = new WeakMap<OutlineSection, string[]>();

function keysOf(entry: OutlineSection): string[] {
  let cached = entryKeys.get(entry);
  if (!cached) {
    const keys = new Set([entry.title, ...entry.synonyms].map(titleKey));
    keys.delete('');
    cached = [...keys];
    entryKeys.set(entry, cached);
  }
  return cached;
}

function keyMatches(key: string, keys: readonly string[]): boolean {
  return keys.some((k) => key === k || (k.length >= MIN_CONTAINED_KEY && key.includes(k)));
}

function sectionHeadings(sections: readonly Section[]): Heading[] {
  return sections.map((section) => ({
    key: titleKey(section.title),
    span: { start: section.start, end: section.headingEnd },
    section,
  }));
}

/** Short lines anywhere, number stripped: the weak pass. The title line and 报告 lines are skipped. */
function shortLines(text: string): Heading[] {
  const out: Heading[] = [];
  let pos = 0;
  let first = true;
  while (pos < text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const raw = text.slice(pos, nl);
    const trimmed = raw.trim();
    if (trimmed) {
      const start = pos + raw.indexOf(trimmed);
      const body = trimmed.replace(NUMBER_PREFIX_RE, '');
      if (!first && body.length <= MAX_LINE_TITLE && HAN_RE.test(body) && !body.includes('报告')) {
        out.push({ key: titleKey(body), span: { start, end: start + trimmed.length } });
      }
      first = false;
    }
    pos = nl + 1;
  }
  return out;
}

function titleLine(text: string): Span | null {
  const match = /\S[^\n]*/.exec(text);
  if (!match) return null;
  const line = match[0].trimEnd();
  return { start: match.index, end: match.index + line.length };
}

function within(section: Section): (h: Heading) => boolean {
  return (h) => h.span.start >= section.start && h.span.end <= section.end && h.section !== section;
}

interface Search {
  headings: Heading[];
  /** The weak pass's short lines; worked out only when a heading search fails (a complete report never needs them). */
  lines: () => Heading[];
  normalized: string;
}

/** Computes `make()` on the first call and returns the same value afterwards. */
function lazily<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => {
    value ??= make();
    return value;
  };
}

function find(search: Search, entry: OutlineSection, parent: Found | null): Found | null {
  const keys = keysOf(entry);
  const hit = (h: Heading) => keyMatches(h.key, keys);
  const parentSection = parent?.anchor?.section;
  // A body line only counts when it is the title itself: 承办…其他事项。 is not 其他事项.
  const heading =
    (parentSection && search.headings.filter(within(parentSection)).find(hit)) ??
    search.headings.find(hit) ??
    search.lines().find((line) => keys.includes(line.key));
  if (heading) return { anchor: heading };
  if (entry.mentions?.some((m) => search.normalized.includes(m))) return { anchor: null };
  return null;
}

function label(text: string, span: Span): string {
  return text.slice(span.start, span.end);
}

/** Check one list of template siblings; recurse into the children of those found. */
function checkSiblings(
  ctx: Ctx,
  search: Search,
  outline: Outline,
  entries: readonly OutlineSection[],
  parent: { entry: OutlineSection; found: Found } | null,
  fallback: Span,
): void {
  let anchor: Span = parent?.found.anchor?.span ?? fallback;
  for (const entry of entries) {
    const found = find(search, entry, parent?.found ?? null);
    if (found) {
      if (found.anchor) anchor = found.anchor.span;
      // A part written as running text (no sub-headings at all) is not asked for sub-sections it may well
      // cover in prose; only a part that is divided into sub-sections is checked for the missing ones.
      const divided = (found.anchor?.section?.children.length ?? 0) > 0;
      if (ctx.options.checkChildren && entry.children?.length && divided) {
        checkSiblings(ctx, search, outline, entry.children, { entry, found }, found.anchor?.span ?? anchor);
      }
      continue;
    }
    if (entry.optional) continue;
    const data = { title: entry.title, outline: outline.name, anchor: label(ctx.doc.text, anchor) };
    ctx.report({
      messageId: parent ? 'missingChild' : 'missing',
      data: parent ? { ...data, parent: parent.entry.title } : data,
      spans: [anchor],
      details: { key: entry.key, template: outline.id, clause: entry.clause ?? null },
    });
  }
}

const FULL_REPORT = [
  '某局2020年度部门整体支出绩效自评报告',
  '一、部门基本情况',
  '（一）部门职能',
  '负责全区财政工作。',
  '（二）机构设置',
  '内设机构8个。',
  '（三）人员情况',
  '年末实有人数57人。',
  '二、一般公共预算支出情况',
  '（一）基本支出情况',
  '基本支出1771.06万元。',
  '（二）项目支出情况',
  '项目支出2775.71万元。',
  '三、政府性基金预算支出情况',
  '本部门无政府性基金预算支出。',
  '四、国有资本经营预算支出情况',
  '本部门无国有资本经营预算支出。',
  '五、社会保险基金预算支出情况',
  '本部门无社会保险基金预算支出。',
  '六、部门整体支出绩效情况',
  '全年完成各项绩效目标。',
  '七、存在的问题及原因分析',
  '预算编制不够精准。',
  '八、下一步改进措施',
  '提高预算编制质量。',
  '九、部门整体支出绩效自评结果拟应用和公开情况',
  '自评结果随部门决算公开。',
  '十、其他需要说明的情况',
  '无。',
];

/** The full example report without the lines from `from` to `to` (exclusive). */
function without(from: string, to: string): string {
  const i = FULL_REPORT.indexOf(from);
  const j = FULL_REPORT.indexOf(to);
  return `${[...FULL_REPORT.slice(0, i), ...FULL_REPORT.slice(j)].join('\n')}\n`;
}

export default defineRule<MissingSectionOptions>({
  id: 'missing-section',
  category: 'completeness',
  severity: 'warning',
  title: '缺少提纲要求的部分',
  description:
    '按所选自评报告提纲（默认：湖南省部门整体支出绩效自评报告提纲，据称出自湘财绩〔2020〕7号附件），' +
    '逐项查找报告中对应的部分。按含义比对标题：忽略序号、标点、“部门/单位”写法和“情况”等后缀，并认同义写法；' +
    '合并标题（如“存在的主要问题及下一步改进措施”）同时满足两项。找不到时提示应补的部分，' +
    '位置指向其在提纲中前一个已有部分的标题（没有时指向报告标题）。' +
    '无相应资金的部分也应保留标题并写明“无”；正文已写明“本部门无政府性基金预算支出”的视为已说明。',
  options: { template: DEFAULT_OUTLINE_ID, checkChildren: true, matchTitle: true },
  optionDescriptions: {
    template: '提纲模板编号，对应 data/outlines/ 下的文件；默认为湖南省部门整体支出自评报告提纲。',
    checkChildren: '是否同时检查已有部分之下的必备小节（如部门职能、机构设置、人员情况）。',
    matchTitle:
      '只对开头标题符合提纲适用范围的报告检查（湖南提纲针对“部门整体支出绩效自评报告”，项目支出自评报告、部门决算不套用）。',
  },
  messages: {
    missing: '未找到「{title}」部分（{outline}要求）；按提纲顺序，应在「{anchor}」之后。',
    missingChild: '「{parent}」中未找到「{title}」（{outline}要求）；按提纲顺序，应在「{anchor}」之后。',
  },
  examples: {
    valid: [
      { name: '提纲各部分齐全', text: `${FULL_REPORT.join('\n')}\n` },
      {
        name: '合并标题同时满足“问题”与“措施”，同义标题可以替代',
        text: `${without('七、存在的问题及原因分析', '九、部门整体支出绩效自评结果拟应用和公开情况')
          .replace('一、部门基本情况', '一、部门（单位）基本情况')
          .replace('（一）部门职能', '（一）主要职能')
          .replace(
            '九、部门整体支出绩效自评结果拟应用和公开情况',
            '七、存在的主要问题及下一步改进措施\n问题与措施见下。\n八、自评结果应用和公开情况',
          )
          .replace('十、其他需要说明的情况', '九、其他需要说明的情况')}`,
      },
      {
        name: '自评表不是报告，不按提纲检查',
        text: '某局2020年度部门整体支出绩效自评表\n一、年度预算执行情况（万元）\n项目\t全年执行数\n合计\t4546.77\n二、绩效指标\n',
      },
    ],
    invalid: [
      {
        name: '缺少“自评结果应用和公开”',
        text: without('九、部门整体支出绩效自评结果拟应用和公开情况', '十、其他需要说明的情况'),
        expect: [{ messageId: 'missing', quote: '八、下一步改进措施' }],
      },
      {
        name: '缺少“政府性基金预算支出情况”，也没有写明“无”',
        text: without('三、政府性基金预算支出情况', '四、国有资本经营预算支出情况'),
        expect: [{ messageId: 'missing', quote: '二、一般公共预算支出情况' }],
      },
      {
        name: '部门基本情况中缺少“人员情况”',
        text: without('（三）人员情况', '二、一般公共预算支出情况'),
        expect: [{ messageId: 'missingChild', quote: '（二）机构设置' }],
      },
    ],
  },
  check(ctx) {
    const outline = getOutline(ctx.options.template);
    if (!outline) {
      ctx.skip(`未知的提纲模板“${ctx.options.template}”。`);
      return;
    }
    const { text, normalized, extraction } = ctx.doc;
    if (ctx.options.matchTitle && !outlineApplies(outline, text)) {
      ctx.skip(
        `报告开头没有提纲「${outline.name}」所针对的报告标题，未对照该提纲检查（如需对照，请在配置中将 matchTitle 设为 false）。`,
      );
      return;
    }
    const title = titleLine(text);
    if (!title || extraction.sections.length === 0) {
      ctx.skip('未识别到章节标题，无法对照提纲检查。');
      return;
    }
    const search: Search = {
      headings: sectionHeadings(allSections(ctx.doc)),
      lines: lazily(() => shortLines(text)),
      normalized,
    };
    checkSiblings(ctx, search, outline, outline.sections, null, title);
  },
});
