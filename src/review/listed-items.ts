/**
 * A stated count and the items named right after it: 设置垃圾中转站4座，即城东…、城西…、城南… (three named),
 * 共安排项目5个，具体为：1、…2、…3、…4、… (four numbered lines). Only an enumeration the text announces
 * (即, 分别为, 具体为, 包括 or a colon) is counted.
 */
import entities from '../../data/entities.json' with { type: 'json' };
import type { Fact, Span } from '../extract/types.ts';

export interface ListedCount {
  count: Fact;
  items: Span[];
}

const ANNOUNCE = /^[，,]?\s*(?:即|分别为|分别是|具体为|具体是|具体如下|如下)?\s*[：:]?/;
/** The counted noun between the count and the enumeration: 设置5个党政机构：…, 共设7个科室，分别为…. */
const COUNTED_NOUN = /^[\u4e00-\u9fff]{1,6}(?=[：:]|[，,]?(?:即|分别为|分别是))/;
const NUMBERED = /^\s*(?:\d{1,2}[、.．]|[（(]\d{1,2}[）)]|[一二三四五六七八九十]{1,2}[、是])/;
const MAX_ITEMS = 30;

export function listedCounts(norm: string, facts: Fact[]): ListedCount[] {
  const out: ListedCount[] = [];
  for (const f of facts) {
    if (f.kind !== 'count' || f.approx || f.comparator || f.change || f.decimals > 0) continue;
    if (f.value < 2 || f.value > MAX_ITEMS || f.unitSource !== 'inline') continue;
    const named = namedEntities(norm, f);
    if (named) {
      if (named.length >= 2 && named.length !== f.value) out.push({ count: f, items: named });
      continue;
    }
    const noun = COUNTED_NOUN.exec(norm.slice(f.end, f.end + 12))?.[0].length ?? 0;
    const marker = ANNOUNCE.exec(norm.slice(f.end + noun, f.end + noun + 8))!;
    if (marker[0].trim().replace(/^[，,]/, '') === '') continue;
    const from = f.end + noun + marker[0].length;
    const items =
      norm[from] === '\n' || norm.slice(from, from + 2).trim() === ''
        ? numberedLines(norm, from)
        : inlineItems(norm, from);
    if (items.length >= 2 && items.length !== f.value) out.push({ count: f, items });
  }
  return out;
}

function numberedLines(norm: string, from: number): Span[] {
  const items: Span[] = [];
  let pos = norm.indexOf('\n', from);
  while (pos >= 0) {
    const start = pos + 1;
    let end = norm.indexOf('\n', start);
    if (end < 0) end = norm.length;
    if (!NUMBERED.test(norm.slice(start, end))) break;
    items.push({ start, end });
    pos = end < norm.length ? end : -1;
  }
  return items;
}

/**
 * 城东中转站、城西中转站、城南中转站 up to the clause end; each item short, as names are. A 、 inside
 * brackets belongs to one item: 城市管理办公室（加挂区域建设服务办公室、…牌子） is one office.
 */
function inlineItems(norm: string, from: number): Span[] {
  const m = /^[^。；;\n，,：:]{2,200}/.exec(norm.slice(from));
  if (!m?.[0].includes('、')) return [];
  const items: Span[] = [];
  let start = from;
  let depth = 0;
  const close = (end: number) => {
    if (end - start === 0 || end - start > 20) return false;
    items.push({ start, end });
    return true;
  };
  for (let i = 0; i < m[0].length; i++) {
    const ch = m[0][i]!;
    if (ch === '（' || ch === '(') depth++;
    else if ((ch === '）' || ch === ')') && depth > 0) depth--;
    else if (ch === '、' && depth === 0) {
      if (!close(from + i)) return [];
      start = from + i + 1;
    }
  }
  if (!close(from + m[0].length)) return [];
  // 桂花苑小区、南门小区和粮站宿舍区: a conjunction joins two names in one item, so the count is unknown.
  return items.some((item) => /和|及|与/.test(norm.slice(item.start, item.end))) ? [] : items;
}

const SELECTION = new RegExp(entities.selectionWords.join('|'));
const NOUNS = Object.entries(entities.nouns).sort((a, b) => b[0].length - a[0].length);
const LEADING = new RegExp(
  `^(?:${[...entities.leadingWords].sort((a, b) => b.length - a.length).join('|')})+`,
);

/**
 * 改善6所学校办学条件：为青溪县第三小学新建…；改造桃源中学、石塘中学…: a count of named things
 * (data/entities.json) followed by a colon, and the distinct names of that kind after it in the paragraph.
 * Null when the count is not of such a noun or no colon introduces the names.
 */
function namedEntities(norm: string, count: Fact): Span[] | null {
  const after = norm.slice(count.end, count.end + entities.reach);
  const noun = NOUNS.find(([n]) => after.startsWith(n));
  if (!noun) return null;
  const colon = /^[^。；;\n：:]{0,12}[：:]/.exec(after);
  if (!colon) return null;
  const from = count.end + colon[0].length;
  const paragraphEnd = norm.indexOf('\n', from);
  const scope = norm.slice(
    from,
    Math.min(count.end + entities.reach, paragraphEnd < 0 ? norm.length : paragraphEnd),
  );
  // 其中/例如/重点…, or 等 after a name: the names that follow are a selection, not the whole count.
  if (SELECTION.test(scope)) return [];
  const name = new RegExp(`[\\u4e00-\\u9fff]{1,12}?(?:${noun[1].join('|')})`, 'g');
  const seen = new Set<string>();
  const items: Span[] = [];
  for (const m of scope.matchAll(name)) {
    const key = m[0].replace(LEADING, '');
    if (key.length < 3 || seen.has(key)) continue;
    seen.add(key);
    const start = from + m.index! + (m[0].length - key.length);
    items.push({ start, end: start + key.length });
  }
  return items;
}
