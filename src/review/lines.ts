/**
 * Line helpers for rules that only read the opening of a report (its title lines): they stop reading there
 * instead of splitting the whole text, which on a long report is most of the work.
 */

/** The first `count` lines that are not blank, as written (not trimmed); what `split('\n')`, a blank-line filter and `slice(0, count)` give. */
export function firstNonEmptyLines(text: string, count: number): string[] {
  const limit = Math.trunc(count);
  const lines: string[] = [];
  let pos = 0;
  while (lines.length < limit && pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const line = text.slice(pos, nl);
    if (line.trim() !== '') lines.push(line);
    pos = nl + 1;
  }
  return lines;
}
