/**
 * punctuation: half-width marks inside Chinese sentences, unbalanced paired marks, and doubled marks
 * (GB/T 15834-2011). Reads `doc.text`, never `doc.normalized`: normalisation folds the full-width `．` of
 * `1．主要职能` into `.`, which is exactly the distinction this rule is about.
 */

import { isHan } from '../../text/han.ts';
import { defineRule, type Report } from '../rule.ts';

const FULL_WIDTH: Record<string, string> = {
  ',': '，',
  '.': '。',
  ';': '；',
  ':': '：',
  '?': '？',
  '!': '！',
  '(': '（',
  ')': '）',
  '"': '“”',
};

const CJK_OPEN = '“‘（《【〔「『';
const CJK_CLOSE = '”’）》】〕」』';
const CN_CONTEXT = `${CJK_OPEN}${CJK_CLOSE}，。；：、？！`;
const CN_NUMERALS = '一二三四五六七八九十零〇百';
const SPACE = ' \t\u3000\u00a0';

const isDigit = (ch: string | undefined) =>
  ch !== undefined && ((ch >= '0' && ch <= '9') || (ch >= '０' && ch <= '９'));
const isLatin = (ch: string | undefined) =>
  ch !== undefined && ((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'));

/** Index of the nearest non-space character before `i` on the same line, or -1. */
function prevIndex(text: string, i: number): number {
  let j = i - 1;
  while (j >= 0 && SPACE.includes(text[j]!)) j--;
  return j;
}
/** Index of the nearest non-space character after `i` on the same line, or text.length. */
function nextIndex(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length && SPACE.includes(text[j]!)) j++;
  return j;
}
const isLineBreak = (ch: string | undefined) => ch === undefined || ch === '\n' || ch === '\r';

/** A Chinese character, or a closing Chinese mark (“四种形态”,使 counts as Chinese on the left). */
function chineseLeft(ch: string | undefined): boolean {
  return ch !== undefined && (isHan(ch.charCodeAt(0)) || CJK_CLOSE.includes(ch));
}
function chineseRight(ch: string | undefined): boolean {
  return ch !== undefined && (isHan(ch.charCodeAt(0)) || CJK_OPEN.includes(ch));
}

/** Any Chinese character or Chinese punctuation: the surroundings of a bracketed Chinese phrase. */
function chineseContext(ch: string | undefined): boolean {
  return ch !== undefined && (isHan(ch.charCodeAt(0)) || CN_CONTEXT.includes(ch));
}

/** `一.` / `十二.` at the start of a line or after a separator: a heading number, left to the numbering rule. */
function isChineseHeadingNumber(text: string, dot: number): boolean {
  let j = dot - 1;
  while (j >= 0 && CN_NUMERALS.includes(text[j]!)) j--;
  const len = dot - 1 - j;
  if (len === 0 || len > 3) return false;
  const before = text[prevIndex(text, j + 1)];
  return isLineBreak(before) || '：:；;，,。、（(【'.includes(before!);
}

/** `1)`, `a）`, `三）`, `①)`: a list marker whose closing bracket has no opener by design. */
function isListMarkerClose(text: string, close: number): boolean {
  let j = close - 1;
  if (isDigit(text[j])) {
    while (isDigit(text[j])) j--;
    if (close - 1 - j > 3) return false;
  } else if (j >= 0 && CN_NUMERALS.includes(text[j]!)) {
    while (j >= 0 && CN_NUMERALS.includes(text[j]!)) j--;
    if (close - 1 - j > 3) return false;
  } else if (isLatin(text[j]) || (text.charCodeAt(j) >= 0x2460 && text.charCodeAt(j) <= 0x2473)) {
    j--;
  } else {
    return false;
  }
  const before = text[prevIndex(text, j + 1)];
  return isLineBreak(before) || '：:；;，,。、'.includes(before!);
}

/** URLs and e-mail addresses: their dots and colons are not sentence punctuation. */
const URL_OR_MAIL = /(?:https?:\/\/|ftp:\/\/|www\.)[^\s，。；、）》”“（《]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+/gi;

const HALF_MARKS = /[,.;:?!]/g;
const DOUBLED = /[，。；：、,;:]{2,}/g;
/** ≥≥ ≤≤ %% : a comparison or percent sign typed twice (＞＞ too; ASCII >> is portal breadcrumb chrome). */
const DOUBLED_SIGN = /[≥≤]{2,}|[＞＜]{2,}|[%％]{2,}|‰{2,}/g;
const FULL_IN_RUN = /[，。；：、]/;
const BRACKET_OR_LINE = /[\n（）()《》【】〔〕“”‘’"]/g;
const SENTENCE_FINAL = /[。！？；!?;]\s*$/;

type BracketType = 'paren' | 'book' | 'lenticular' | 'tortoise' | 'dquote' | 'squote';
const OPENERS: Record<string, BracketType> = {
  '（': 'paren',
  '(': 'paren',
  '《': 'book',
  '【': 'lenticular',
  '〔': 'tortoise',
  '“': 'dquote',
  '‘': 'squote',
};
const CLOSERS: Record<string, BracketType> = {
  '）': 'paren',
  ')': 'paren',
  '》': 'book',
  '】': 'lenticular',
  '〕': 'tortoise',
  '”': 'dquote',
  '’': 'squote',
};
const PAIR_OF: Record<string, string> = {
  '（': '）',
  '(': ')',
  '《': '》',
  '【': '】',
  '〔': '〕',
  '“': '”',
  '‘': '’',
  '）': '（',
  ')': '(',
  '》': '《',
  '】': '【',
  '〕': '〔',
  '”': '“',
  '’': '‘',
  '"': '"',
};

interface Open {
  ch: string;
  pos: number;
  type: BracketType;
}

export default defineRule({
  id: 'punctuation',
  category: 'wording',
  severity: 'warning',
  title: '标点符号',
  description:
    '依据《标点符号用法》（GB/T 15834—2011）检查三类问题：中文句子里的半角标点（, . ; : ? ! ( ) "，两侧都是汉字，' +
    '或在汉字后结束句子）；同一段内不配对的引号、括号、书名号、方头括号（报告落单的那个符号），以及半角直引号与' +
    '弯引号混用；重复或连用的点号（。。 ，， ，。 、，）。数字（3.5、1,000）、时间（10:30）、网址和邮箱、' +
    '英文单词、行首序号（1. 一.）、省略号以及“1）”式列表序号都不报告。' +
    '此外报告文号年份括号用错（“〔2022)”）和重复的比较符号、百分号（“≥≥95%”“96%%”）。',
  options: { groupAbove: 10 },
  optionDescriptions: {
    groupAbove: '同一半角标点出现超过此数时合并为一条（列出全部位置），整篇网页复制稿不会刷屏。',
  },
  messages: {
    halfWidth: '中文句子中使用了半角标点“{mark}”，应改为全角“{suggestion}”',
    halfWidthMany:
      '全文有{count}处中文句子使用了半角标点“{mark}”（如网页复制稿），应统一改为全角“{suggestion}”',
    unbalanced: '“{mark}”在本段内没有配对的“{pair}”，请补全或删除',
    mixedQuotes: '半角直引号“{mark}”与弯引号混用，应改为“{suggestion}”',
    doubled: '标点“{marks}”重复或连用，请只保留一个',
    doubledSign: '符号“{marks}”重复，请只保留一个',
    mismatched: '“{text}”中的括号不配对：“{open}”应与“{pair}”配对',
  },
  examples: {
    valid: [
      { name: '全角序号和半角序号', text: '1．主要职能。\n3.设置 2个街道所属事业单位：街道政务服务中心。' },
      { name: '数字与时间', text: '完成固投95.08亿元，社零总额达1,530万元，会议于10:30召开。' },
      { name: '网址', text: '详见街道门户网站www.example.gov.cn,欢迎监督。' },
      { name: '列表序号', text: '1）贯彻执行国家法律、法规；\n2）负责居民区的环境卫生。' },
    ],
    invalid: [
      {
        name: '半角逗号',
        text: '班子成员给联点单位党员讲授党课共8场,基层党员纪律意识明显增强。',
        expect: [{ messageId: 'halfWidth', quote: ',' }],
      },
      {
        name: '半角句点',
        text: '全年共立案3起，结案3起.其中自办案件1起。',
        expect: [{ messageId: 'halfWidth', quote: '.' }],
      },
      {
        name: '引号后的半角逗号',
        text: '坚持用好监督执纪“四种形态”,使“咬耳扯袖”，红脸出汗成为常态。',
        expect: [{ messageId: 'halfWidth', quote: ',' }],
      },
      {
        name: '半角分号',
        text: '人员变化的主要原因是：一是退休人员增加;二是正常区内人员调动。',
        expect: [{ messageId: 'halfWidth', quote: ';' }],
      },
      {
        name: '整篇使用半角逗号',
        text: '全年开展培训12场,参训干部300人次,覆盖全部社区,群众满意度较高,经费使用规范,档案管理完善。',
        options: { groupAbove: 3 },
        expect: [{ messageId: 'halfWidthMany', quote: ',' }],
      },
      {
        name: '括号不配对',
        text: '公共服务办公室（加挂行政审批服务办公室、优化营商环境服务办公室。',
        expect: [{ messageId: 'unbalanced', quote: '（' }],
      },
      {
        name: '直引号与弯引号混用',
        text: '坚持用好监督执纪“四种形态"，红脸出汗成为常态。',
        expect: [{ messageId: 'mixedQuotes', quote: '"' }],
      },
      {
        name: '文号括号用错',
        text: '根据《专项资金管理办法》（青财农〔2022)41号）分配资金。',
        expect: [{ messageId: 'mismatched', quote: '〔2022)' }],
      },
      {
        name: '比较符号重复',
        text: '群众满意度≥≥95%。',
        expect: [{ messageId: 'doubledSign', quote: '≥≥' }],
      },
      {
        name: '半角逗号重复',
        text: '保障基本生活,,集中供养特困人员380人。',
        expect: [{ messageId: 'doubled', quote: ',,' }],
      },
      {
        name: '点号连用',
        text: '确保安全无事故。。着力解决人民群众的基本诉求。',
        expect: [{ messageId: 'doubled', quote: '。。' }],
      },
    ],
  },
  check(ctx) {
    const text = ctx.doc.text;
    // Collected, then reported in text order: the three passes would otherwise interleave.
    const out: Report[] = [];

    // Positions inside URLs / e-mails, consumed with a moving pointer as marks are met in order.
    const skip: [number, number][] = [];
    URL_OR_MAIL.lastIndex = 0;
    for (let m = URL_OR_MAIL.exec(text); m; m = URL_OR_MAIL.exec(text))
      skip.push([m.index, m.index + m[0].length]);
    let k = 0;
    const inUrl = (i: number): boolean => {
      while (k < skip.length && skip[k]![1] <= i) k++;
      return k < skip.length && skip[k]![0] <= i;
    };

    // 1. Half-width clause marks.
    HALF_MARKS.lastIndex = 0;
    for (let m = HALF_MARKS.exec(text); m; m = HALF_MARKS.exec(text)) {
      const i = m.index;
      const mark = m[0];
      if (inUrl(i)) continue;
      const prev = text[i - 1];
      const next = text[i + 1];
      // Runs (..., ??, !!) are ellipses, emphasis or mojibake, not a misplaced clause mark.
      if (prev === mark || next === mark || prev === '…' || next === '…') continue;
      const li = prevIndex(text, i);
      const ri = nextIndex(text, i);
      const left = text[li];
      const right = text[ri];
      const leftCn = chineseLeft(left);
      const lineEnd = isLineBreak(right);
      let flag = false;
      if (mark === '.') {
        flag = leftCn && (chineseRight(right) || lineEnd) && !isChineseHeadingNumber(text, i);
      } else if (mark === ',' || mark === ';' || mark === ':') {
        // 130%以上,其中 / 达到95%,其中: a figure closed by a half-width mark inside a Chinese sentence.
        let leftOk = leftCn;
        if (!leftOk && (isDigit(left) || left === '%' || left === '‰')) {
          let j = li;
          while (j >= 0 && (isDigit(text[j]) || '.%‰'.includes(text[j]!))) j--;
          leftOk = j >= 0 && isHan(text.charCodeAt(j)) && chineseRight(right);
        }
        // 时间:2020年 is a Chinese label before a figure; 10:30 and 1,000 have digits on the left.
        flag = leftOk && (chineseRight(right) || lineEnd || (leftCn && isDigit(right)));
      } else {
        flag = leftCn && (chineseRight(right) || lineEnd);
      }
      if (flag) {
        out.push({
          messageId: 'halfWidth',
          data: { mark, suggestion: FULL_WIDTH[mark]! },
          spans: [{ start: i, end: i + 1 }],
        });
      }
    }

    // 2. Paired marks, per paragraph: lines are joined until one ends a sentence (a wrapped PDF line
    // keeps its bracket open into the next line).
    let stack: Open[] = [];
    let paragraphHasCurly = false;
    const unbalanced = (pos: number, ch: string) =>
      out.push({
        messageId: 'unbalanced',
        data: { mark: ch, pair: PAIR_OF[ch]! },
        spans: [{ start: pos, end: pos + 1 }],
      });
    const flush = () => {
      for (const open of stack) {
        if (open.ch === '"') {
          if (paragraphHasCurly) {
            out.push({
              messageId: 'mixedQuotes',
              data: { mark: '"', suggestion: '“' },
              spans: [{ start: open.pos, end: open.pos + 1 }],
            });
          }
        } else if (open.ch !== '(') {
          unbalanced(open.pos, open.ch);
        }
      }
      stack = [];
      paragraphHasCurly = false;
    };
    const hasHan = (from: number, to: number): boolean => {
      for (let i = from; i < to; i++) if (isHan(text.charCodeAt(i))) return true;
      return false;
    };
    const onlyNumeral = (from: number, to: number): boolean => {
      const inner = text.slice(from, to).trim();
      return inner.length > 0 && inner.length <= 3 && [...inner].every((c) => CN_NUMERALS.includes(c));
    };
    const chineseAround = (open: number, close: number): boolean =>
      chineseContext(text[prevIndex(text, open)]) || chineseContext(text[nextIndex(text, close)]);
    const closePair = (open: Open, close: number, ch: string) => {
      const asciiOpen = open.ch === '(' || open.ch === '"';
      const asciiClose = ch === ')' || ch === '"';
      if (!asciiOpen && !asciiClose) return;
      if (open.type === 'dquote' && asciiOpen !== asciiClose) {
        const pos = asciiOpen ? open.pos : close;
        out.push({
          messageId: 'mixedQuotes',
          data: { mark: '"', suggestion: asciiOpen ? '“' : '”' },
          spans: [{ start: pos, end: pos + 1 }],
        });
        return;
      }
      // Half-width brackets around Chinese words in a Chinese sentence; not `(一)` headings (numbering's).
      if (!hasHan(open.pos + 1, close) || onlyNumeral(open.pos + 1, close) || !chineseAround(open.pos, close))
        return;
      const spans = [];
      if (asciiOpen) spans.push({ start: open.pos, end: open.pos + 1 });
      if (asciiClose) spans.push({ start: close, end: close + 1 });
      const mark = open.type === 'dquote' ? '"' : asciiOpen && asciiClose ? '()' : asciiOpen ? '(' : ')';
      const suggestion = open.type === 'dquote' ? '“”' : asciiOpen && asciiClose ? '（）' : FULL_WIDTH[mark]!;
      out.push({ messageId: 'halfWidth', data: { mark, suggestion }, spans });
    };

    let lineStart = 0;
    BRACKET_OR_LINE.lastIndex = 0;
    for (let m = BRACKET_OR_LINE.exec(text); ; m = BRACKET_OR_LINE.exec(text)) {
      const i = m ? m.index : text.length;
      const ch = m ? m[0] : '\n';
      if (ch === '\n') {
        const line = text.slice(lineStart, i);
        if (!m || line.trim() === '' || SENTENCE_FINAL.test(line)) flush();
        lineStart = i + 1;
        if (!m) break;
        continue;
      }
      if (ch === '“' || ch === '”') paragraphHasCurly = true;
      if (ch === '"') {
        const top = stack[stack.length - 1];
        // 21"显示器: an inch mark, not a quotation mark.
        if (top?.type !== 'dquote' && isDigit(text[i - 1])) continue;
        if (top?.type === 'dquote') {
          stack.pop();
          closePair(top, i, ch);
        } else {
          stack.push({ ch, pos: i, type: 'dquote' });
        }
        continue;
      }
      const openType = OPENERS[ch];
      if (openType) {
        stack.push({ ch, pos: i, type: openType });
        continue;
      }
      const closeType = CLOSERS[ch];
      if (!closeType) continue;
      // Apostrophes in Latin words (Xi’an) and list markers (1）) are not closers.
      if (ch === '’' && isLatin(text[i - 1]) && isLatin(text[i + 1])) continue;
      if (
        (ch === '）' || ch === ')') &&
        isListMarkerClose(text, i) &&
        stack[stack.length - 1]?.type !== 'paren'
      )
        continue;
      const top = stack[stack.length - 1];
      if (top && top.type !== closeType && isMismatchedYearBracket(text, top, i, closeType)) {
        stack.pop();
        out.push({
          messageId: 'mismatched',
          data: { text: text.slice(top.pos, i + 1), open: top.ch, pair: PAIR_OF[top.ch]! },
          spans: [{ start: top.pos, end: i + 1 }],
        });
        continue;
      }
      let depth = stack.length - 1;
      while (depth >= 0 && stack[depth]!.type !== closeType) depth--;
      if (depth < 0) {
        if (ch !== ')') unbalanced(i, ch);
        continue;
      }
      // Openers above the match were never closed.
      for (const open of stack.splice(depth + 1)) {
        if (open.ch !== '(' && open.ch !== '"') unbalanced(open.pos, open.ch);
      }
      closePair(stack.pop()!, i, ch);
    }

    // 3. Doubled clause marks (。。 ，， ，。 、，); a run of only ASCII (C++ ::) counts only between
    // Chinese characters (基本生活,,集中供养 in a web copy).
    DOUBLED.lastIndex = 0;
    for (let m = DOUBLED.exec(text); m; m = DOUBLED.exec(text)) {
      const end = m.index + m[0].length;
      const chinese = FULL_IN_RUN.test(m[0]) || (chineseLeft(text[m.index - 1]) && chineseRight(text[end]));
      if (!chinese || inUrlRange(skip, m.index)) continue;
      out.push({ messageId: 'doubled', data: { marks: m[0] }, spans: [{ start: m.index, end }] });
    }

    // 4. Doubled signs (≥≥95%, 96%%).
    DOUBLED_SIGN.lastIndex = 0;
    for (let m = DOUBLED_SIGN.exec(text); m; m = DOUBLED_SIGN.exec(text)) {
      out.push({
        messageId: 'doubledSign',
        data: { marks: m[0] },
        spans: [{ start: m.index, end: m.index + m[0].length }],
      });
    }

    out.sort((a, b) => a.spans[0]!.start - b.spans[0]!.start);
    for (const report of groupRepeated(out, ctx.options.groupAbove)) ctx.report(report);
  },
});

/** A mark used half-width throughout (a web copy) is one finding listing every place, not dozens. */
function groupRepeated(reports: Report[], above: number): Report[] {
  const byMark = new Map<string, Report[]>();
  for (const r of reports) {
    if (r.messageId !== 'halfWidth') continue;
    const mark = String(r.data?.mark);
    byMark.set(mark, [...(byMark.get(mark) ?? []), r]);
  }
  const out: Report[] = [];
  const grouped = new Set<Report>();
  for (const [mark, same] of byMark) {
    if (same.length <= above) continue;
    for (const r of same) grouped.add(r);
    out.push({
      messageId: 'halfWidthMany',
      data: { count: same.length, mark, suggestion: String(same[0]!.data?.suggestion) },
      spans: same.map((r) => r.spans[0]!),
    });
  }
  return [...reports.filter((r) => !grouped.has(r)), ...out].sort(
    (a, b) => a.spans[0]!.start - b.spans[0]!.start,
  );
}

const YEAR_INSIDE = /^\s*(?:19|20)\d{2}\s*$/;

/** 〔2022)、(2022〕: a document-number year closed by the wrong bracket — one finding, not two strays. */
function isMismatchedYearBracket(text: string, open: Open, close: number, closeType: BracketType): boolean {
  if (open.type !== 'tortoise' && closeType !== 'tortoise') return false;
  const bracketish: BracketType[] = ['paren', 'lenticular', 'tortoise'];
  if (!bracketish.includes(open.type) || !bracketish.includes(closeType)) return false;
  return YEAR_INSIDE.test(text.slice(open.pos + 1, close));
}

function inUrlRange(ranges: [number, number][], i: number): boolean {
  return ranges.some(([s, e]) => s <= i && i < e);
}
