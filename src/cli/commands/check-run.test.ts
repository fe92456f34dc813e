import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JixiaoError } from '../../errors.ts';
import { defineRule } from '../../review/rule.ts';
import { main } from '../main.ts';
import type { CheckOptions } from './check.ts';
import { type CheckIo, runCheck, useColor } from './check-run.ts';

/** Reports every 某某 (a stand-in name left in a report). */
const placeholderName = defineRule({
  id: 'placeholder',
  category: 'completeness',
  severity: 'error',
  title: '占位内容',
  description: '测试用。',
  options: { word: '某某' },
  messages: { found: '残留占位词“{word}”' },
  examples: { valid: [], invalid: [] },
  check(ctx) {
    const { word } = ctx.options;
    for (let at = ctx.doc.text.indexOf(word); at >= 0; at = ctx.doc.text.indexOf(word, at + 1)) {
      ctx.report({ messageId: 'found', data: { word }, spans: [{ start: at, end: at + word.length }] });
    }
  },
});
const crashing = defineRule({
  id: 'zz-crash',
  category: 'wording',
  severity: 'warning',
  title: '会出错的规则',
  description: '测试用。',
  options: {},
  messages: { m: '不会出现' },
  examples: { valid: [], invalid: [] },
  check() {
    throw new Error('boom');
  },
});

let dir: string;
let out: string[];
let warnings: string[];

function io(overrides: Partial<CheckIo> = {}): CheckIo {
  return {
    cwd: dir,
    color: false,
    rules: [placeholderName],
    write: (s) => out.push(s),
    warn: (s) => warnings.push(s),
    ...overrides,
  };
}

function options(overrides: Partial<CheckOptions> = {}): CheckOptions {
  return { format: 'text', rule: [], ...overrides };
}

