/**
 * A set of UTF-16 code units as a bitset: 8 KB for the whole range, where a byte per code unit takes 64 KB.
 * Rules test one per character of a report, between passes that sweep the caches; the smaller table stays
 * in them.
 */
export class CharSet {
  readonly #bits = new Uint32Array(0x10000 >>> 5);

  constructor(codes: Iterable<number> = []) {
    for (const code of codes) this.add(code);
  }

  add(code: number): void {
    this.#bits[code >>> 5]! |= 1 << (code & 31);
  }

  has(code: number): boolean {
    return ((this.#bits[code >>> 5]! >>> (code & 31)) & 1) !== 0;
  }
}
