import { CharSet } from './char-set.ts';

/**
 * Scanning a text for a pattern with many alternatives, trying it only where a match can start. V8 tries a
 * multi-way alternation at every position; a bitset test per character skips most of them first. The set is
 * 8 KB (text/char-set.ts), not a 64 KB byte table: report text is mostly ideographs, whose 20 K code units
 * would keep a third of a byte table in the cache between the passes of extract().
 */
export class StartScanner {
  readonly #sticky: RegExp;
  readonly #starts: CharSet;

  /** `starts`: every character a match can begin with. */
  constructor(source: string, starts: string) {
    this.#sticky = new RegExp(source, 'y');
    this.#starts = new CharSet([...starts].map((c) => c.charCodeAt(0)));
  }

  /** The first match at or after `from`, or null. */
  next(text: string, from: number): RegExpExecArray | null {
    // Fields in locals: the loop runs once per character of the text.
    const starts = this.#starts;
    const sticky = this.#sticky;
    const length = text.length;
    for (let i = from; i < length; i++) {
      if (!starts.has(text.charCodeAt(i))) continue;
      sticky.lastIndex = i;
      const m = sticky.exec(text);
      if (m) return m;
    }
    return null;
  }
}

const DIGITS = '0123456789';

/**
 * The characters the alternatives of a pattern start with, when each starts with `\d` or a literal character
 * (2020年|截至…|上半年); null when one starts otherwise and the scan cannot be narrowed safely.
 */
export function firstCharacters(source: string): string | null {
  const out = new Set<string>();
  for (const alternative of topLevelAlternatives(source)) {
    if (alternative.startsWith('\\d')) for (const d of DIGITS) out.add(d);
    else if (/^[\u4e00-\u9fff]/.test(alternative)) out.add(alternative[0]!);
    else return null;
  }
  return [...out].join('');
}

function topLevelAlternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let inClass = false;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}