function report(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function jixiaoErrorOf(promise: Promise<unknown>): Promise<JixiaoError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(JixiaoError);
  return error as JixiaoError;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-check-'));
  out = [];
  warnings = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runCheck', () => {
  it('prints text findings and returns 1 while an error-severity finding remains', async () => {
    const file = report('r.txt', '一、基本情况\n负责人：某某。\n');
    expect(await runCheck(file, options(), io())).toBe(1);
    const text = out.join('');
    expect(text).toContain('一、基本情况');
    expect(text).toMatch(/2:5 +错误 {2}placeholder {2}残留占位词“某某”/);
    expect(text).toContain('共 1 处问题：错误 1，警告 0，提示 0');
  });

  it('returns 0 once --rule lowers the severity', async () => {
    const file = report('r.txt', '负责人：某某。');
    expect(await runCheck(file, options({ rule: ['placeholder=warning'] }), io())).toBe(0);
  });

  it('writes JSON whose spans index the decoded text', async () => {
    const text = '负责人：某某，联系人：某某。';
    const file = report('r.txt', text);
    await runCheck(file, options({ format: 'json' }), io());
    const json = JSON.parse(out.join(''));
    expect(json.summary).toEqual({ error: 2, warning: 0, info: 0 });
    for (const finding of json.findings) {
      for (const span of finding.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
    expect(json.checks).toEqual([{ rule: 'placeholder', status: 'failed', count: 2 }]);
  });

  it('writes one HTML page with the report escaped', async () => {
    const file = report('r.txt', '<script>alert(1)</script>某某');
    await runCheck(file, options({ format: 'html' }), io());
    const html = out.join('');
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;<mark');
  });

  it('colours only when asked, and never into a file', async () => {
    const file = report('r.txt', '某某');
    await runCheck(file, options(), io({ color: true }));
    expect(out.join('')).toContain('\x1b[');
    const target = join(dir, 'out.txt');
    await runCheck(file, options({ out: target }), io({ color: true }));
    expect(readFileSync(target, 'utf8')).not.toContain('\x1b[');
  });

  it('warns about a crashing rule and still reports the others', async () => {
    const file = report('r.txt', '某某');
    expect(
      await runCheck(file, options({ format: 'json' }), io({ rules: [placeholderName, crashing] })),
    ).toBe(1);
    expect(warnings).toEqual(['jixiao：警告：规则 zz-crash 执行出错，已跳过：boom']);
    const json = JSON.parse(out.join(''));
    expect(json.findings).toHaveLength(1);
    expect(json.checks[1]).toEqual({
      rule: 'zz-crash',
      status: 'skipped',
      count: 0,
      reason: '规则执行出错：boom',
    });
  });
});

describe('runCheck --out', () => {
  it('writes the output to the file and nothing to stdout, leaving no temp file', async () => {
    const file = report('r.txt', '某某');
    const target = join(dir, 'result.json');
    await runCheck(file, options({ format: 'json', out: target }), io());
    expect(out).toEqual([]);
    expect(JSON.parse(readFileSync(target, 'utf8')).summary.error).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(['r.txt', 'result.json']);
  });

  it('replaces an existing file whole', async () => {
    const file = report('r.txt', '没有问题。');
    const target = report('result.txt', 'old '.repeat(1000));
    await runCheck(file, options({ out: target }), io());
    expect(readFileSync(target, 'utf8')).toMatch(/^\/.*r\.txt\n\n未发现问题。/);
  });

  it('refuses to overwrite the input, also through a link, before doing anything', async () => {
    const file = report('r.txt', '某某');
    const link = join(dir, 'link.txt');
    symlinkSync(file, link);
    for (const target of [file, link, join(dir, '.', 'r.txt')]) {
      const error = await jixiaoErrorOf(runCheck(file, options({ out: target }), io()));
      expect(error.code).toBe('JX_USAGE');
      expect(error.message).toContain('输出文件不能是输入文件本身');
    }
    expect(readFileSync(file, 'utf8')).toBe('某某');
  });

  it('fails cleanly when the target cannot be written, leaving no half file', async () => {
    const file = report('r.txt', '某某');
    const target = join(dir, 'a-directory');
    mkdirSync(join(target, 'inside'), { recursive: true });
    const error = await jixiaoErrorOf(runCheck(file, options({ out: target }), io()));
    expect(error.message).toContain('无法写入输出文件');
    expect(readdirSync(dir).sort()).toEqual(['a-directory', 'r.txt']);
    const missing = await jixiaoErrorOf(runCheck(file, options({ out: join(dir, 'no/such/dir.txt') }), io()));
    expect(missing.message).toContain('无法写入输出文件');
  });
});

describe('runCheck config', () => {
  it('reads jixiao.config.json from the cwd', async () => {
    const file = report('r.txt', '某某');
    writeFileSync(
      join(dir, 'jixiao.config.json'),
      JSON.stringify({ rules: { placeholder: ['info', { word: '张三' }] } }),
    );
    expect(await runCheck(file, options({ format: 'json' }), io())).toBe(0);
    expect(JSON.parse(out.join('')).checks).toEqual([{ rule: 'placeholder', status: 'passed', count: 0 }]);
  });

  it('reads --config PATH relative to the cwd, and --rule overrides it', async () => {
    const file = report('r.txt', '某某');
    mkdirSync(join(dir, 'conf'));
    writeFileSync(join(dir, 'conf', 'c.json'), '{"rules":{"placeholder":"off"}}');
    expect(await runCheck(file, options({ config: 'conf/c.json' }), io())).toBe(0);
    expect(await runCheck(file, options({ config: 'conf/c.json', rule: ['placeholder=error'] }), io())).toBe(
      1,
    );
  });

  it.each([
    [
      'a missing --config file',
      { config: 'nope.json' },
      undefined,
      /无法读取配置文件 nope\.json：文件不存在/,
    ],
    ['malformed JSON', {}, '{ rules: ', /jixiao\.config\.json 不是有效的 JSON/],
    ['an unknown rule', {}, '{"rules":{"nope":"error"}}', /未知的规则“nope”/],
    ['a bad --rule', { rule: ['placeholder=loud'] }, undefined, /级别“loud”无效/],
    [
      'an unknown option',
      {},
      '{"rules":{"placeholder":["error",{"words":["x"]}]}}',
      /没有选项“words”（可用：word）/,
    ],
  ])('refuses %s with JX_CONFIG', async (_name, overrides, configText, pattern) => {
    const file = report('r.txt', '某某');
    if (configText !== undefined) writeFileSync(join(dir, 'jixiao.config.json'), configText);
    const error = await jixiaoErrorOf(runCheck(file, options(overrides), io()));
    expect(error.code).toBe('JX_CONFIG');
    expect(error.message).toMatch(pattern);
  });
});

describe('useColor', () => {
  it('colours a TTY unless NO_COLOR is set (non-empty) or TERM is dumb', () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    expect(useColor(true, { NO_COLOR: '' })).toBe(true);
    expect(useColor(true, { TERM: 'dumb' })).toBe(false);
  });
});

