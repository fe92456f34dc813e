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

/** A bin that a shingle reached holds a value of at most VALUE_MASK; only those are copied from. */
function densify(out: Uint32Array, offset: number): void {
  for (let k = 0; k < SIGNATURE_LENGTH; k++) {
    for (let d = 1; out[offset + k] === EMPTY && d < SIGNATURE_LENGTH; d++) {
      const from = out[offset + ((k + d) % SIGNATURE_LENGTH)]!;
      if (from <= VALUE_MASK) out[offset + k] = (from + d * (VALUE_MASK + 1)) >>> 0;
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
 * reaches `threshold`: in each band, every paragraph is joined to the first (lowest-numbered) paragraph of
 * its bucket when the two are that similar. Returns each paragraph's cluster root, the lowest-numbered
 * paragraph of its cluster.
 *
 * The buckets and the similarities do not depend on the threshold, and the rules cluster the same corpus
 * at two thresholds: they are found once per signature array (which must not change afterwards) and each
 * threshold only joins the pairs that reach it.
 */
export function clusterParagraphs(signatures: Uint32Array, count: number, threshold: number): Int32Array {
  const { firsts, equal } = candidatesOf(signatures, count);
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
  // The clusters are the connected parts of the graph of pairs that reach the threshold, whatever order
  // the pairs are joined in; joining under the lower root keeps each root its cluster's lowest paragraph.
  for (let band = 0, at = 0; band < BANDS; band++) {
    for (let p = 0; p < count; p++, at++) {
      const first = firsts[at]!;
      if (first === p || !(equal[at]! / SIGNATURE_LENGTH >= threshold)) continue;
      const a = find(first);
      const b = find(p);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  for (let p = 0; p < count; p++) parent[p] = find(p);
  return parent;
}

/**
 * For each band and paragraph (band-major): the first paragraph of its bucket, and how many signature
 * values the two share (`similarity` × SIGNATURE_LENGTH).
 */
interface Candidates {
  count: number;
  firsts: Int32Array;
  equal: Uint8Array;
}

/** Per signature array, so the second threshold reuses the first's buckets; gone with the array. */
const candidatesCache = new WeakMap<Uint32Array, Candidates>();

function candidatesOf(signatures: Uint32Array, count: number): Candidates {
  const cached = candidatesCache.get(signatures);
  if (cached?.count === count) return cached;
  const candidates = { count, firsts: new Int32Array(BANDS * count), equal: new Uint8Array(BANDS * count) };
  const table = bucketTable(count);
  const keys = new Int32Array(count);
  for (let band = 0; band < BANDS; band++) {
    const firsts = candidates.firsts.subarray(band * count, (band + 1) * count);
    const equal = candidates.equal.subarray(band * count, (band + 1) * count);
    // Three tight passes rather than one: each loop's memory accesses are independent of one another, so
    // the processor overlaps their cache misses (the table and the bucket's first are anywhere in memory).
    for (let p = 0; p < count; p++) keys[p] = bandKey(signatures, p, band);
    bucketFirsts(keys, table, firsts);
    for (let p = 0; p < count; p++) {
      const first = firsts[p]!;
      if (first !== p) equal[p] = equalValues(signatures, first, p);
    }
  }
  candidatesCache.set(signatures, candidates);
  return candidates;
}

/** Signature values two paragraphs share. */
function equalValues(signatures: Uint32Array, a: number, b: number): number {
  let equal = 0;
  const oa = a * SIGNATURE_LENGTH;
  const ob = b * SIGNATURE_LENGTH;
  for (let k = 0; k < SIGNATURE_LENGTH; k++) if (signatures[oa + k] === signatures[ob + k]) equal++;
  return equal;
}

/**
 * An open-addressing table of bucket key → first paragraph in one typed array, key and paragraph + 1
 * (0: an empty slot) side by side, so a probe is one cache miss (a Map of a million entries costs several
 * times as much). At most half full.
 */
function bucketTable(count: number): Int32Array {
  return new Int32Array(2 * 2 ** Math.ceil(Math.log2(Math.max(2, count * 2))));
}

/** The first paragraph with each paragraph's key (itself, if it is the first), through an emptied `table`. */
function bucketFirsts(keys: Int32Array, table: Int32Array, firsts: Int32Array): void {
  table.fill(0);
  const mask = (table.length >> 1) - 1;
  for (let p = 0; p < keys.length; p++) {
    const key = keys[p]!;
    let slot = mix(key) & mask;
    for (;;) {
      const first = table[2 * slot + 1]!;
      if (first === 0) {
        table[2 * slot] = key;
        table[2 * slot + 1] = p + 1;
        firsts[p] = p;
        break;
      }
      if (table[2 * slot] === key) {
        firsts[p] = first - 1;
        break;
      }
      slot = (slot + 1) & mask;
    }
  }
}
