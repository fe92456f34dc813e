/**
 * repeated-phrase: a word or phrase of two or more Chinese characters typed twice in a row
 * (主要用于主要用于, 情况情况, 具体原因是具体原因是). Detection is generic — any immediately repeated run —
 * and the legitimate reduplications (研究研究, 一步一步, 二〇二〇) are data in `data/reduplications.json`.
 * Single-character doubling (的的, 了了) is left to the typo rule, whose context lists tell 常常 from 的的.
 */
import reduplicationData from '../../../data/reduplications.json' with { type: 'json' };
import { isHan } from '../../text/han.ts';
import { defineRule } from '../rule.ts';

export interface Reduplications {
  words: Set<string>;
  patterns: RegExp[];
  /** A two-character unit with one of these is grammar across a word boundary (的人的人数), not a slip. */
  particles: Set<string>;
}

/** Validate the raw JSON once; a bad pattern fails at load time, not silently at check time. */
export function loadReduplications(raw: unknown): Reduplications {
  const data = raw as { schema_version?: unknown; words?: unknown; patterns?: unknown; particles?: unknown };
  if (data.schema_version !== 1) throw new Error('reduplications.json: unsupported schema_version');
  if (!Array.isArray(data.words) || data.words.some((w) => typeof w !== 'string' || w.length < 2))
    throw new Error('reduplications.json: words must be strings of ≥ 2 chars');
  if (!Array.isArray(data.patterns) || data.patterns.some((p) => typeof p !== 'string'))
    throw new Error('reduplications.json: patterns must be strings');
  if (!Array.isArray(data.particles) || data.particles.some((p) => typeof p !== 'string' || p.length !== 1))
    throw new Error('reduplications.json: particles must be single characters');
  return {
    words: new Set(data.words as string[]),
    patterns: (data.patterns as string[]).map((p) => new RegExp(p)),
    particles: new Set(data.particles as string[]),
  };
}

const ALLOWED = loadReduplications(reduplicationData);

/** The units looked for: 2–20 Chinese characters; a repeated clause longer than that is duplicate-passage's business. */
const MIN_UNIT = 2;
const MAX_UNIT = 20;

/**
 * Counts of the characters (by their low 12 bits) in the window the next unit's copy can start in: a
 * character absent from it starts no repeat, which rules out almost every place with one array read instead
 * of up to 19 comparisons. Small enough to stay in the first-level cache; zero between calls.
 */
const WINDOW = new Uint8Array(4096);
const SLOT_MASK = 4095;

/**
 * The next place at or after `from` where a unit of 2–20 Chinese characters is immediately followed by
 * itself, the longest unit at the leftmost place (what `/([汉]{2,20})\1/` finds, without its ~19
 * backtracking attempts at every character: both copies lie in one run of Chinese characters, so the run's
 * length bounds the unit, and the first character must occur again 2–20 characters on).
 */
export function nextRepeat(text: string, from: number): { start: number; unit: number } | null {
  let i = from;
  while (i < text.length) {
    if (!isHan(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let runEnd = i;
    while (runEnd < text.length && isHan(text.charCodeAt(runEnd))) runEnd++;
    const found = repeatInRun(text, i, runEnd);
    if (found) return found;
    i = runEnd;
  }
  return null;
}

/** The leftmost, longest repeat starting in text[start, runEnd), a run of Chinese characters. */
function repeatInRun(text: string, start: number, runEnd: number): { start: number; unit: number } | null {
  // The window of place i: text[i + 2 .. high], where a unit's second copy may start.
  let high = Math.min(start + MAX_UNIT, runEnd - 1);
  for (let j = start + MIN_UNIT; j <= high; j++) WINDOW[text.charCodeAt(j) & SLOT_MASK]!++;
  for (let i = start; i < runEnd; i++) {
    const first = text.charCodeAt(i);
    if (WINDOW[first & SLOT_MASK] !== 0) {
      for (let unit = Math.min(MAX_UNIT, (runEnd - i) >> 1); unit >= MIN_UNIT; unit--) {
        if (text.charCodeAt(i + unit) === first && sameRun(text, i, i + unit, unit)) {
          for (let j = i + MIN_UNIT; j <= high; j++) WINDOW[text.charCodeAt(j) & SLOT_MASK]!--;
          return { start: i, unit };
        }
      }
    }
    if (i + MIN_UNIT <= high) WINDOW[text.charCodeAt(i + MIN_UNIT) & SLOT_MASK]!--;
    const nextHigh = Math.min(i + 1 + MAX_UNIT, runEnd - 1);
    if (nextHigh > high) {
      high = nextHigh;
      WINDOW[text.charCodeAt(high) & SLOT_MASK]!++;
    }
  }
  return null;
}

function sameRun(text: string, a: number, b: number, length: number): boolean {
  for (let k = 1; k < length; k++) if (text.charCodeAt(a + k) !== text.charCodeAt(b + k)) return false;
  return true;
}

export function isLegitimateReduplication(unit: string, allowed: Reduplications = ALLOWED): boolean {
  if (unit.length === 2 && [...unit].some((c) => allowed.particles.has(c))) return true;
  return allowed.words.has(unit) || allowed.patterns.some((re) => re.test(unit));
}

export default defineRule({
  id: 'repeated-phrase',
  category: 'wording',
  severity: 'warning',
  title: '词语重复',
  description:
    '查找紧挨着重复出现的两个字以上的词语或短语，如“主要用于主要用于”“情况情况”“具体原因是具体原因是”，' +
    '多为复制粘贴或修改时留下的。“研究研究”“雪白雪白”这类合法重叠、“一步一步”“一个一个”这类“一 + 量词”重叠' +
    '以及“二〇二〇”这类数字不报告（词表见 data/reduplications.json）。单字重复（“的的”）由 typo 规则检查。',
  options: {},
  messages: {
    repeated: '“{unit}”连续出现两次，疑为多打或粘贴重复，建议删去一个',
  },
  examples: {
    valid: [
      { name: '合法重叠', text: '请大家研究研究，一步一步把工作做实，一个一个问题解决。' },
      { name: '汉字数字', text: '二〇二〇年度项目支出绩效自评报告' },
      { name: '单字重叠', text: '人人参与，天天巡查，一一核对。' },
      { name: '跨词的虚词', text: '统计有需要的人的人数。' },
      { name: '表格中相邻单元格相同', text: '完成\t完成\n合格 | 合格' },
    ],
    invalid: [
      {
        name: '短语重复',
        text: '该项目资金主要用于主要用于农村道路维修。',
        expect: [{ messageId: 'repeated', quote: '主要用于主要用于' }],
      },
      {
        name: '词语重复',
        text: '二、项目资金使用情况情况',
        expect: [{ messageId: 'repeated', quote: '情况情况' }],
      },
      {
        name: '分句开头重复',
        text: '预算执行率未达100%，具体原因是具体原因是部分工程款尚未结算。',
        expect: [{ messageId: 'repeated', quote: '具体原因是具体原因是' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.normalized;
    for (let found = nextRepeat(text, 0); found; ) {
      const { start } = found;
      const unit = text.slice(start, start + found.unit);
      let end = start + 2 * unit.length;
      // 情况情况情况: one finding for the whole run.
      while (text.startsWith(unit, end)) end += unit.length;
      found = nextRepeat(text, end);
      if (isLegitimateReduplication(unit)) continue;
      ctx.report({
        messageId: 'repeated',
        data: { unit: ctx.doc.text.slice(start, start + unit.length) },
        spans: [{ start, end }],
        details: { unit, times: (end - start) / unit.length },
      });
    }
  },
});
