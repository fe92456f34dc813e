/**
 * A full `jixiao check` of the sample minus I/O (extract, shared review document, every rule, text
 * rendering) against extraction alone, measured in the same run: the table shows the ratio, which is the
 * cost the rule catalogue adds on top of the text engine.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderFindingsText } from '../src/render/findings-text.ts';
import { createReviewDocument } from '../src/review/document.ts';
import { review } from '../src/review/engine.ts';
import { decode } from '../src/text/decode.ts';
import { EXTRACT_YUEHU } from './extract.bench.ts';
import { bench, SAMPLES_DIR } from './harness.ts';

const file = 'yuehu-2020.txt';
const bytes = readFileSync(join(SAMPLES_DIR, file));
const { text } = decode(bytes, file);

bench({
  name: 'check 月湖 2020',
  bytes: bytes.length,
  baseline: EXTRACT_YUEHU,
  fn: () => {
    const doc = createReviewDocument(text);
    const result = review(doc);
    return renderFindingsText({ text, sections: doc.extraction.sections, result });
  },
});

bench({
  name: 'review only 月湖 2020 (document built once)',
  baseline: EXTRACT_YUEHU,
  fn: (() => {
    const doc = createReviewDocument(text);
    return () => review(doc);
  })(),
});
