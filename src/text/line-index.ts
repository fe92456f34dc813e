/**
 * Offset → line/column for the decoded text, like vfile-location. Lines break at \n, \r\n and a lone \r
 * (decode keeps line endings as written). Line starts are found on first use, then each lookup is a binary
 * search, so reporting many findings stays cheap.
 */
export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 units (an astral character counts two). */
  column: number;
}

export class LineIndex {
  readonly #text: string;
  #starts: number[] | null = null;

  constructor(text: string) {
    this.#text = text;
  }

  /** `offset` may equal the text length (the end of a span at the end of the text). */
  position(offset: number): Position {
    if (!Number.isInteger(offset) || offset < 0 || offset > this.#text.length) {
      throw new RangeError(`offset ${offset} is outside 0..${this.#text.length}`);
    }
    const starts = this.#lineStarts();
    const line = lastStartAtOrBefore(starts, offset);
    return { line: line + 1, column: offset - starts[line]! + 1 };
  }

  get lineCount(): number {
    return this.#lineStarts().length;
  }

  #lineStarts(): number[] {
    this.#starts ??= findLineStarts(this.#text);
    return this.#starts;
  }
}

function findLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x0a) {
      starts.push(i + 1);
    } else if (code === 0x0d) {
      if (text.charCodeAt(i + 1) === 0x0a) i++;
      starts.push(i + 1);
    }
  }
  return starts;
}

function lastStartAtOrBefore(starts: number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}
