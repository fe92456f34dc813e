/**
 * typo: a curated list of wrong word forms, each reported only when its context rules (data, not code)
 * allow. The list is `data/typos.json`; every entry says where it may not (or may only) match.
 */
import typoData from '../../../data/typos.json' with { type: 'json' };
import { CharSet } from '../../text/char-set.ts';
import { defineRule } from '../rule.ts';

export interface TypoEntry {
  wrong: string;
  right: string;
  severity: 'warning' | 'info';
  kind: 'typo' | 'doubled';
  notBefore: string[];
  notAfter: string[];
  onlyBefore: string[];
  onlyAfter: string[];
  notLaterInSentence: string[];
  /** Correct usages that must not be reported (checked by the data test, not used at run time). */
  notTypo: string[];
  note: string;
  source: string;
}

const LIST_FIELDS = [
  'notBefore',
  'notAfter',
  'onlyBefore',
  'onlyAfter',
  'notLaterInSentence',
  'notTypo',
] as const;

/** Validate and normalise the raw JSON once; a bad entry is a build-time error, not a silent miss. */
export function loadTypos(raw: unknown): TypoEntry[] {
  const data = raw as { schema_version?: unknown; entries?: unknown };
  if (data.schema_version !== 1) throw new Error('typos.json: unsupported schema_version');
  if (!Array.isArray(data.entries)) throw new Error('typos.json: entries must be an array');
  return data.entries.map((e: Record<string, unknown>, i: number): TypoEntry => {
    const where = `typos.json entry ${i} (${String(e.wrong)})`;
    if (typeof e.wrong !== 'string' || e.wrong.length < 2)
      throw new Error(`${where}: wrong must have ≥ 2 chars`);
    if (typeof e.right !== 'string' || e.right.length === 0) throw new Error(`${where}: right is required`);
    if (e.wrong === e.right) throw new Error(`${where}: wrong equals right`);
    if (typeof e.note !== 'string' || !e.note) throw new Error(`${where}: note is required`);
    if (typeof e.source !== 'string' || !e.source) throw new Error(`${where}: source is required`);
    const severity = e.severity ?? 'warning';
    if (severity !== 'warning' && severity !== 'info') throw new Error(`${where}: bad severity`);
    const kind = e.kind ?? 'typo';
    if (kind !== 'typo' && kind !== 'doubled') throw new Error(`${where}: bad kind`);
    const lists = {} as Record<(typeof LIST_FIELDS)[number], string[]>;
    for (const field of LIST_FIELDS) {
      const value = e[field] ?? [];
      if (!Array.isArray(value) || value.some((s) => typeof s !== 'string' || s.length === 0)) {
        throw new Error(`${where}: ${field} must be a list of non-empty strings`);
      }
      lists[field] = value as string[];
    }
    for (const key of Object.keys(e)) {
      if (!['wrong', 'right', 'severity', 'kind', 'note', 'source', ...LIST_FIELDS].includes(key)) {
        throw new Error(`${where}: unknown field ${key}`);
      }
    }
    return { wrong: e.wrong, right: e.right, severity, kind, note: e.note, source: e.source, ...lists };
  });
}

const ENTRIES = loadTypos(typoData);

/** Every wrong form has two characters at least: their codes as one key. */
const pairKey = (text: string, at: number) => (text.charCodeAt(at) << 16) | text.charCodeAt(at + 1);

/**
 * Entries by their first two characters: a jump-scan finds the positions whose first character starts an
 * entry, and most of them (的, 年, 建…) are dismissed by one lookup of the second.
 */
const BY_PAIR = new Map<number, TypoEntry[]>();
for (const entry of ENTRIES) {
  const key = pairKey(entry.wrong, 0);
  const list = BY_PAIR.get(key) ?? [];
  list.push(entry);
  BY_PAIR.set(key, list);
}
// Longest first, so that at one position the most specific entry wins (建立建全 before 建全).
for (const list of BY_PAIR.values()) list.sort((a, b) => b.wrong.length - a.wrong.length);
/** Which character codes start an entry, and which follow a first one: one bit test each per position. */
const FIRST = new CharSet(ENTRIES.map((e) => e.wrong.charCodeAt(0)));
const SECOND = new CharSet(ENTRIES.map((e) => e.wrong.charCodeAt(1)));

/** A clause can run over commas (既…，又…) but not past a full stop or a line end. */
const SENTENCE_END = /[。！？；!?;\n]/;
const SENTENCE_LOOKAHEAD = 80;

function endsWithAny(text: string, at: number, list: string[]): boolean {
  return list.some((s) => at >= s.length && text.startsWith(s, at - s.length));
}

function startsWithAny(text: string, at: number, list: string[]): boolean {
  return list.some((s) => text.startsWith(s, at));
}

function laterInSentence(text: string, from: number, list: string[]): boolean {
  const limit = Math.min(text.length, from + SENTENCE_LOOKAHEAD);
  for (let i = from; i < limit; i++) {
    const ch = text[i]!;
    if (SENTENCE_END.test(ch)) return false;
    if (list.some((s) => text.startsWith(s, i))) return true;
  }
  return false;
}

