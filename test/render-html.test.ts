/**
 * Acceptance for `jixiao render --html/--md`: the HTML preview reads back (through jixiao's HTML reader) to
 * the sample's figures with no error finding (the sections without data are 待填写 warnings), and is self-contained; the Markdown carries the
 * same sentences and tables.
 */
import { readFileSync, rmSync } from 'node:fs';
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

let dir: string;
let modelFile: string;
let html: string;
let md: string;

beforeAll(() => {
  build();
  dir = tempDir('jixiao-render-html-');
  modelFile = sampleModelFile(dir);
  html = join(dir, 'yuehu.html');
  md = join(dir, 'yuehu.md');
  const result = run(['render', modelFile, '--html', html, '--md', md]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('HTML from the sample model', () => {
  it('reads back to the same figures', () => {
    const original = JSON.parse(readFileSync(modelFile, 'utf8')).model;
    expect(figures(modelOf(html))).toEqual(figures(original));
  });

  it('has no error finding; check reports the six placeholders', () => {
    const checked = review(html);
    expect(errorFindings(checked)).toEqual([]);
    const unfilled = unfilledFindings(checked);
    expect(unfilled).toHaveLength(6);
    expect(unfilled.every((f) => f.spans[0]!.text === '待填写')).toBe(true);
  });

  it('is one self-contained, print-ready file', () => {
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('<html lang="zh-CN">');
    expect(page).toContain('@page { size: A4; margin: 37mm 26mm 35mm 28mm; }');
    expect(page).toContain('data:image/svg+xml;base64,');
    expect(page).not.toMatch(/<(?:link|script)\b|src="(?!data:)/);
  });
});

describe('HTML from a complete model', () => {
  it('has no error finding', () => {
    const out = join(dir, 'complete.html');
    expect(run(['render', COMPLETE_MODEL, '--html', out]).status).toBe(0);
    expect(errorFindings(review(out))).toEqual([]);
  });
});

describe('Markdown', () => {
  it('has the outline headings, the figures in sentences and the budget table', () => {
    const text = readFileSync(md, 'utf8');
    expect(text.startsWith('# 月湖街道2020年度部门整体支出绩效自评报告\n')).toBe(true);
    expect(text).toContain('## 二、一般公共预算支出情况');
    expect(text).toContain(
      '2020年一般公共预算支出4546.77万元，其中基本支出1771.06万元，项目支出2775.71万元。',
    );
    expect(text).toContain('| 基本支出 | 1509.20 | 1771.06 | 117.35% |');
    expect(text).toContain('**（待填写，模型字段：budget.govFund）**');
  });
});
