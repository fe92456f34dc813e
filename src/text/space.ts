/**
 * White space as `\s` matches it, by character code: for trimming a span in place, where a slice and a
 * `replace(/\s+$/, '')` would allocate two strings per figure.
 */
export function isSpaceCode(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/** End of text[from, to) with trailing white space left off. */
export function trimmedEnd(text: string, from: number, to: number): number {
  let end = to;
  while (end > from && isSpaceCode(text.charCodeAt(end - 1))) end--;
  return end;
}

/** Start of text[from, to) with leading white space left off. */
export function trimmedStart(text: string, from: number, to: number): number {
  let start = from;
  while (start < to && isSpaceCode(text.charCodeAt(start))) start++;
  return start;
}
