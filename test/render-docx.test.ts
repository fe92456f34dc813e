/**
 * Acceptance for `jixiao render --docx/--pdf`: the sample's model → DOCX (and → PDF through LibreOffice) →
 * `jixiao model`/`check` on the output gives back the same figures and no error finding; the sections the sample
 * has no data for are visible 待填写 placeholders, which check reports (unfilled, a warning); a model with those
 * sections filled renders with no placeholder at all. The PDF page is rendered to PNG and its text read with poppler.
 * LibreOffice/poppler tests skip, naming the install command, when the tools are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  COMPLETE_MODEL,
  errorFindings,
  figures,
  modelOf,
  review,
  run,
  sampleModelFile,
  tempDir,
  unfilledFindings,
} from './render-helpers.ts';
import { hasCommand, INSTALL_HINT, missingForSoffice, pdftotextPage } from './soffice.ts';

/** The sections of the outline the sample report gives no data for, as their placeholders name them. */
const SAMPLE_PLACEHOLDERS = [
  'budget.govFund',
  'budget.stateCapital',
  'budget.socialInsurance',
  'performance.indicators',
  'resultsUse',
  'otherMatters',
];

const missing = missingForSoffice() ?? (hasCommand('pdftoppm') ? null : 'poppler-utils（pdftoppm）');
if (missing !== null) {
  console.warn(`test/render-docx.test.ts: PDF tests skipped, ${missing} missing. Install: ${INSTALL_HINT}`);
}

let dir: string;
let modelFile: string;
let original: ReturnType<typeof modelOf>;

beforeAll(() => {
  build();
  dir = tempDir('jixiao-render-docx-');
  modelFile = sampleModelFile(dir);
  original = JSON.parse(readFileSync(modelFile, 'utf8')).model;
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function render(args: string[]): void {
  const result = run(['render', ...args]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}

describe('DOCX from the sample model', () => {
  let docx: string;
  beforeAll(() => {
    docx = join(dir, 'yuehu.docx');
    render([modelFile, '--docx', docx]);
  }, 60_000);

  it('reads back to the same figures', () => {
    expect(figures(modelOf(docx))).toEqual(figures(original));
  });

  it('has no error finding, and check reports the placeholder of each section without data', () => {
    const checked = review(docx);
    expect(errorFindings(checked)).toEqual([]);
    expect(unfilledFindings(checked)).toHaveLength(SAMPLE_PLACEHOLDERS.length);
  });

  it('is a DOCX with the GB/T 9704 page, fonts and page-number footers', () => {
    const bytes = readFileSync(docx);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    const unzip = spawnSync('unzip', ['-p', docx, 'word/document.xml'], { encoding: 'utf8' });
    if (unzip.status !== 0) return; // unzip is optional on the machine; the read-back above covers the content
    const xml = unzip.stdout;
    expect(xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    for (const margin of ['w:top="2098"', 'w:right="1474"', 'w:bottom="1984"', 'w:left="1587"']) {
      expect(xml).toContain(margin);
    }
    expect(xml).toContain('w:eastAsia="方正小标宋简体"');
    expect(xml).toContain('w:eastAsia="黑体"');
    expect(xml).toContain('w:eastAsia="楷体_GB2312"');
    expect(xml).toContain('w:eastAsia="仿宋_GB2312"');
    expect(xml).toContain('（待填写，模型字段：budget.govFund）');
    const footer = spawnSync('unzip', ['-p', docx, 'word/footer1.xml'], { encoding: 'utf8' }).stdout;
    expect(footer).toContain('— ');
    expect(footer).toContain('PAGE');
  });
});

describe('DOCX from a complete model', () => {
  it('has no error finding and keeps the indicator rows', () => {
    const docx = join(dir, 'complete.docx');
    render([COMPLETE_MODEL, '--docx', docx]);
    expect(errorFindings(review(docx))).toEqual([]);
    const expected = JSON.parse(readFileSync(COMPLETE_MODEL, 'utf8'));
    const back = modelOf(docx);
    expect(figures(back)).toEqual(figures(expected));
    expect(back.performance.indicators.map((i: { level3: string }) => i.level3)).toEqual(
      expected.performance.indicators.map((i: { level3: string }) => i.level3),
    );
  }, 30_000);
});

describe.skipIf(missing !== null)(
  `PDF through LibreOffice${missing ? `（已跳过：缺少 ${missing}；安装：${INSTALL_HINT}）` : ''}`,
  () => {
    let pdf: string;
    beforeAll(() => {
      pdf = join(dir, 'yuehu.pdf');
      render([modelFile, '--pdf', pdf]);
    }, 120_000);

    it('reads back to the same figures with no error finding', () => {
      expect(figures(modelOf(pdf))).toEqual(figures(original));
      const checked = review(pdf);
      expect(errorFindings(checked)).toEqual([]);
      expect(unfilledFindings(checked)).toHaveLength(SAMPLE_PLACEHOLDERS.length);
    });

    it('draws page 1 with Chinese text (pdftotext) and renders it to PNG (pdftoppm)', () => {
      const page1 = pdftotextPage(pdf, 1);
      expect(page1).toContain('月湖街道');
      expect(page1).toContain('部门基本情况');
      expect(page1).toMatch(/—\s*1\s*—/);
      const prefix = join(dir, 'page');
      const result = spawnSync('pdftoppm', ['-f', '1', '-l', '1', '-r', '60', '-png', pdf, prefix]);
      expect(result.status).toBe(0);
      const png = [`${prefix}-1.png`, `${prefix}-01.png`].find((p) => existsSync(p));
      expect(png).toBeDefined();
      expect(statSync(png!).size).toBeGreaterThan(10_000);
    });
  },
);
