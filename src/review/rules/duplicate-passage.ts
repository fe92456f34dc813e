/**
 * duplicate-passage: a passage repeated within the report, usually a section pasted into another one.
 *
 * Matching runs over the "significant" characters only (Han, Latin letters, digits; full-width folded,
 * Latin lower-cased), so a copy whose punctuation or spacing was retouched still matches; spans map back to
 * the exact original characters. A Rabin–Karp rolling hash over windows of `minLength` finds seeds; each
 * seed is extended to its maximal run and the scan jumps past it, so the work stays linear in practice.
 *
 * Span order: the first span is the later copy (the one to delete or rewrite), the second the earlier
 * original.
 */
import { defineRule } from '../rule.ts';

export interface DuplicatePassageOptions {
  /** Minimum run, in significant characters (punctuation and spaces not counted). */
  minLength: number;
  /** Two runs whose gaps in both copies are at most this many characters are one passage (a dropped 序号). */
  mergeGap: number;
  /** Minimum share of Chinese characters in a run; below it the run is figures or codes, not prose. */
  minHanRatio: number;
}

function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Significant code for matching, or 0 for characters matching ignores (punctuation, spaces). */
function significant(c: number): number {
  if (isHan(c) || (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a)) return c;
  if (c >= 0x41 && c <= 0x5a) return c + 0x20;
  if (c >= 0xd800 && c <= 0xdfff) return c; // rare CJK extension characters, as surrogate halves
  return 0;
}

/** significant() for every code unit: one array read per character of the report instead of the range tests. */
const SIGNIFICANT = new Uint16Array(0x10000);
for (let c = 0; c < 0x10000; c++) SIGNIFICANT[c] = significant(c);

const B1 = 0x01000193;
const B2 = 0x5bd1e995;
/** Earlier occurrences tried per window; enough for a passage pasted several times. */
const MAX_CANDIDATES = 8;

interface Run {
  /** Indices into the significant sequence: earlier copy at `a`, later copy at `b`, `len` long. */
  a: number;
  b: number;
  len: number;
}

function pow32(base: number, exp: number): number {
  let r = 1;
  for (let i = 0; i < exp; i++) r = Math.imul(r, base);
  return r;
}

/**
 * Bucket heads of the window table: the newest window whose hash falls in each bucket. Only this array is
 * probed at random; the windows' keys and chains are written in order. Kept between calls (reports of
 * ordinary size): a fresh one per report is faulted in page by page, at random.
 */
const KEPT_BUCKETS = 1 << 17;
let keptHeads = new Int32Array(0);
let keptWindows = new Int32Array(0);

function bucketHeads(size: number): Int32Array {
  if (size > KEPT_BUCKETS) return new Int32Array(size).fill(-1);
  if (keptHeads.length < size) keptHeads = new Int32Array(size);
  return keptHeads.fill(-1, 0, size);
}

/** Three arrays of `windows` entries (chain, key A, key B), kept like the heads: fresh memory is cold memory. */
function windowArrays(windows: number): [Int32Array, Int32Array, Int32Array] {
  let store = keptWindows;
  if (store.length < windows * 3) {
    store = new Int32Array(windows * 3);
    if (windows <= KEPT_BUCKETS) keptWindows = store;
  }
  return [
    store.subarray(0, windows),
    store.subarray(windows, 2 * windows),
    store.subarray(2 * windows, 3 * windows),
  ];
}

