/**
 * placeholder: template residue left in a finished report (XX, ××, 20XX年, X月X日, ***万元, 待填写, 【请填写】,
 * （略）, Word's 单击此处输入文字). The patterns are data (`data/placeholders.json`), compiled once here.
 */
import placeholderData from '../../../data/placeholders.json' with { type: 'json' };
import { defineRule } from '../rule.ts';

const MESSAGE_IDS = ['placeholder', 'prompt', 'omitted', 'unfilled'] as const;
type PlaceholderMessageId = (typeof MESSAGE_IDS)[number];

export interface PlaceholderEntry {
  id: string;
  /** The rule that reports it: template residue (placeholder) or a marker of content still to write (unfilled). */
  rule: 'placeholder' | 'unfilled';
  messageId: PlaceholderMessageId;
  label: string;
  pattern: RegExp;
  /** Every match contains one of these: a text with none of them is not searched. */
  requires: string[];
  note: string;
  match: { text: string; quote: string }[];
  noMatch: string[];
}

/** Validate the raw JSON and compile each pattern; a bad pattern fails at load, not silently at check time. */
export function loadPlaceholders(raw: unknown): PlaceholderEntry[] {
  const data = raw as { schema_version?: unknown; entries?: unknown };
  if (data.schema_version !== 1) throw new Error('placeholders.json: unsupported schema_version');
  if (!Array.isArray(data.entries)) throw new Error('placeholders.json: entries must be an array');
  const ids = new Set<string>();
  return data.entries.map((e: Record<string, unknown>, i: number): PlaceholderEntry => {
    const where = `placeholders.json entry ${i} (${String(e.id)})`;
    if (typeof e.id !== 'string' || !e.id || ids.has(e.id))
      throw new Error(`${where}: id missing or duplicated`);
    ids.add(e.id);
    if (!MESSAGE_IDS.includes(e.messageId as PlaceholderMessageId))
      throw new Error(`${where}: bad messageId`);
    for (const field of ['label', 'pattern', 'note'] as const) {
      if (typeof e[field] !== 'string' || !e[field]) throw new Error(`${where}: ${field} is required`);
    }
    const flags = e.flags ?? '';
    if (typeof flags !== 'string' || /[^imsu]/.test(flags))
      throw new Error(`${where}: flags may only use imsu`);
    const match = e.match as { text: string; quote: string }[] | undefined;
    const noMatch = e.noMatch as string[] | undefined;
    if (!Array.isArray(match) || match.length === 0) throw new Error(`${where}: needs match examples`);
    if (!Array.isArray(noMatch)) throw new Error(`${where}: needs noMatch examples`);
    const requires = e.requires as string[] | undefined;
    if (
      !Array.isArray(requires) ||
      requires.length === 0 ||
      requires.some((r) => typeof r !== 'string' || !r)
    )
      throw new Error(`${where}: requires must list the strings every match contains`);
    for (const example of match) {
      if (!requires.some((r) => example.quote.includes(r)))
        throw new Error(`${where}: match “${example.quote}” contains none of requires`);
    }
    const rule = e.rule ?? 'placeholder';
    if (rule !== 'placeholder' && rule !== 'unfilled') throw new Error(`${where}: bad rule`);
    return {
      id: e.id,
      rule,
      messageId: e.messageId as PlaceholderMessageId,
      label: e.label as string,
      pattern: new RegExp(e.pattern as string, `g${flags}`),
      requires,
      note: e.note as string,
      match,
      noMatch,
    };
  });
}

const ENTRIES = loadPlaceholders(placeholderData);
const RESIDUE = ENTRIES.filter((e) => e.rule === 'placeholder');
export const UNFILLED = ENTRIES.filter((e) => e.rule === 'unfilled');

interface Hit {
  start: number;
  end: number;
  entry: PlaceholderEntry;
}

/** All hits of the list, earliest-longest first, overlaps dropped, adjacent hits of one kind merged. */
export function findPlaceholders(text: string, entries: PlaceholderEntry[] = RESIDUE): Hit[] {
  const hits: Hit[] = [];
  for (const entry of entries) {
    if (!entry.requires.some((r) => text.includes(r))) continue;
    const re = entry.pattern;
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      hits.push({ start: m.index, end: m.index + m[0].length, entry });
    }
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Hit[] = [];
  for (const hit of hits) {
    const last = kept[kept.length - 1];
    if (last && hit.start < last.end) continue;
    // 20XX年 + X月X日 is one placeholder date, not two findings.
    if (last && hit.start === last.end && hit.entry.messageId === last.entry.messageId) {
      last.end = hit.end;
      continue;
    }
    kept.push({ ...hit });
  }
  return kept;
}

export default defineRule({
  id: 'placeholder',
  category: 'completeness',
  severity: 'error',
  title: '模板残留',
  description:
    '查找报告中没有替换掉的模板内容：XX、××、xxx 等占位符（“XX市”报告，“XXL”“Xbox”“X光”等英文词和型号不报告）、' +
    '“20XX年”“X月X日”、“***万元”等星号占位（138****5678 这类遮挡号码不报告）、“请填写”“此处填写”、【请填写】【单位名称】等方括号提示、Word 内容控件的' +
    '“单击或点击此处输入文字”，以及“（略）”。报告公开前应填入实际内容。“待填写”等待填标记由 unfilled 规则报告。' +
    '词表见 data/placeholders.json。',
  options: {},
  messages: {
    placeholder: '模板占位符“{text}”未替换（{label}），请填入实际内容',
    prompt: '模板填写提示“{text}”未删除（{label}），请填写实际内容并删去提示',
    omitted: '“{text}”表示内容被省略，自评报告应写明实际内容',
  },
  examples: {
    valid: [
      { name: '英文词和型号', text: '采购XXL码防护服200套，X光机1台。' },
      { name: '遮挡的号码', text: '联系电话138****5678。' },
      { name: '正文中的“有待补充”', text: '部分绩效佐证资料有待补充。' },
    ],
    invalid: [
      {
        name: '名称占位符',
        text: '2020年XX街道整体支出绩效自评报告',
        expect: [{ messageId: 'placeholder', quote: 'XX' }],
      },
      {
        name: '日期占位符',
        text: '报告日期：20XX年X月X日',
        expect: [{ messageId: 'placeholder', quote: '20XX年X月X日' }],
      },
      {
        name: '方括号提示',
        text: '部门（单位）名称：【请填写】',
        expect: [{ messageId: 'prompt', quote: '【请填写】' }],
      },
      { name: '省略', text: '2．机构情况（略）', expect: [{ messageId: 'omitted', quote: '（略）' }] },
    ],
  },
  check(ctx) {
    for (const hit of findPlaceholders(ctx.doc.normalized)) {
      const text = ctx.doc.text.slice(hit.start, hit.end);
      ctx.report({
        messageId: hit.entry.messageId,
        data: { text, label: hit.entry.label },
        spans: [{ start: hit.start, end: hit.end }],
        details: { entry: hit.entry.id },
      });
    }
  },
});
