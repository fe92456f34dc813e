import { CharSet } from '../text/char-set.ts';

/**
 * Sentence boundaries found once per text, so that "is there a sentence end between a and b" and "where does
 * this sentence start" are binary searches instead of character scans repeated for every figure.
 */
/** 。；;！？!?\n\r by character code: a global regex would build a match array per boundary. */
const SENTENCE_END = new CharSet([...'。；;！？!?\n\r'].map((c) => c.charCodeAt(0)));

export class Boundaries {
  private readonly ends: number[] = [];

  constructor(norm: string) {
    const ends = this.ends;
    for (let i = 0; i < norm.length; i++) if (SENTENCE_END.has(norm.charCodeAt(i))) ends.push(i);
  }

  /** Index of the first boundary at or after `pos` in `ends`. */
  private lowerBound(pos: number): number {
    let lo = 0;
    let hi = this.ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.ends[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** True when a sentence end lies in [from, to). */
  between(from: number, to: number): boolean {
    const i = this.lowerBound(from);
    return i < this.ends.length && this.ends[i]! < to;
  }

  /** Start of the sentence containing `pos` (just after the previous boundary), never before `pos - max`. */
  sentenceStart(pos: number, max = Number.POSITIVE_INFINITY): number {
    const i = this.lowerBound(pos);
    const start = i > 0 ? this.ends[i - 1]! + 1 : 0;
    return Math.max(start, pos - max);
  }
}

/** Prefix lookup for word lists: candidates by first character, longest first. */
export class WordIndex {
  // Keyed by character code: `text[i]` of an ideograph is a new one-character string to allocate and hash.
  private readonly byFirst = new Map<number, string[]>();
  private readonly byLast = new Map<number, string[]>();

  constructor(words: readonly string[]) {
    for (const w of [...words].sort((a, b) => b.length - a.length)) {
      if (w.length === 0) continue; // an empty word is the prefix of nothing (no character keys it)
      push(this.byFirst, w.charCodeAt(0), w);
      push(this.byLast, w.charCodeAt(w.length - 1), w);
    }
  }

  /** Longest word the string starts with. */
  prefixOf(s: string): string | undefined {
    // Loops, not find with a closure: asked several times of every figure's phrase.
    if (s.length === 0) return undefined;
    const words = this.byFirst.get(s.charCodeAt(0));
    if (words === undefined) return undefined;
    for (const w of words) if (s.startsWith(w)) return w;
    return undefined;
  }

  /** Longest word the string ends with. */
  suffixOf(s: string): string | undefined {
    if (s.length === 0) return undefined;
    const words = this.byLast.get(s.charCodeAt(s.length - 1));
    if (words === undefined) return undefined;
    for (const w of words) if (s.endsWith(w)) return w;
    return undefined;
  }

  /** Longest word text[start, end) starts with: `prefixOf(text.slice(start, end))` without the slice. */
  startingAt(text: string, start: number, end: number): string | undefined {
    const to = Math.min(end, text.length);
    if (to <= start) return undefined;
    const words = this.byFirst.get(text.charCodeAt(start));
    if (words === undefined) return undefined;
    for (const w of words) if (start + w.length <= to && text.startsWith(w, start)) return w;
    return undefined;
  }

  /** Longest word text[from, end) ends with: `suffixOf(text.slice(from, end))` without the slice. */
  endingAt(text: string, from: number, end: number): string | undefined {
    if (end <= from || end > text.length) return undefined;
    const words = this.byLast.get(text.charCodeAt(end - 1));
    if (words === undefined) return undefined;
    for (const w of words) if (end - w.length >= from && text.startsWith(w, end - w.length)) return w;
    return undefined;
  }

  /**
   * The word in text[from, to) that ends last, the longest of those ending there: one step back per
   * character instead of one `lastIndexOf` per word.
   */
  lastWithin(text: string, from: number, to: number): { start: number; end: number } | null {
    for (let end = Math.min(to, text.length); end > from; end--) {
      const words = this.byLast.get(text.charCodeAt(end - 1));
      if (!words) continue;
      for (const w of words) {
        const start = end - w.length;
        if (start >= from && text.startsWith(w, start)) return { start, end };
      }
    }
    return null;
  }
}

function push(map: Map<number, string[]>, key: number, word: string): void {
  const list = map.get(key);
  if (list) list.push(word);
  else map.set(key, [word]);
}
