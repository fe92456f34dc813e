/**
 * Planted defects found again in the text jixiao decodes from a DOCX, PDF or HTML file: the defect's
 * line of the plain text is looked up in the decoded text (a PDF may break or join lines, so shorter
 * context is tried next), and its offsets are moved by where the line landed. Failing that, the quote is
 * matched on its letters, digits and Han characters only: LibreOffice drops a comma it cannot fit at the
 * end of a justified line, and a long passage may span lines, so the PDF's words are the planted ones
 * with a mark or a line break fewer. Pure.
 */
import type { PlacedDefect } from './doc.ts';

export interface LocateResult {
  defects: PlacedDefect[];
  /** Defects whose words could not be found in the decoded text (listed in the manifest, not scored). */
  unlocated: PlacedDefect[];
}

export function locateDefects(
  plain: string,
  defects: readonly PlacedDefect[],
  decoded: string,
): LocateResult {
  const located: PlacedDefect[] = [];
  const unlocated: PlacedDefect[] = [];
  let loose: LooseText | null = null;
  for (const defect of defects) {
    const start = findStart(plain, defect, decoded);
    let span = start === null ? null : { start, end: start + defect.end - defect.start };
    if (span === null) {
      loose ??= looseText(decoded);
      span = findLoose(loose, defect.quote, (defect.start / plain.length) * decoded.length);
    }
    if (span === null) unlocated.push(defect);
    else located.push({ ...defect, ...span, quote: decoded.slice(span.start, span.end) });
  }
  return { defects: located, unlocated };
}

interface LooseText {
  /** The significant characters. */
  text: string;
  /** Offset in the decoded text of each significant character. */
  at: number[];
}

const SIGNIFICANT = /[\p{L}\p{N}]/u;

function looseText(text: string): LooseText {
  let loose = '';
  const at: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (SIGNIFICANT.test(text[i]!)) {
      loose += text[i];
      at.push(i);
    }
  }
  return { text: loose, at };
}

function findLoose(loose: LooseText, quote: string, expected: number): { start: number; end: number } | null {
  const needle = looseText(quote).text;
  // A short quote (a date, a number) matched on its letters alone could land anywhere.
  if (needle.length < 12) return null;
  let best: number | null = null;
  for (let i = loose.text.indexOf(needle); i !== -1; i = loose.text.indexOf(needle, i + 1)) {
    if (best === null || Math.abs(loose.at[i]! - expected) < Math.abs(loose.at[best]! - expected)) best = i;
  }
  if (best === null) return null;
  return { start: loose.at[best]!, end: loose.at[best + needle.length - 1]! + 1 };
}

function findStart(plain: string, defect: PlacedDefect, decoded: string): number | null {
  const lineStart = plain.lastIndexOf('\n', defect.start - 1) + 1;
  const lineEndAt = plain.indexOf('\n', defect.end);
  const lineEnd = lineEndAt === -1 ? plain.length : lineEndAt;
  const quote = plain.slice(defect.start, defect.end);
  // Widest context first: the whole line, then a few characters either side, then the quote alone.
  const contexts: [number, number][] = [
    [lineStart, lineEnd],
    [Math.max(lineStart, defect.start - 12), Math.min(lineEnd, defect.end + 12)],
    [Math.max(lineStart, defect.start - 4), defect.end],
    [defect.start, defect.end],
  ];
  const expected = (defect.start / plain.length) * decoded.length;
  for (const [from, to] of contexts) {
    const context = plain.slice(from, to);
    if (context.trim() === '') continue;
    const hit = nearest(decoded, context, expected);
    if (hit !== null && decoded.slice(hit + defect.start - from, hit + defect.end - from) === quote) {
      return hit + defect.start - from;
    }
  }
  return null;
}

/** The occurrence of `needle` nearest to `expected`; null when there is none. */
function nearest(text: string, needle: string, expected: number): number | null {
  let best: number | null = null;
  for (let at = text.indexOf(needle); at !== -1; at = text.indexOf(needle, at + 1)) {
    if (best === null || Math.abs(at - expected) < Math.abs(best - expected)) best = at;
  }
  return best;
}
