/**
 * Heading numbers against GB/T 9704-2012 §7.3.3 (一、 → （一） → 1. → （1）), read from the section tree.
 * Sequences are checked per sibling group and numbering family, so one slip is reported once and does not
 * cascade; findings point at the number as written (or at the heading line when there is none).
 */
import { STYLES } from '../../extract/sections.ts';
import type { Section } from '../../extract/types.ts';
import { defineRule, type Report, type RuleContext } from '../rule.ts';

export interface NumberingOptions {
  /** Mention `1、` where GB/T 9704 writes `1.`. */
  arabicDun: boolean;
  /** Mention half-width `(一)` / `(1)` (tolerated, full-width is standard). */
  halfWidthParen: boolean;
  /** Warn when a level is skipped (`一、` directly followed by `1.`). */
  skippedLevel: boolean;
}

/** Front and back matter that is unnumbered by design. */
const UNNUMBERED_BY_DESIGN = /^(?:目\s*录|前\s*言|附件|附表|附录|说明)/;

const CN_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 11 → 十一, 20 → 二十, 105 → 一百零五. */
export function toChineseNumeral(value: number): string {
  if (value >= 100) {
    const rest = value % 100;
    const head = `${CN_NUMERALS[Math.floor(value / 100)]}百`;
    if (rest === 0) return head;
    return rest < 10
      ? `${head}零${CN_NUMERALS[rest]}`
      : `${head}${rest < 20 ? '一' : ''}${toChineseNumeral(rest)}`;
  }
  if (value < 10) return CN_NUMERALS[value]!;
  const tens = Math.floor(value / 10);
  return `${tens === 1 ? '' : CN_NUMERALS[tens]}十${CN_NUMERALS[value % 10]}`;
}

/** The number of `ordinal` written in the standard form of `style`'s family. */
export function formatNumber(style: string, ordinal: number): string {
  switch (STYLES[style]?.family) {
    case 'cn-part':
      return `第${toChineseNumeral(ordinal)}${style === 'cn-part' ? '部分' : '篇'}`;
    case 'cn-chapter':
      return `第${toChineseNumeral(ordinal)}章`;
    case 'cn-section':
      return `第${toChineseNumeral(ordinal)}节`;
    case 'cn-dun':
      return `${toChineseNumeral(ordinal)}、`;
    case 'cn-paren':
      return `（${toChineseNumeral(ordinal)}）`;
    case 'arabic':
      return `${ordinal}.`;
    case 'arabic-paren':
      return `（${ordinal}）`;
    case 'arabic-half-paren':
      return `${ordinal}）`;
    case 'circled':
      return String.fromCharCode(0x2460 + ordinal - 1);
    default:
      return String(ordinal);
  }
}

/** The GB/T form preferred when two styles of one family meet (1. over 1、, 一、 over 一.). */
const STANDARD_STYLE: Record<string, string> = { arabic: 'arabic-dot', 'cn-dun': 'cn-dun' };

function familyOf(section: Section): string | null {
  return section.ordinal === null ? null : (STYLES[section.style]?.family ?? null);
}

function label(section: Section): string {
  return `${section.number ?? ''}${section.title}`;
}

type Ctx = RuleContext<NumberingOptions>;

function numberSpan(section: Section) {
  return { start: section.start, end: section.start + (section.number?.length ?? 0) };
}

function headingSpan(section: Section) {
  return { start: section.start, end: section.headingEnd };
}