/** Maximal repeated runs of at least `minLength` significant characters, in order of the later copy. */
export function findRepeatedRuns(codes: Uint16Array, minLength: number): Run[] {
  const m = codes.length;
  const L = minLength;
  const runs: Run[] = [];
  if (L < 1 || m < 2 * L) return runs;
  const windows = m - L + 1;
  // Each window is keyed by two 32-bit rolling hashes. `chain` links the windows of one bucket, newest first;
  // the earlier windows with the same key are the bucket's windows whose keys equal it.
  let size = 1024;
  while (size < windows * 2) size *= 2;
  const mask = size - 1;
  const heads = bucketHeads(size);
  const [chain, keyA, keyB] = windowArrays(windows);
  const sameKey = (w: number, h1: number, h2: number): number => {
    let a = w;
    while (a !== -1 && (keyA[a] !== h1 || keyB[a] !== h2)) a = chain[a]!;
    return a;
  };
  const top1 = pow32(B1, L - 1);
  const top2 = pow32(B2, L - 1);
  let h1 = 0;
  let h2 = 0;
  for (let k = 0; k < L; k++) {
    h1 = (Math.imul(h1, B1) + codes[k]!) | 0;
    h2 = (Math.imul(h2, B2) + codes[k]!) | 0;
  }
  let coveredUntil = 0;
  for (let i = 0; i < windows; i++) {
    if (i > 0) {
      h1 = (Math.imul(h1 - Math.imul(codes[i - 1]!, top1), B1) + codes[i + L - 1]!) | 0;
      h2 = (Math.imul(h2 - Math.imul(codes[i - 1]!, top2), B2) + codes[i + L - 1]!) | 0;
    }
    const bucket = Math.imul(h1 ^ (h2 >>> 7), 0x9e3779b1) & mask;
    const head = heads[bucket]!;
    const latest = head === -1 ? -1 : sameKey(head, h1, h2);
    if (latest !== -1 && i >= coveredUntil) {
      let bestA = -1;
      let bestLen = 0;
      let tried = 0;
      for (let a = latest; a !== -1 && tried < MAX_CANDIDATES; a = sameKey(chain[a]!, h1, h2), tried++) {
        if (a + L > i) continue; // the two copies may not overlap
        // A candidate that cannot reach the best length so far cannot replace it: one comparison rules out
        // most of them before the full extension.
        const last = bestLen - 1;
        if (bestLen > L && (a + last >= i || codes[a + last] !== codes[i + last])) continue;
        let len = 0;
        while (len < L && codes[a + len] === codes[i + len]) len++;
        if (len < L) continue; // hash collision
        while (i + len < m && a + len < i && codes[a + len] === codes[i + len]) len++;
        // Ties go to the earliest copy: it is the original the later text was taken from.
        if (bestA === -1 || len >= bestLen) {
          bestA = a;
          bestLen = len;
        }
      }
      if (bestA !== -1) {
        runs.push({ a: bestA, b: i, len: bestLen });
        coveredUntil = i + bestLen;
      }
    }
    keyA[i] = h1;
    keyB[i] = h2;
    chain[i] = head;
    heads[bucket] = i;
  }
  return runs;
}

