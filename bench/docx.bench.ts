/** DOCX reading: a 30-page report (~20 000 characters) and a 50 000-character one, built as Word writes them. */

import { readDocx } from '../src/ingest/formats/docx.ts';
import { buildLongReportDocx } from '../src/ingest/formats/fixtures.ts';
import { DEFAULT_LIMITS } from '../src/ingest/types.ts';
import { bench } from './harness.ts';

const options = { name: 'report.docx', limits: DEFAULT_LIMITS };
const typical = await buildLongReportDocx(4);
const heavy = await buildLongReportDocx(10);

bench({
  name: 'DOCX 30 页报告（readDocx）',
  bytes: typical.length,
  async: true,
  fn: () => readDocx(typical, options),
});
bench({
  name: 'DOCX 5 万字报告（readDocx）',
  bytes: heavy.length,
  async: true,
  fn: () => readDocx(heavy, options),
  baseline: 'DOCX 30 页报告（readDocx）',
});