/** Gaps, duplicates, restarts and a bad first number, per family within one sibling group. */
function checkSequence(ctx: Ctx, group: Section[]): void {
  const last = new Map<string, { section: Section; index: number }>();
  group.forEach((section, index) => {
    const family = familyOf(section);
    if (family === null) return;
    const ordinal = section.ordinal!;
    const previous = last.get(family);
    last.set(family, { section, index });
    if (!previous) {
      // After unnumbered siblings, 三、 in third place is what the author meant.
      if (ordinal !== 1 && ordinal !== index + 1) {
        ctx.report({
          messageId: 'badStart',
          data: { heading: label(section), expected: formatNumber(section.style, 1) },
          spans: [numberSpan(section)],
          details: { ordinal, expected: 1 },
        });
      }
      return;
    }
    const prev = previous.section.ordinal!;
    const unnumberedBetween = group.slice(previous.index + 1, index).filter((s) => s.ordinal === null).length;
    if (ordinal === prev + 1 || (unnumberedBetween > 0 && ordinal === prev + 1 + unnumberedBetween)) return;
    const expected = formatNumber(section.style, prev + 1);
    const data = { heading: label(section), previous: label(previous.section), expected };
    const spans = [numberSpan(section), numberSpan(previous.section)];
    const details = { ordinal, previousOrdinal: prev };
    if (ordinal > prev + 1) ctx.report({ messageId: 'gap', data, spans, details });
    else if (ordinal === prev) ctx.report({ messageId: 'duplicate', data, spans, details });
    else if (ordinal === 1) ctx.report({ messageId: 'restart', data, spans, details });
    else ctx.report({ messageId: 'outOfOrder', data, spans, details });
  });
}

/** The style most siblings of a family use; a tie goes to the GB/T form. */
function referenceStyle(members: Section[], family: string): string {
  const counts = new Map<string, number>();
  for (const s of members) counts.set(s.style, (counts.get(s.style) ?? 0) + 1);
  const standard = STANDARD_STYLE[family];
  let best = members[0]!.style;
  for (const [style, count] of counts) {
    const bestCount = counts.get(best)!;
    if (count > bestCount || (count === bestCount && style === standard)) best = style;
  }
  return best;
}

function byFamily(group: Section[]): Map<string, Section[]> {
  const families = new Map<string, Section[]>();
  for (const s of group) {
    const family = familyOf(s);
    if (family === null) continue;
    const list = families.get(family);
    if (list) list.push(s);
    else families.set(family, [s]);
  }
  return families;
}

/** `1、` beside `2.` at one level; returns the headings reported so style hints are not repeated. */
function checkMixedStyles(ctx: Ctx, group: Section[]): Set<Section> {
  const reported = new Set<Section>();
  for (const [family, members] of byFamily(group)) {
    const reference = referenceStyle(members, family);
    const other = members.find((s) => s.style === reference)!;
    for (const s of members) {
      if (s.style === reference) continue;
      ctx.report({
        messageId: 'mixedStyle',
        data: { number: s.number!, other: other.number!, expected: formatNumber(reference, s.ordinal!) },
        spans: [numberSpan(s), numberSpan(other)],
        details: { style: s.style, referenceStyle: reference },
      });
      reported.add(s);
    }
  }
  return reported;
}

