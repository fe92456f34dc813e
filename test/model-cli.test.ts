import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildScoreSheetDocx } from '../src/ingest/formats/fixtures.ts';

const bin = new URL('../bin/jixiao', import.meta.url).pathname;
const sample = new URL('../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;

beforeAll(() => {
  spawnSync(process.execPath, [new URL('../scripts/build.mjs', import.meta.url).pathname], {
    stdio: 'inherit',
  });
});

describe('jixiao model', () => {
  it('prints the model with provenance, missing fields and derived rates', () => {
    const r = spawnSync(bin, ['model', sample], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out).sort()).toEqual(['conflicts', 'derived', 'missing', 'model', 'provenance']);
    expect(out.model.budget.generalPublic.basic.total.actual).toBe(1771060000);
    expect(out.provenance['/budget/generalPublic/basic/total/actual'].text).toBe('1771.06万元');
    expect(out.derived['/derived/basicExecutionRate'].display).toBe('117.4%');
    expect(out.missing).toContain('/staffing/authorizedTotal');
  });

  it('has a readable text form and refuses bad input with exit 2', () => {
    const text = spawnSync(bin, ['model', sample, '--format', 'text'], { encoding: 'utf8' });
    expect(text.status).toBe(0);
    expect(text.stdout).toContain('单位：月湖街道');
    expect(text.stdout).toContain('117.4%');
    const bad = spawnSync(bin, ['model', '/nonexistent/report.txt'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('jixiao model on a Word score sheet', () => {
  it('carries the indicator rows of a 自评表 into the model', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jixiao-model-'));
    const file = join(dir, '自评表.docx');
    writeFileSync(file, await buildScoreSheetDocx());
    const r = spawnSync(bin, ['model', file], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    const { model } = JSON.parse(r.stdout);
    expect(model.performance.indicators.length).toBeGreaterThan(2);
    for (const row of model.performance.indicators) {
      expect(row.level3).toBeTruthy();
      expect(row.target.comparator).toMatch(/^(≥|≤|=|>|<|~|qualitative)$/);
    }
  });
});
