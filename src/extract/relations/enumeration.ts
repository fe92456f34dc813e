/**
 * A total followed by a numbered list of its items: `下达资金865万元，具体为：\n1、…：320万元。…\n2、…`.
 * Each item's first figure of the total's dimension is a part; the list ends at the first unnumbered line.
 */
import cues from '../../../data/relations.json' with { type: 'json' };
import { alternation } from '../../text/regexp.ts';
import { sameDimension } from '../sum.ts';
import type { Fact } from '../types.ts';
import { hasSentenceEnd, isSummable, lastFactBefore } from './scan.ts';
import type { Stated } from './types.ts';

const MARKER = new RegExp(`(?:${alternation(cues.enumerationMarkers)})\\s*[：:]\\s*\\n`, 'g');
const ITEM = /^\s*(?:\d{1,2}\s*[、.．)）]|[（(]\d{1,2}[)）]|[一二三四五六七八九十]{1,3}\s*[、是]|[①-⑳])/;

export function enumerations(text: string, facts: Fact[]): Stated[] {
  const found: Stated[] = [];
  MARKER.lastIndex = 0;
  for (let m = MARKER.exec(text); m !== null; m = MARKER.exec(text)) {
    const lines = itemLines(text, m.index + m[0].length);
    if (lines.length < 2) continue;
    const first = factIn(facts, lines[0]!, () => true);
    if (first < 0) continue;
    const total = totalOf(text, facts, m.index, facts[first]!);
    if (total < 0) continue;
    const parts = lines.map((line) => factIn(facts, line, (f) => sameDimension(facts[total]!, f)));
    if (parts.every((i) => i >= 0)) found.push({ total, parts });
  }
  return found;
}

/** The first summable figure on a line that passes `accept`, or -1. */
function factIn(facts: Fact[], line: { start: number; end: number }, accept: (f: Fact) => boolean): number {
  for (let i = lastFactBefore(facts, line.start) + 1; i < facts.length && facts[i]!.start < line.end; i++) {
    const f = facts[i]!;
    if (f.start >= line.start && f.end <= line.end && isSummable(f) && accept(f)) return i;
  }
  return -1;
}

function itemLines(text: string, from: number): { start: number; end: number }[] {
  const lines: { start: number; end: number }[] = [];
  let start = from;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (!ITEM.test(text.slice(start, end))) break;
    lines.push({ start, end });
    start = end + 1;
  }
  return lines;
}

/** The summable figure of the items' dimension nearest before the marker, in the same sentence. */
function totalOf(text: string, facts: Fact[], markerStart: number, item: Fact): number {
  for (let i = lastFactBefore(facts, markerStart); i >= 0; i--) {
    const f = facts[i]!;
    if (hasSentenceEnd(text, f.end, markerStart)) return -1;
    if (isSummable(f) && f.kind === item.kind && sameDimension(f, item)) return i;
  }
  return -1;
}