/** Style hints, once per sibling group: `1、` for `1.`, half-width brackets. */
function checkStyleHints(ctx: Ctx, group: Section[], alreadyReported: Set<Section>): void {
  const { options } = ctx;
  const dun = group.filter((s) => s.style === 'arabic-dun' && !alreadyReported.has(s));
  if (options.arabicDun && dun.length) {
    const first = dun[0]!;
    ctx.report({
      messageId: 'arabicDun',
      data: {
        number: first.number!,
        expected: formatNumber('arabic-dot', first.ordinal!),
        count: dun.length,
      },
      spans: [numberSpan(first)],
      details: { count: dun.length },
    });
  }
  const half = group.filter((s) => s.number !== null && /^\(/.test(s.number) && !alreadyReported.has(s));
  if (options.halfWidthParen && half.length) {
    const first = half[0]!;
    ctx.report({
      messageId: 'halfWidthParen',
      data: {
        number: first.number!,
        expected: formatNumber(first.style, first.ordinal!),
        count: half.length,
      },
      spans: [numberSpan(first)],
      details: { count: half.length },
    });
  }
}

/** The number an unnumbered heading would carry, from its nearest numbered sibling of the main family. */
function expectedNumberAt(group: Section[], index: number, family: string): string | null {
  for (let j = index - 1; j >= 0; j--) {
    const s = group[j]!;
    if (familyOf(s) === family) return formatNumber(s.style, s.ordinal! + (index - j));
  }
  for (let j = index + 1; j < group.length; j++) {
    const s = group[j]!;
    if (familyOf(s) !== family) continue;
    const ordinal = s.ordinal! - (j - index);
    return ordinal >= 1 ? formatNumber(s.style, ordinal) : null;
  }
  return null;
}

function checkUnnumbered(ctx: Ctx, group: Section[]): void {
  const families = byFamily(group);
  if (families.size === 0) return;
  let main = '';
  let mainCount = 0;
  for (const [family, members] of families) {
    if (members.length > mainCount) [main, mainCount] = [family, members.length];
  }
  const sample = families.get(main)![0]!;
  group.forEach((section, index) => {
    if (section.ordinal !== null || UNNUMBERED_BY_DESIGN.test(section.title)) return;
    // No possible number (an intro line before 一、): unnumbered by design, not a slip.
    const expected = expectedNumberAt(group, index, main);
    if (!expected) return;
    ctx.report({
      messageId: 'unnumbered',
      data: { title: section.title, sibling: sample.number!, expected },
      spans: [headingSpan(section)],
      details: { level: section.level },
    });
  });
}

/**
 * The sample's `（三）强化廉政建设` under `（二）` whose children run `1、` `2.`: the number continues the
 * children's sequence and its own children use the grandchildren's style, so it belongs one level down.
 * Both conditions are required; either alone is common in sound reports.
 */
function findMisplaced(group: Section[]): Map<Section, { expected: string; run: Section[] }> {
  const found = new Map<Section, { expected: string; run: Section[] }>();
  for (let k = 1; k < group.length; k++) {
    const section = group[k]!;
    const prev = group[k - 1]!;
    const firstChild = section.children[0];
    if (section.ordinal === null || !firstChild || firstChild.ordinal === null) continue;
    const run = prev.children.filter((c) => c.ordinal !== null && familyOf(c) !== familyOf(section));
    const lastChild = run.at(-1);
    if (!lastChild || section.ordinal !== lastChild.ordinal! + 1) continue;
    const grandchildStyles = new Set(run.flatMap((c) => c.children.map((g) => g.style)));
    if (!grandchildStyles.has(firstChild.style) || familyOf(firstChild) === familyOf(lastChild)) continue;
    const reference = referenceStyle(run, familyOf(lastChild)!);
    found.set(section, { expected: formatNumber(reference, section.ordinal), run });
  }
  return found;
}

/** Integer GB/T ranks 1–4 (and ① as 5); other styles have no place in the §7.3.3 order. */
function gbRank(section: Section): number | null {
  const rank = section.ordinal === null ? null : STYLES[section.style]?.rank;
  return rank !== undefined && rank !== null && Number.isInteger(rank) && rank >= 1 ? rank : null;
}

function checkSkippedLevel(ctx: Ctx, parent: Section): void {
  const child = parent.children.find((c) => c.ordinal !== null);
  const parentRank = gbRank(parent);
  const childRank = child ? gbRank(child) : null;
  if (!child || parentRank === null || childRank === null || childRank <= parentRank + 1) return;
  ctx.report({
    messageId: 'skippedLevel',
    data: { parent: parent.number!, number: child.number! },
    spans: [numberSpan(child), numberSpan(parent)],
    details: { parentStyle: parent.style, childStyle: child.style },
  });
}

function checkGroup(ctx: Ctx, group: Section[]): void {
  checkSequence(ctx, group);
  const mixed = checkMixedStyles(ctx, group);
  checkStyleHints(ctx, group, mixed);
  checkUnnumbered(ctx, group);
  const misplaced = findMisplaced(group);
  for (const [section, { expected, run }] of misplaced) {
    ctx.report({
      messageId: 'misplacedLevel',
      data: {
        heading: label(section),
        run: run.map((c) => c.number).join('」「'),
        child: section.children[0]!.number!,
        expected,
      },
      spans: [numberSpan(section), numberSpan(run.at(-1)!)],
      details: { expected },
    });
  }
  for (const section of group) {
    if (ctx.options.skippedLevel && !misplaced.has(section)) checkSkippedLevel(ctx, section);
    if (section.children.length) checkGroup(ctx, section.children);
  }
}

export default defineRule<NumberingOptions>({
  id: 'numbering',
  category: 'structure',
  severity: 'warning',
  title: '标题序号',
  description:
    '检查各级标题序号是否连续、不重复、不中途重排，同级写法是否统一，有无漏编序号或层级错位。' +
    '依据 GB/T 9704-2012《党政机关公文格式》第7.3.3条：结构层次序数依次为“一、”“（一）”“1.”“（1）”。' +
    '“1、”与半角括号“(一)”属写法提示，不影响层次判断。',
  options: { arabicDun: true, halfWidthParen: true, skippedLevel: true },
  optionDescriptions: {
    arabicDun: '提示以“1、”代替标准写法“1.”的情况（每组同级标题提示一次）。',
    halfWidthParen: '提示半角括号“(一)”“(1)”（可以接受，公文宜用全角）。',
    skippedLevel: '提示跳过层级，如“一、”之下直接使用“1.”。',
  },
  messages: {
    gap: '序号跳号：「{heading}」前一个同级标题是「{previous}」，此处应为「{expected}」。',
    duplicate: '序号重复：「{heading}」与前面的「{previous}」序号相同，此处应为「{expected}」。',
    restart: '序号中途重排：「{heading}」在同级的「{previous}」之后又从头编号，此处应为「{expected}」。',
    outOfOrder: '序号倒序：「{heading}」排在「{previous}」之后，此处应为「{expected}」。',
    badStart: '「{heading}」是本级第一个编号标题，序号应从「{expected}」开始。',
    mixedStyle:
      '同级序号写法不统一：「{number}」与同级的「{other}」混用，宜统一为「{expected}」' +
      '（GB/T 9704-2012 第7.3.3条：第三层为“1.”）。',
    unnumbered: '标题「{title}」没有序号，而同级标题使用「{sibling}」等序号；按位置应为「{expected}」。',
    misplacedLevel:
      '层级疑似错位：「{heading}」接续了上一节下「{run}」的序号，其下又直接使用「{child}」，' +
      '应为下一层的「{expected}」。',
    skippedLevel:
      '标题层级跳过：「{parent}」之下直接使用「{number}」；GB/T 9704-2012 第7.3.3条的层次依次为' +
      '“一、”“（一）”“1.”“（1）”。',
    arabicDun:
      '写法提示：「{number}」用顿号，本组共{count}处；GB/T 9704-2012 第7.3.3条第三层序号用“1.”' +
      '（阿拉伯数字加下脚点），宜作「{expected}」。',
    halfWidthParen:
      '写法提示：「{number}」用半角括号，本组共{count}处；可以接受，公文宜用全角括号「{expected}」。',
  },
  examples: {
    valid: [
      {
        name: '标准四级序号',
        text: '一、部门基本情况\n（一）部门职能\n1.主要职责\n（1）贯彻执行国家法律法规。\n（2）完成上级交办任务。\n2.机构设置\n本单位设5个内设机构。\n（二）人员情况\n年末实有人数57人。\n二、一般公共预算支出情况\n全年支出4546.77万元。\n',
      },
      {
        name: '职责清单中的“1）”是列表，不是标题',
        text: '一、部门职能\n1）贯彻执行国家法律、法规、规章；\n2）负责居民区的环境卫生管理工作；\n3）承办区政府交办的其他事项。\n二、人员情况\n年末实有人数57人。\n',
      },
    ],
    invalid: [
      {
        name: '跳号',
        text: '一、部门基本情况\n本单位为正科级单位。\n三、部门整体支出绩效情况\n全年支出4546.77万元。\n',
        expect: [{ messageId: 'gap', quote: '三、' }],
      },
      {
        name: '序号重复',
        text: '一、部门基本情况\n本单位为正科级单位。\n二、一般公共预算支出情况\n全年支出4546.77万元。\n二、部门整体支出绩效情况\n全年完成各项任务。\n',
        expect: [{ messageId: 'duplicate', quote: '二、' }],
      },
      {
        name: '同级中途重新编号',
        text: '（一）基本支出情况\n基本支出1771.06万元。\n（二）项目支出情况\n项目支出2775.71万元。\n（一）绩效目标设置情况\n全年设置五个项目。\n',
        expect: [{ messageId: 'restart', quote: '（一）' }],
      },
      {
        name: '序号倒序（先跳号，再回头）',
        text: '一、部门基本情况\n正文。\n三、部门整体支出绩效情况\n正文。\n二、一般公共预算支出情况\n正文。\n',
        expect: [
          { messageId: 'gap', quote: '三、' },
          { messageId: 'outOfOrder', quote: '二、' },
        ],
      },
      {
        name: '第一个编号不是从1开始',
        text: '一、部门基本情况\n（二）人员情况\n年末实有人数57人。\n（三）机构情况\n内设机构5个。\n',
        expect: [{ messageId: 'badStart', quote: '（二）' }],
      },
      {
        name: '同级混用“1、”与“2.”',
        text: '（一）当年取得的主要事业成效\n1、强化基层党建，筑牢发展根基\n全年开展学习11次。\n2.强化履职担当，践行初心使命\n全年激活消费20亿元。\n',
        expect: [{ messageId: 'mixedStyle', quote: '1、' }],
      },
      {
        name: '一级标题漏编序号',
        text: '一、部门基本情况\n本单位为正科级单位。\n一般公共预算支出情况\n全年支出4546.77万元。\n三、部门整体支出绩效情况\n全年完成各项任务。\n',
        expect: [{ messageId: 'unnumbered', quote: '一般公共预算支出情况' }],
      },
      {
        name: '“（三）”接续了下一层的“1.”“2.”',
        text: '一、主要成效\n（一）基本情况\n本单位为正科级单位。\n（二）当年取得的主要事业成效\n1.强化基层党建\n（1）狠抓学习教育。全年学习11次。\n2.强化履职担当\n（1）铆足干劲。全年引企300家。\n（三）强化廉政建设\n（1）强化“两个责任”落实。全年立案3起。\n',
        expect: [{ messageId: 'misplacedLevel', quote: '（三）' }],
      },
      {
        name: '“1、”代替“1.”（写法提示）',
        text: '（一）项目支出情况\n1、社会管理项目\n支出544.3万元。\n2、公共服务项目\n支出740.59万元。\n',
        expect: [{ messageId: 'arabicDun', quote: '1、' }],
      },
      {
        name: '半角括号（写法提示）',
        text: '一、部门基本情况\n(一)部门职能\n负责辖区社会管理。\n(二)人员情况\n年末实有人数57人。\n',
        expect: [{ messageId: 'halfWidthParen', quote: '(一)' }],
      },
      {
        name: '层级跳过',
        text: '一、部门基本情况\n1.部门职能\n负责辖区社会管理。\n2.人员情况\n年末实有人数57人。\n',
        expect: [{ messageId: 'skippedLevel', quote: '1.' }],
      },
    ],
  },
  check(ctx) {
    const sections = ctx.doc.extraction.sections;
    if (sections.length === 0) {
      ctx.skip('未识别到章节标题，无法检查序号。');
      return;
    }
    // Collect, then report in document order: groups are visited parent-first.
    const reports: Report[] = [];
    checkGroup({ ...ctx, report: (r) => reports.push(r) }, sections);
    reports.sort((a, b) => a.spans[0]!.start - b.spans[0]!.start);
    for (const r of reports) ctx.report(r);
  },
});