function contextAllows(text: string, start: number, entry: TypoEntry): boolean {
  const end = start + entry.wrong.length;
  if (entry.onlyBefore.length && !startsWithAny(text, end, entry.onlyBefore)) return false;
  if (entry.onlyAfter.length && !endsWithAny(text, start, entry.onlyAfter)) return false;
  if (startsWithAny(text, end, entry.notBefore)) return false;
  if (endsWithAny(text, start, entry.notAfter)) return false;
  if (entry.notLaterInSentence.length && laterInSentence(text, end, entry.notLaterInSentence)) return false;
  return true;
}

export interface TypoOptions {
  /** Also report style preferences (其它 → 其他); off by default: they are not errors. */
  style: boolean;
  /** Wrong forms not to report at all (a unit's accepted usage). */
  ignore: string[];
}

export default defineRule<TypoOptions>({
  id: 'typo',
  category: 'wording',
  severity: 'warning',
  title: '错别字',
  description:
    '按错别字表（data/typos.json）查找常见误写，如“年未实有人数”（应为“年末”）、“截止2020年底”（应为“截至”）、' +
    '“帐户”（应为“账户”）、成语误写和“的的”等虚词重复。每个词条都带上下文条件：例如“年未”只在其后是“实有、' +
    '在职、人数、余额”等名词时才报告，“本年未完成”不报；“截止日期”不报。词形以《现代汉语词典》为准，' +
    '异形词取《第一批异形词整理表》（教育部、国家语委，2001年）的推荐词形。' +
    '“其它/作好”等用字习惯问题默认不报告（选项 style）。',
  options: { style: false, ignore: [] },
  optionDescriptions: {
    style: '同时报告“其它→其他”“作好→做好”等用字习惯问题（默认关闭：它们不算错别字）',
    ignore: '不报告的误写形式列表（例如单位认可的用法）',
  },
  messages: {
    typo: '疑似错别字“{wrong}”，建议改为“{right}”（{note}）',
    doubled: '“{wrong}”疑为多打了一个字，建议改为“{right}”',
    style: '“{wrong}”不合公文用字习惯，建议改为“{right}”（{note}）',
  },
  examples: {
    valid: [
      { name: '否定句中的“年未”', text: '截至12月底，本年未完成的项目共3个，年未发生安全事故。' },
      { name: '“截止日期”是名词用法', text: '项目申报截止日期为2020年6月30日。' },
      { name: '正确写法', text: '2020年本单位年末实有人数57人，其中在职在编人员44人。' },
      { name: '“为了了解”中的“了了”', text: '为了了解群众需求，街道开展“大走访、大调研”活动。' },
      { name: '“既使……又……”', text: '既使资金拨付及时，又保证了专款专用。' },
    ],
    invalid: [
      {
        name: '年未实有人数',
        text: '3．人员情况。2020年本单位年未实有人数57人，其中在职在编人员44人。',
        expect: [{ messageId: 'typo', quote: '年未' }],
      },
      {
        name: '截止 + 日期',
        text: '截止2020年12月31日，已拨付资金331.2万元。',
        expect: [{ messageId: 'typo', quote: '截止' }],
      },
      {
        name: '建立建全',
        text: '进一步建立建全内部控制制度，规范资金拔付程序。',
        expect: [
          { messageId: 'typo', quote: '建立建全' },
          { messageId: 'typo', quote: '拔付' },
        ],
      },
      {
        name: '人员经费和公共经费',
        text: '基本支出1771.06万元，主要用于人员经费和公共经费。',
        expect: [{ messageId: 'typo', quote: '公共经费' }],
      },
      {
        name: '用字习惯（需开启 style 选项）',
        text: '其它支出721.61万元。',
        options: { style: true },
        expect: [{ messageId: 'style', quote: '其它' }],
      },
      {
        name: '虚词重复',
        text: '确保了辖区未出现一例确诊病例，居民的的幸福感得到提升。',
        expect: [{ messageId: 'doubled', quote: '的的' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.normalized;
    const ignore = new Set(ctx.options.ignore);
    const withStyle = ctx.options.style;
    const last = text.length - 1;
    for (let start = 0; start < last; start++) {
      if (!FIRST.has(text.charCodeAt(start)) || !SECOND.has(text.charCodeAt(start + 1))) continue;
      const candidates = BY_PAIR.get(pairKey(text, start));
      if (!candidates) continue;
      const hit = candidates.find(
        (e) =>
          text.startsWith(e.wrong, start) &&
          !ignore.has(e.wrong) &&
          (withStyle || e.severity !== 'info') &&
          contextAllows(text, start, e),
      );
      if (!hit) continue;
      const end = start + hit.wrong.length;
      const messageId = hit.severity === 'info' ? 'style' : hit.kind === 'doubled' ? 'doubled' : 'typo';
      ctx.report({
        messageId,
        data: { wrong: hit.wrong, right: hit.right, note: hit.note },
        spans: [{ start, end }],
        details: { wrong: hit.wrong, right: hit.right, level: hit.severity, source: hit.source },
      });
      start = end - 1; // matches do not overlap
    }
  },
});
