/** Bytes → text for the sample in each supported encoding, relative to plain UTF-8. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { decode } from '../src/text/decode.ts';
import { bench, SAMPLES_DIR } from './harness.ts';

const text = readFileSync(join(SAMPLES_DIR, 'yuehu-2020.txt'), 'utf8');
const UTF8 = 'decode 月湖 2020 UTF-8';

const VARIANTS: [name: string, bytes: Uint8Array, baseline?: string][] = [
  [UTF8, new TextEncoder().encode(text)],
  ['decode 月湖 2020 GB18030', iconv.encode(text, 'gb18030'), UTF8],
  ['decode 月湖 2020 UTF-16LE（BOM）', iconv.encode(text, 'utf-16le', { addBOM: true }), UTF8],
  ['decode 月湖 2020 UTF-16BE（无 BOM）', iconv.encode(text, 'utf-16be'), UTF8],
];

for (const [name, bytes, baseline] of VARIANTS) {
  bench({ name, bytes: bytes.length, fn: () => decode(bytes), ...(baseline ? { baseline } : {}) });
}