export default defineRule<DuplicatePassageOptions>({
  id: 'duplicate-passage',
  category: 'consistency',
  severity: 'warning',
  title: '段落重复',
  description:
    '查找报告内重复出现的长段文字（默认不少于50个字，标点和空格不计、全半角不分），常见于把“主要事业成效”整段' +
    '复制到“绩效目标完成情况”。相邻的重复片段合并为一处，每处给出两个位置：第一个是后出现的副本，第二个是前面的' +
    '原文。以数字、编码为主的片段（表格数字）和分行很碎的表格单元格不报告；短于阈值的套话不报告（选项 minLength）。' +
    '没有专门的规范条文；自评报告各部分应针对各自内容填写，照抄其他部分会掩盖应报告的情况。',
  options: { minLength: 50, mergeGap: 8, minHanRatio: 0.6 },
  optionDescriptions: {
    minLength: '重复片段的最少字数（标点、空格不计）',
    mergeGap: '两段重复之间相隔不超过这么多字（如被删去的序号）时合并为一处',
    minHanRatio: '片段中汉字所占的最低比例，低于它视为数字或编码，不报告',
  },
  messages: {
    repeated: '这段{length}字的文字与前文重复（“{excerpt}”），疑为复制粘贴，请删除或改写为本部分应写的内容',
  },
  examples: {
    valid: [
      {
        name: '不同内容',
        text:
          '（1）狠抓学习教育，强化理论武装。始终把政治理论学习摆在突出位置，认真落实党委中心组学习制度。\n' +
          '（2）狠抓党内管理，强化作风纪律。深入开展社区“两委”成员违纪违法情况排查，强化党内风纪。',
      },
      {
        name: '短于阈值的套话',
        text: '深入学习贯彻党的十九大精神。\n在全街开展深入学习贯彻党的十九大精神活动。',
      },
    ],
    invalid: [
      {
        name: '成效段落被复制到绩效目标完成情况',
        text:
          '（二）当年取得的主要事业成效。\n' +
          '（3）狠抓队伍建设，强化组织力量。高度重视社区换届选举工作，严格依法依规圆满完成了社区党组织换届选举工作。' +
          '积极做好国有企业退休党员的接收工作，目前已接收29名退休党员。\n' +
          '（二）绩效目标完成情况\n' +
          '社会管理项目支出544.3万元，高度重视社区换届选举工作，严格依法依规圆满完成了社区党组织换届选举工作。' +
          '积极做好国有企业退休党员的接收工作，目前已接收29名退休党员。',
        expect: [
          {
            messageId: 'repeated',
            quote:
              '高度重视社区换届选举工作，严格依法依规圆满完成了社区党组织换届选举工作。' +
              '积极做好国有企业退休党员的接收工作，目前已接收29名退休党员',
          },
        ],
      },
    ],
  },
  check(ctx) {
    const { minLength, mergeGap, minHanRatio } = ctx.options;
    const source = ctx.doc.normalized;
    const original = ctx.doc.text;

    const codes = new Uint16Array(source.length);
    const pos = new Int32Array(source.length);
    let m = 0;
    for (let i = 0; i < source.length; i++) {
      const c = SIGNIFICANT[source.charCodeAt(i)]!;
      if (c) {
        codes[m] = c;
        pos[m++] = i;
      }
    }
    const seq = codes.subarray(0, m);
    const runs = findRepeatedRuns(seq, minLength);

    // Merge runs separated by a small gap in both copies (a dropped 序号 or a retouched word).
    const merged: Passage[] = [];
    for (const run of runs) {
      const last = merged[merged.length - 1];
      if (last) {
        const gapA = run.a - (last.a + last.lenA);
        const gapB = run.b - (last.b + last.lenB);
        // …and only while the earlier copy still ends before the later one begins.
        const apart = run.a + run.len <= last.b;
        if (apart && gapA >= 0 && gapA <= mergeGap && gapB >= 0 && gapB <= mergeGap) {
          last.lenA = run.a + run.len - last.a;
          last.lenB = run.b + run.len - last.b;
          last.matched += run.len;
          continue;
        }
      }
      merged.push({ a: run.a, b: run.b, lenA: run.len, lenB: run.len, matched: run.len });
    }

    for (const p of merged) {
      let han = 0;
      for (let k = p.b; k < p.b + p.lenB; k++) if (isHan(seq[k]!)) han++;
      if (han < minHanRatio * p.lenB) continue;
      const later = { start: pos[p.b]!, end: pos[p.b + p.lenB - 1]! + 1 };
      const earlier = { start: pos[p.a]!, end: pos[p.a + p.lenA - 1]! + 1 };
      if (looksLikeTable(original, later.start, later.end)) continue;
      // Take in marks that belong to the words when both copies have them: 124.36%, a quote closed
      // inside the passage (“四个意识”), but not a bracket whose other half lies outside.
      for (;;) {
        const ch = original[later.end] ?? '';
        if (earlier.end >= later.start || ch !== original[earlier.end] || !attachesAfter(original, later, ch))
          break;
        later.end++;
        earlier.end++;
      }
      for (;;) {
        const ch = original[later.start - 1] ?? '';
        if (earlier.start === 0 || ch !== original[earlier.start - 1] || !attachesBefore(original, later, ch))
          break;
        later.start--;
        earlier.start--;
      }
      const flat = original.slice(later.start, later.end).replace(/\s+/g, '');
      const excerpt = flat.length <= 24 ? flat : `${flat.slice(0, 14)}……${flat.slice(-8)}`;
      ctx.report({
        messageId: 'repeated',
        data: { length: p.lenB, excerpt },
        spans: [later, earlier],
        details: { length: p.lenB, matched: p.matched },
      });
    }
  },
});

const OPENER_OF: Record<string, string> = {
  '”': '“',
  '’': '‘',
  '》': '《',
  '）': '（',
  ')': '(',
  '】': '【',
};
const CLOSER_OF: Record<string, string> = {
  '“': '”',
  '‘': '’',
  '《': '》',
  '（': '）',
  '(': ')',
  '【': '】',
};

function count(text: string, from: number, to: number, ch: string): number {
  let n = 0;
  for (let i = text.indexOf(ch, from); i !== -1 && i < to; i = text.indexOf(ch, i + 1)) n++;
  return n;
}

function attachesAfter(text: string, span: { start: number; end: number }, ch: string): boolean {
  if (ch === '%' || ch === '‰') return true;
  const open = OPENER_OF[ch];
  return (
    open !== undefined && count(text, span.start, span.end, open) > count(text, span.start, span.end, ch)
  );
}

function attachesBefore(text: string, span: { start: number; end: number }, ch: string): boolean {
  const close = CLOSER_OF[ch];
  return (
    close !== undefined && count(text, span.start, span.end, close) > count(text, span.start, span.end, ch)
  );
}

/** A merged repeat: the earlier copy at `a` (`lenA` long), the later at `b`; `matched` characters agree. */
interface Passage {
  a: number;
  b: number;
  lenA: number;
  lenB: number;
  matched: number;
}

/** Many short lines or tab-separated cells: a table copied twice, not prose. */
function looksLikeTable(text: string, start: number, end: number): boolean {
  let breaks = 0;
  for (let i = start; i < end; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 || ch === 9 || ch === 0x7c) breaks++; // \n \t |
  }
  return breaks >= 3 && (end - start) / (breaks + 1) < 16;
}