describe('jixiao check through the CLI main', () => {
  let stdout: string;
  let stderr: string;
  let cwd: string;
  beforeEach(() => {
    stdout = '';
    stderr = '';
    cwd = process.cwd();
    process.chdir(dir); // no jixiao.config.json here
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout += String(chunk);
      return true;
    });
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr += String(chunk);
      return true;
    });
  });
  afterEach(() => {
    process.chdir(cwd);
    vi.restoreAllMocks();
  });

  const sample = new URL('../../../../shared/samples/yuehu-2020.txt', import.meta.url).pathname;

  it('checks the sample report: JSON spans match the text, exit code follows error findings', async () => {
    const code = await main(['check', sample, '--format', 'json']);
    const json = JSON.parse(stdout);
    const text = readFileSync(sample, 'utf8');
    for (const finding of json.findings) {
      for (const span of finding.spans) expect(text.slice(span.start, span.end)).toBe(span.text);
    }
    expect(code).toBe(json.summary.error > 0 ? 1 : 0);
    expect(json.checks.length).toBeGreaterThan(0);
  });

  it('exits 1 when rules that found something are raised to error, 0 when all are off', async () => {
    const checks: { rule: string; status: string }[] = JSON.parse(
      await captureJson(['check', sample, '--format', 'json']),
    ).checks;
    const failed = checks.filter((c) => c.status === 'failed').map((c) => c.rule);
    if (failed.length > 0) {
      expect(await main(['check', sample, ...failed.flatMap((id) => ['--rule', `${id}=error`])])).toBe(1);
    }
    stdout = '';
    expect(await main(['check', sample, ...checks.flatMap((c) => ['--rule', `${c.rule}=off`])])).toBe(0);
    expect(stdout).toContain('共 0 处问题');
  });

  it('exits 2 with one Chinese line for a bad format, a missing file and a bad config', async () => {
    expect(await main(['check', sample, '--format', 'xml'])).toBe(2);
    expect(await main(['check', join(dir, 'missing.txt')])).toBe(2);
    expect(await main(['check', sample, '--rule', 'nope=error'])).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    for (const line of lines) expect(line).toMatch(/^jixiao：/);
    expect(lines[2]).toContain('未知的规则“nope”');
    expect(stdout).toBe('');
  });

  it('writes --out atomically and exits like stdout would', async () => {
    const target = join(dir, 'page.html');
    const code = await main(['check', sample, '-f', 'html', '-o', target]);
    expect([0, 1]).toContain(code);
    expect(readFileSync(target, 'utf8')).toMatch(/^<!doctype html>/);
    expect(existsSync(target)).toBe(true);
    expect(stdout).toBe('');
  });

  async function captureJson(argv: string[]): Promise<string> {
    await main(argv);
    const captured = stdout;
    stdout = '';
    return captured;
  }
});
