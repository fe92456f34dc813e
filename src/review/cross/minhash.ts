/**
 * MinHash signatures of paragraphs and LSH banding over them, so near-identical passages across thousands
 * of reports are found in near-linear time (no pairwise comparison): each paragraph is a set of character
 * shingles, its signature the minimum of K hash functions over that set, and two paragraphs become
 * candidates only when one band of R consecutive signature values is identical in both.
 */

/** Signature length K = BANDS × ROWS. 4 × 4: a pair with Jaccard 0.9 is a candidate with p ≈ 0.99, 0.5 with p ≈ 0.23. */
export const BANDS = 4;
export const ROWS = 4;
export const SIGNATURE_LENGTH = BANDS * ROWS;
/** Characters per shingle: five Chinese characters are rarely shared by chance between unrelated sentences. */
export const SHINGLE = 5;

/** Murmur3's finaliser: a cheap 32-bit mix, seeded per hash function. */
function mix(value: number): number {
  let h = value;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const SEEDS = Uint32Array.from({ length: SIGNATURE_LENGTH }, (_, i) => mix(0x9e3779b9 + i * 0x632be5ab));

/** Writes the signature of text[start, end) into `out` at `offset` (K values). */
export function signInto(text: string, start: number, end: number, out: Uint32Array, offset: number): void {
  out.fill(0xffffffff, offset, offset + SIGNATURE_LENGTH);
  const last = Math.max(start, end - SHINGLE);
  for (let i = start; i <= last; i++) {
    // FNV-1a over the shingle's UTF-16 code units.
    let h = 0x811c9dc5;
    const stop = Math.min(end, i + SHINGLE);
    for (let j = i; j < stop; j++) h = Math.imul(h ^ text.charCodeAt(j), 0x01000193);
    for (let k = 0; k < SIGNATURE_LENGTH; k++) {
      const value = mix(h ^ SEEDS[k]!);
      if (value < out[offset + k]!) out[offset + k] = value;
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
