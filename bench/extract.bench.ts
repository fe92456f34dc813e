/** The text engine on real reports, warm: what one `extract()` costs per report. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extract } from '../src/extract/index.ts';
import { decode } from '../src/text/decode.ts';
import { bench, SAMPLES_DIR } from './harness.ts';

/** Other benches (check) name this as their baseline. */
export const EXTRACT_YUEHU = 'extract 月湖 2020';

const REPORTS: [name: string, file: string][] = [
  [EXTRACT_YUEHU, 'yuehu-2020.txt'],
  ['extract 普陀决算', join('more', 'shanghai-putuo-final-accounts.txt')],
];

for (const [name, file] of REPORTS) {
  const bytes = readFileSync(join(SAMPLES_DIR, file));
  const { text } = decode(bytes, file);
  bench({ name, bytes: bytes.length, fn: () => extract(text) });
}
