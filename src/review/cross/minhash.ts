/**
 * MinHash signatures of paragraphs and LSH banding over them, so near-identical passages across thousands
 * of reports are found in near-linear time (no pairwise comparison): each paragraph is a set of character
 * shingles, its signature K minima of one hash over that set (one-permutation MinHash: the hash's top bits
 * split the set into K bins), and two paragraphs become candidates only when one band of R consecutive
 * signature values is identical in both.
 */

/** Signature length K = BANDS × ROWS. 4 × 4: a pair with Jaccard 0.9 is a candidate with p ≈ 0.99, 0.5 with p ≈ 0.23. */
export const BANDS = 4;
export const ROWS = 4;
export const SIGNATURE_LENGTH = BANDS * ROWS;
/** Characters per shingle: five Chinese characters are rarely shared by chance between unrelated sentences. */
export const SHINGLE = 5;

/** Murmur3's finaliser: a cheap 32-bit mix. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Which hash family made a signature: signatures of different schemes cannot be compared, so a stored one
 * (the batch journal's) of another scheme is made again. 2: one-permutation MinHash, one hash per shingle
 * (1: K hashes per shingle, four times the cost of signing, for the same recall on the generated corpus).
 */
export const SIGNATURE_SCHEME = 2;

/** Bits of a shingle's hash that pick its bin; the rest is its value within the bin. */
const BIN_SHIFT = 32 - Math.log2(SIGNATURE_LENGTH);
const VALUE_MASK = (1 << BIN_SHIFT) - 1;
const EMPTY = 0xffffffff;

/**
 * Writes the signature of text[start, end) into `out` at `offset` (K values): one-permutation MinHash, one
 * hash per shingle whose top bits pick one of K bins and whose rest competes for that bin's minimum, with
 * empty bins (a short paragraph) filled from the next full bin, offset by the distance so two paragraphs
 * agree on a filled bin only as often as on a full one (Shrivastava & Li's densification by rotation).
 */
export function signInto(text: string, start: number, end: number, out: Uint32Array, offset: number): void {
  out.fill(EMPTY, offset, offset + SIGNATURE_LENGTH);
  const last = Math.max(start, end - SHINGLE);
  for (let i = start; i <= last; i++) {
    // FNV-1a over the shingle's UTF-16 code units.
    let h = 0x811c9dc5;
    const stop = Math.min(end, i + SHINGLE);
    for (let j = i; j < stop; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    const x = mix(h);
    const bin = offset + (x >>> BIN_SHIFT);
    const value = x & VALUE_MASK;
    if (value < out[bin]!) out[bin] = value;
  }
  densify(out, offset);
}

function densify(out: Uint32Array, offset: number): void {
  let full = -1;
  for (let k = 0; k < SIGNATURE_LENGTH; k++) if (out[offset + k] !== EMPTY) full = k;
  if (full === -1) return;
  for (let k = SIGNATURE_LENGTH - 1; k >= 0; k--) {
    for (let d = 1; out[offset + k] === EMPTY; d++) {
      const from = out[offset + ((k + d) % SIGNATURE_LENGTH)]!;
      if (from !== EMPTY && from <= VALUE_MASK) out[offset + k] = (from + d * (VALUE_MASK + 1)) >>> 0;
    }
  }
}

/** Share of equal signature positions: an unbiased estimate of the two shingle sets' Jaccard similarity. */
export function similarity(signatures: Uint32Array, a: number, b: number): number {
  let equal = 0;
  const oa = a * SIGNATURE_LENGTH;
  const ob = b * SIGNATURE_LENGTH;
  for (let k = 0; k < SIGNATURE_LENGTH; k++) if (signatures[oa + k] === signatures[ob + k]) equal++;
  return equal / SIGNATURE_LENGTH;
}

function bandKey(signatures: Uint32Array, paragraph: number, band: number): number {
  let h = band + 1;
  const offset = paragraph * SIGNATURE_LENGTH + band * ROWS;
  for (let r = 0; r < ROWS; r++) h = mix(h ^ signatures[offset + r]!) + r;
  // Each band has its own bucket map, so the band need not be part of the key; collisions are verified.
  return h >>> 0;
}

/**
 * Union-find over the paragraphs whose signatures agree in some band and whose estimated similarity
 * reaches `threshold`. One band at a time through one bucket table: memory stays linear in the number of
 * paragraphs. Returns each paragraph's cluster root.
 */
export function clusterParagraphs(signatures: Uint32Array, count: number, threshold: number): Int32Array {
  const parent = new Int32Array(count);
  for (let i = 0; i < count; i++) parent[i] = i;
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    let node = x;
    while (parent[node] !== root) {
      const next = parent[node]!;
      parent[node] = root;
      node = next;
    }
    return root;
  };
  // Bucket → first paragraph seen, in an open-addressing table of typed arrays (a Map of a million
  // entries costs several times as much); reused for every band.
  const capacity = 2 ** Math.ceil(Math.log2(Math.max(2, count * 2)));
  const keys = new Uint32Array(capacity);
  const firsts = new Int32Array(capacity);
  for (let band = 0; band < BANDS; band++) {
    firsts.fill(-1);
    for (let p = 0; p < count; p++) {
      const key = bandKey(signatures, p, band);
      let slot = mix(key) & (capacity - 1);
      while (firsts[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & (capacity - 1);
      const seen = firsts[slot]!;
      if (seen === -1) {
        keys[slot] = key;
        firsts[slot] = p;
        continue;
      }
      // The rest compare against the first (and, through union-find, its cluster); collisions are verified.
      const a = find(seen);
      const b = find(p);
      if (a !== b && similarity(signatures, seen, p) >= threshold) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  for (let p = 0; p < count; p++) parent[p] = find(p);
  return parent;
}
