/**
 * `jixiao score` and `jixiao frameworks` as a user runs them: the built bin/jixiao in a child process, the
 * hand-written model of test/fixtures/model-example.json, both bundled frameworks. The expected numbers are
 * the hand computations of src/scoring/engine.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'jixiao');
const MODEL = join(ROOT, 'test', 'fixtures', 'model-example.json');
const SAMPLE = join(ROOT, '..', 'shared', 'samples', 'yuehu-2020.txt');

let dir: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-score-'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]) {
  const env = { ...process.env };
  delete env.JIXIAO_DEBUG;
  const result = spawnSync(BIN, args, { cwd: ROOT, env, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface JsonIndicator {
  id: string;
  name: string;
  level: number;
  weight: number | null;
  points: number | null;
  value: number | null;
  explanation: string;
  missing: string[];
}

function scoreJson(args: string[]) {
  const result = run(['score', ...args, '--format', 'json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  const json = JSON.parse(result.stdout) as Record<string, unknown> & { indicators: JsonIndicator[] };
  const byId = (id: string) => json.indicators.find((i) => i.id === id)!;
  return { json, byId };
}

function modelFile(name: string, edit: (model: Record<string, Json>) => void): string {
  const model = JSON.parse(readFileSync(MODEL, 'utf8')) as Record<string, Json>;
  edit(model);
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(model, null, 2));
  return path;
}

// biome-ignore lint/suspicious/noExplicitAny: the test edits arbitrary nested JSON
type Json = any;

const JUDGEMENTS = [
  ['--manual', 'input.goal.rationality=2'],
  ['--manual', 'input.goal.clarity=未满足:2'],
  ['--manual', 'process.budget_mgmt.rules=未满足:无'],
  ['--manual', 'process.budget_mgmt.disclosure=3'],
  ['--manual', 'process.budget_mgmt.basic_info=未满足:3'],
  ['--manual', 'process.asset_mgmt.rules=3'],
  ['--manual', 'process.asset_mgmt.safety=未满足:5'],
  ['--manual', 'outcome.benefit.economic=达成年度指标'],
  ['--manual', 'outcome.benefit.social=达成年度指标:4'],
  ['--manual', 'outcome.benefit.ecological=部分达成年度指标并具有一定效果:2'],
  ['--manual', 'outcome.capacity.long_term=2'],
  ['--manual', 'outcome.capacity.hr=1.6'],
  ['--manual', 'outcome.capacity.archives=未达成年度指标且效果较差'],
  ['--input', 'violations=1'],
].flat();

describe('jixiao score MODEL.json against the 部门整体支出 framework (default)', () => {
  it('scores what the model supplies and lists what is missing', () => {
    const { json, byId } = scoreJson([MODEL]);
    expect(Object.keys(json).slice(0, 3)).toEqual(['framework', 'total', 'grade']);
    expect(json).toMatchObject({
      framework: 'mof-2013-dept-overall',
      total: 53.11,
      grade: '差',
      gradeFinal: false,
      maxTotal: 100,
      scoredWeight: 59,
      unscoredWeight: 41,
      possibleMax: 94.11,
    });
    expect(json.indicators).toHaveLength(31);
    expect(Object.keys(json.indicators[0]!).slice(0, 8)).toEqual([
      'id',
      'name',
      'level',
      'weight',
      'points',
      'value',
      'explanation',
      'missing',
    ]);
    expect(byId('input.allocation.staff_control')).toMatchObject({
      name: '在职人员控制率',
      level: 3,
      weight: 3,
      points: 2.4,
      value: 102,
      missing: [],
    });
    expect(byId('process.execution.adjustment')).toMatchObject({ points: 0.67, value: 15 });
    expect(byId('process.execution.procurement')).toMatchObject({ points: 3, value: null, missing: [] });
    expect(byId('process.budget_mgmt.compliance')).toMatchObject({ points: null, missing: ['不合规情形数'] });
    expect(byId('outcome.benefit.social')).toMatchObject({ points: null, missing: ['需人工评分'] });
    expect(byId('input.allocation.staff_control').explanation).toMatch(
      /^输入：在职人员数 51人.*；得分：.*= 2\.40分$/,
    );
  });

  it('scores everything with the evaluator’s judgements: 86.56, 良', () => {
    const { json, byId } = scoreJson([MODEL, ...JUDGEMENTS]);
    expect(json).toMatchObject({ total: 86.56, grade: '良', gradeFinal: true, unscoredCount: 0 });
    expect(json.indicators.every((i) => i.points !== null && i.missing.length === 0)).toBe(true);
    expect(byId('input.goal.clarity').points).toBe(2.25);
    expect(byId('process.budget_mgmt.compliance').points).toBe(3);
    expect(byId('outcome.benefit.economic').points).toBe(2.4);
  });

  it('prints a readable score sheet with totals', () => {
    const result = run(['score', MODEL]);
    expect(result.status).toBe(0);
    const text = result.stdout;
    expect(text).toContain('评分表：示例街道办事处（2020年度）');
    expect(text).toMatch(/\n投入\s+15\s+7\.30\s+（2 项未评分）\n/);
    expect(text).toMatch(/\n {4}在职人员控制率\s+3\s+2\.40\n/);
    expect(text).toContain('公式：在职人员数 ÷ 编制数 × 100');
    expect(text).toContain(
      '总分：53.11 分（满分 100 分；已评分指标 59 分，未评分指标 14 项共 41 分，最高可达 94.11 分）',
    );
    expect(text).toContain('等级：差（暂定，仅供参考）');
    expect(text).toContain(
      '  - process.budget_mgmt.compliance 资金使用合规性（4分）：未评分（缺少不合规情形数）',
    );
  });
});

describe('jixiao score MODEL.json --framework mof-2020-project-self', () => {
  it('scores 预算执行率 and the unit’s indicator rows: 87.55, 良', () => {
    const { json, byId } = scoreJson([MODEL, '--framework', 'mof-2020-project-self']);
    expect(json).toMatchObject({
      framework: 'mof-2020-project-self',
      total: 87.55,
      grade: '良',
      gradeFinal: true,
    });
    expect(json.indicators.map((i) => [i.id, i.points])).toEqual([
      ['budget_execution', 9.88],
      ['output.quantity.1', 16.67],
      ['output.quality.1', 15],
      ['output.cost.1', 12],
      ['benefit.social.1', 24],
      ['satisfaction.recipients.1', 10],
    ]);
    expect(byId('output.cost.1').explanation).toContain('得 15 × 200 ÷ 250 = 12.00分');
  });

  it('lists a level-1 part without rows as missing', () => {
    const path = modelFile('no-rows.json', (m) => {
      m.performance.indicators = [];
    });
    const { json, byId } = scoreJson([path, '--framework', 'mof-2020-project-self']);
    expect(json).toMatchObject({ total: 9.88, grade: '差', gradeFinal: false });
    expect(byId('output.unfilled')).toMatchObject({
      weight: 50,
      points: null,
      missing: ['产出指标的三级指标'],
    });
  });
});

describe('jixiao score: refusals (exit 2, one Chinese line)', () => {
  it('refuses a model whose parts do not add up to the total, naming the field', () => {
    const path = modelFile('bad-sum.json', (m) => {
      m.budget.generalPublic.basic.personnel.actual = 1_559_910_000; // 1559.91 + 210.15 = 1770.06
    });
    const result = run(['score', path]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `jixiao：模型数据有误（共 1 处）：budget.generalPublic.basic.total.actual（基本支出·全年执行数）为 1771.06万元，但人员经费与公用经费之和为 1770.06万元：${path}\n`,
    );
  });

  it('refuses a file that is not JSON, saying where', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{\n  "unit": { "name": "某单位" },\n  "fiscalYear": 2020,\n}\n');
    const result = run(['score', path]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /^jixiao：不是有效的 JSON（第 4 行第 1 列附近有语法错误）：.*broken\.json\n$/,
    );
  });

  it('refuses unknown and partial frameworks, bad --manual and --input', () => {
    const unknown = run(['score', MODEL, '--framework', 'nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(
      /^jixiao：没有评分框架“nope”，可选：mof-2013-dept-overall、mof-2020-project-self/,
    );
    const partial = run(['score', MODEL, '--framework', 'hunan-yueyang-dept-overall']);
    expect(partial.status).toBe(2);
    expect(partial.stderr).toContain('不完整');
    const manual = run(['score', MODEL, '--manual', 'input.goal.rationality']);
    expect(manual.status).toBe(2);
    expect(manual.stderr).toContain('--manual input.goal.rationality 的格式应为');
    const tooMany = run(['score', MODEL, '--manual', 'input.goal.rationality=3']);
    expect(tooMany.stderr).toBe('jixiao：人工评分有误：input.goal.rationality：得分 3 超出 0～2 分\n');
    const input = run(['score', MODEL, '--input', 'violations=1.5']);
    expect(input.status).toBe(2);
    expect(input.stderr).toContain('--input violations=1.5 的取值应为非负整数');
  });

  it('reports a missing file like the other commands', () => {
    const result = run(['score', join(dir, 'absent.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^jixiao：找不到文件：/);
  });
});

describe('jixiao score REPORT', () => {
  it('builds a model from a report and scores it, every indicator either scored or with its missing inputs', () => {
    const result = run(['score', SAMPLE, '--format', 'json']);
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { framework: string; indicators: JsonIndicator[] };
    expect(json.framework).toBe('mof-2013-dept-overall');
    expect(json.indicators).toHaveLength(31);
    for (const i of json.indicators) expect(i.points === null).toBe(i.missing.length > 0);
    // The sample gives no 编制数 (shared domain README §1.5): 在职人员控制率 cannot be computed.
    const staff = json.indicators.find((i) => i.id === 'input.allocation.staff_control')!;
    expect(staff.points).toBeNull();
    expect(staff.missing).toContain('编制数');
  });
});

describe('jixiao model → jixiao score', () => {
  it('scores the saved output of jixiao model as is', () => {
    const model = run(['model', SAMPLE, '--format', 'json']);
    expect(model.status).toBe(0);
    const path = join(dir, 'from-model.json');
    writeFileSync(path, model.stdout);
    const result = run(['score', path, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout) as { framework: string; indicators: JsonIndicator[] };
    expect(json.indicators).toHaveLength(31);
  });
});

describe('jixiao frameworks', () => {
  it('lists the bundled frameworks with indicator counts and total weight', () => {
    const result = run(['frameworks', '--format', 'json']);
    expect(result.status).toBe(0);
    const list = JSON.parse(result.stdout) as Record<string, unknown>[];
    expect(list.find((f) => f.id === 'mof-2013-dept-overall')).toEqual({
      id: 'mof-2013-dept-overall',
      name: '部门整体支出绩效评价共性指标体系框架（财政部）',
      version: '1.0.0',
      status: 'complete',
      indicatorCount: 31,
      totalWeight: 100,
    });
    expect(list.map((f) => f.id)).toContain('mof-2020-project-self');
  });

  it('prints a table', () => {
    const result = run(['frameworks']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^编号\s+名称\s+版本\s+指标数\s+总分值\s+状态\n/);
    expect(result.stdout).toMatch(
      /\nmof-2020-project-self\s+项目支出绩效自评（单位自评）指标体系\s+1\.0\.0\s+10\s+100\s+可用于评分\n/,
    );
    expect(result.stdout).toContain('不完整，仅供参考');
  });
});
