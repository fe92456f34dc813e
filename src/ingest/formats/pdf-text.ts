/**
 * Character-level repairs for text taken from a PDF's text layer: radicals that should be ideographs,
 * spaces that a layout engine put between Chinese characters, numbers split across text runs.
 */

/**
 * CJK Radicals Supplement code points whose glyph is a whole character. Chromium (and some Office
 * exports) map glyphs of CFF CJK fonts to these in the ToUnicode table, so `部门` extracts as `部⻔`.
 * NFKC covers the Kangxi Radicals block (U+2F00–U+2FD5) but not this one, except ⺟ and ⻳.
 */
const RADICAL_SUPPLEMENT: Record<string, string> = {
  '⺁': '厂',
  '⺆': '冂',
  '⺇': '几',
  '⺊': '卜',
  '⺌': '小',
  '⺎': '兀',
  '⺐': '尢',
  '⺒': '巳',
  '⺓': '幺',
  '⺕': '彐',
  '⺗': '心',
  '⺘': '扌',
  '⺙': '攵',
  '⺛': '旡',
  '⺜': '日',
  '⺝': '月',
  '⺟': '母',
  '⺠': '民',
  '⺡': '氵',
  '⺢': '氺',
  '⺣': '灬',
  '⺤': '爫',
  '⺥': '爫',
  '⺦': '丬',
  '⺧': '牜',
  '⺨': '犭',
  '⺩': '王',
  '⺪': '疋',
  '⺫': '罒',
  '⺬': '示',
  '⺭': '礻',
  '⺯': '糹',
  '⺰': '纟',
  '⺴': '网',
  '⺹': '耂',
  '⺺': '聿',
  '⺻': '肀',
  '⺼': '月',
  '⺽': '臼',
  '⺾': '艹',
  '⺿': '艹',
  '⻀': '艹',
  '⻁': '虎',
  '⻂': '衤',
  '⻃': '西',
  '⻄': '西',
  '⻅': '见',
  '⻆': '角',
  '⻇': '角',
  '⻈': '讠',
  '⻉': '贝',
  '⻊': '足',
  '⻋': '车',
  '⻏': '阝',
  '⻐': '钅',
  '⻑': '長',
  '⻒': '镸',
  '⻓': '长',
  '⻔': '门',
  '⻖': '阝',
  '⻗': '雨',
  '⻘': '青',
  '⻙': '韦',
  '⻚': '页',
  '⻛': '风',
  '⻜': '飞',
  '⻝': '食',
  '⻟': '飠',
  '⻠': '饣',
  '⻡': '首',
  '⻢': '马',
  '⻣': '骨',
  '⻤': '鬼',
  '⻥': '鱼',
  '⻦': '鸟',
  '⻧': '卤',
  '⻨': '麦',
  '⻩': '黄',
  '⻪': '黾',
  '⻫': '斉',
  '⻬': '齐',
  '⻭': '歯',
  '⻮': '齿',
  '⻯': '竜',
  '⻰': '龙',
  '⻱': '龜',
  '⻲': '亀',
  '⻳': '龟',
};

const RADICALS = /[\u2e80-\u2fdf]/g;

/** Radicals back to the unified ideographs they stand for; other text is returned as is. */
export function mapRadicals(text: string): string {
  if (!/[\u2e80-\u2fdf]/.test(text)) return text;
  return text.replace(RADICALS, (char) => {
    const code = char.charCodeAt(0);
    if (code >= 0x2f00) return char.normalize('NFKC');
    return RADICAL_SUPPLEMENT[char] ?? char;
  });
}

/**
 * Han, kana, CJK punctuation and full-width forms: characters set without spaces between them. A space
 * next to one of these in extracted text is layout (justification, CJK–Latin auto-spacing), not content.
 */
const WIDE =
  /[\u2e80-\u303f\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]/;

export function isWide(char: string | undefined): boolean {
  return char !== undefined && WIDE.test(char);
}

/** Letters, digits and ASCII punctuation: spaces between these are real word spaces. */
export function isNarrow(char: string | undefined): boolean {
  return char !== undefined && char !== ' ' && !isWide(char) && !/\s/.test(char);
}

const INVISIBLE = /[\u00ad\u200b-\u200d\u2060\ufeff]/g;

/**
 * One table cell or one line of prose: whitespace runs next to a wide character are dropped, other runs
 * become one space, and a decimal number broken by a space (`4546. 77`) is joined again.
 */
export function cleanText(text: string): string {
  const collapsed = text.replace(INVISIBLE, '').replace(/\s+/g, (run, at: number, whole: string) => {
    const before = whole[at - 1];
    const after = whole[at + run.length];
    return isWide(before) || isWide(after) ? '' : ' ';
  });
  return joinBrokenDecimals(collapsed).trim();
}

/** `4546. 77` → `4546.77`; but `1. 2020年…` at the start of a line is a list marker, not a decimal. */
function joinBrokenDecimals(text: string): string {
  return text
    .replace(/(\d+)([.,]) (?=\d)/g, (whole, digits: string, mark: string, at: number) =>
      at === 0 && digits.length <= 2 ? whole : `${digits}${mark}`,
    )
    .replace(/(\d) (?=[.,]\d)/g, '$1');
}

/** 。！？；： and their ASCII forms, optionally followed by closing quotes or brackets. */
const SENTENCE_END = /[。．！？!?；;：:…][”’"'」』）)】》]*$/;

export function endsSentence(text: string): boolean {
  return SENTENCE_END.test(text);
}

/**
 * The start of a heading or list item: `一、` `（一）` `1.` `1、` `（1）` `1）` `①` `第一章` `附件`. A line
 * starting like this begins a new paragraph even when the line before it runs to the margin.
 */
const HEADING_START =
  /^(?:第[一二三四五六七八九十百零〇\d]+[章节条部分篇]|[一二三四五六七八九十]+[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,3}(?:[、）)]|[.．](?!\d))|[①-⑳]|附件|附表)/;

export function startsLikeHeading(text: string): boolean {
  return HEADING_START.test(text);
}
