/**
 * Planted defects found again in the text jixiao decodes from a DOCX, PDF or HTML file: the defect's
 * line of the plain text is looked up in the decoded text (a PDF may break or join lines, so shorter
 * context is tried next), and its offsets are moved by where the line landed. Pure.
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
  for (const defect of defects) {
    const start = findStart(plain, defect, decoded);
    if (start === null) unlocated.push(defect);
    else
      located.push({
        ...defect,
        start,
        end: start + defect.end - defect.start,
        quote: decoded.slice(start, start + defect.end - defect.start),
      });
  }
  return { defects: located, unlocated };
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
