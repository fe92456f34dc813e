/**
 * Offset-preserving normalisation for matching. Every replacement is one UTF-16 unit for one, so an
 * index into the normalised string is an index into the decoded text: spans never move.
 *
 * Folded: full-width digits, letters and the symbols that occur inside figures (．％＋－／＜＝＞),
 * and exotic spaces. Chinese clause punctuation (，：；（）) is kept as written: it carries meaning
 * for rules, and the extractor accepts both forms.
 */
const FOLD = new Map<number, string>();
for (let c = 0xff10; c <= 0xff19; c++) FOLD.set(c, String.fromCharCode(c - 0xfee0)); // ０-９
for (let c = 0xff21; c <= 0xff3a; c++) FOLD.set(c, String.fromCharCode(c - 0xfee0)); // Ａ-Ｚ
for (let c = 0xff41; c <= 0xff5a; c++) FOLD.set(c, String.fromCharCode(c - 0xfee0)); // ａ-ｚ
for (const ch of '．％＋－／＜＝＞')
  FOLD.set(ch.charCodeAt(0), String.fromCharCode(ch.charCodeAt(0) - 0xfee0));
FOLD.set(0xfe66, '='); // ﹦ small equals, seen in score sheets
for (const c of [
  0x3000, 0x00a0, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x202f, 0x205f,
]) {
  FOLD.set(c, ' ');
}

/** Exactly the keys of FOLD: the regex engine skips the unfolded stretches far faster than a loop can. */
const FOLDED =
  /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a．％＋－／＜＝＞﹦\u3000\u00a0\u2002-\u200a\u202f\u205f]/g;

const foldOne = (ch: string): string => FOLD.get(ch.charCodeAt(0))!;

export function normalize(text: string): string {
  return text.replace(FOLDED, foldOne);
}
