/**
 * The `jixiao render` and `jixiao model --template` contract: bad input is one Chinese line per problem
 * naming the field, exit 2, and no output file (not even a partial one); a report file is read into a model
 * first; the empty template is a valid model that renders, with every section a visible placeholder.
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  build,
  errorFindings,
  figures,
  modelOf,
  review,
  run,
  SAMPLE,
  tempDir,
  unfilledFindings,
} from './render-helpers.ts';

let dir: string;

beforeAll(() => {
  build();
  dir = tempDir('jixiao-render-cli-');
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function outputs(sub: string): string[] {
  return readdirSync(join(dir, sub));
}

describe('jixiao render: bad input', () => {
  it('names each bad field in Chinese, exits 2 and writes nothing', () => {
    const out = join(dir, 'bad');
    const model = join(dir, 'bad-model.json');
    writeFileSync(
      model,
      JSON.stringify({
        unit: { name: '某局' },
        fiscalYear: 2020,
        budget: { govFund: { actual: '12.5万元' } },
      }),
    );
    mkdirSync(out, { recursive: true });
    const result = run(['render', model, '--docx', join(out, 'a.docx'), '--xlsx', join(out, 'a.xlsx')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('budget.govFund.actual（政府性基金预算支出·全年执行数）');
    expect(result.stderr).toContain('金额以分为单位');
    expect(result.stdout).toBe('');
    expect(outputs('bad')).toEqual([]);
  });

  it('asks for an output when none is given', () => {
    const result = run(['render', SAMPLE]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^jixiao：请至少指定一种输出：--docx/);
  });

  it('reports an unwritable output without leaving a temp file', () => {
    const result = run(['render', SAMPLE, '--md', join(dir, 'no-such-dir', 'a.md')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('无法写出文件');
  });
});

describe('jixiao render from a report file', () => {
  it('builds the model first, as jixiao model does', () => {
    const docx = join(dir, 'from-report.docx');
    const result = run(['render', SAMPLE, '--docx', docx]);
    expect(result.status).toBe(0);
    // The sample states 项目支出 twice with different figures; the model keeps the majority one.
    expect(figures(modelOf(docx))).toEqual(figures(modelOf(SAMPLE)));
  });
});

describe('jixiao model --template', () => {
  it('prints a complete empty model that validates and renders into placeholders', () => {
    const result = run(['model', '--template', '--unit', '某某局', '--year', '2024']);
    expect(result.status).toBe(0);
    const model = JSON.parse(result.stdout);
    expect(model.unit).toEqual({
      name: '某某局',
      code: null,
      level: null,
      region: null,
      parentDepartment: null,
    });
    expect(model.fiscalYear).toBe(2024);
    expect(model.budget.generalPublic.basic.personnel).toEqual({
      initial: null,
      adjusted: null,
      actual: null,
    });
    expect(model.performance.indicators).toEqual([]);
    const file = join(dir, 'template.json');
    writeFileSync(file, result.stdout);
    expect(run(['score', file]).status).toBe(0);
    const md = join(dir, 'template.md');
    expect(run(['render', file, '--md', md]).status).toBe(0);
    const checked = review(md);
    expect(errorFindings(checked)).toEqual([]);
    expect(unfilledFindings(checked).length).toBeGreaterThanOrEqual(10);
  });

  it('refuses a bad year with the field named', () => {
    const result = run(['model', '--template', '--year', '1800']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('fiscalYear（预算年度）');
  });

  it('needs a file without --template', () => {
    const result = run(['model']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--template');
  });
});
