/**
 * The built CLI as a user runs it: `bin/jixiao` over dist/cli.mjs, in a child process, with real files.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pkg from '../package.json' with { type: 'json' };
import { buildOle2Doc } from '../src/ingest/formats/fixtures.ts';
import { buildPdf, cjk } from '../src/ingest/formats/pdf-fixtures.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin', 'jixiao');
const SAMPLE = join(ROOT, '..', 'shared', 'samples', 'yuehu-2020.txt');
const SAMPLE_TEXT = readFileSync(SAMPLE, 'utf8');

let dir: string;

beforeAll(() => {
  execFileSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, stdio: 'pipe' });
  dir = mkdtempSync(join(tmpdir(), 'jixiao-cli-'));
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  status: number | null;
  stdout: Buffer;
  stderr: string;
  ms: number;
}

function run(args: string[]): Run {
  const env = { ...process.env };
  delete env.JIXIAO_DEBUG;
  const start = performance.now();
  const result = spawnSync(BIN, args, { cwd: ROOT, env, maxBuffer: 256 * 1024 * 1024 });
  const ms = performance.now() - start;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString('utf8'), ms };
}

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('jixiao --version and --help', () => {
  it('prints the package version quickly', () => {
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const result = run(['--version']);
      expect(result.status).toBe(0);
      expect(result.stdout.toString()).toBe(`${pkg.version}\n`);
      expect(result.stderr).toBe('');
      times.push(result.ms);
    }
    times.sort((a, b) => a - b);
    expect(times[3]).toBeLessThan(1000);
  });

  it('keeps the format readers’ heavy packages out of what starts with every command', () => {
    // dist/cli.mjs and the chunks it imports statically load on every run (`--version` included); pdfjs,
    // exceljs, SheetJS and htmlparser2 must come only through the readers' dynamic imports.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (path: string) => {
      if (seen.has(path)) return;
      seen.add(path);
      const source = readFileSync(path, 'utf8');
      for (const [, specifier] of source.matchAll(/^import\s(?:[^'"]*?\sfrom\s)?["']([^"']+)["'];?$/gm)) {
        if (specifier!.startsWith('.')) visit(join(path, '..', specifier!));
        else packages.add(specifier!);
      }
    };
    visit(join(ROOT, 'dist', 'cli.mjs'));
    for (const heavy of ['pdfjs-dist', 'exceljs', 'xlsx', 'htmlparser2']) {
      expect([...packages].filter((name) => name.startsWith(heavy))).toEqual([]);
    }
    expect(packages).toContain('commander');
  });

  it('explains itself in Chinese', () => {
    const result = run(['--help']);
    expect(result.status).toBe(0);
    const help = result.stdout.toString();
    expect(help).toContain('用法：');
    expect(help).toContain('extract');
    expect(help).toContain('退出码：0 正常；1 发现错误级问题；2 输入或用法有误。');
    expect(help).not.toMatch(/Usage:|Options:|display help/);
  });

  it('documents the extract options in Chinese', () => {
    const help = run(['extract', '--help']).stdout.toString();
    expect(help).toContain('输出格式（可选：text、json；默认：text）');
  });
});

describe('jixiao extract', () => {
  it('prints { text, sections, facts, relations, writtenTwice } whose text is the file and whose spans index it', () => {
    const result = run(['extract', SAMPLE, '--format', 'json']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const json = JSON.parse(result.stdout.toString('utf8'));
    expect(Object.keys(json)).toEqual(['text', 'sections', 'facts', 'relations', 'writtenTwice', 'source']);
    expect(json.source).toEqual({ format: 'txt' });
    expect(json.text).toBe(SAMPLE_TEXT);
    for (const fact of json.facts) expect(json.text.slice(fact.start, fact.end)).toBe(fact.text);
  });

  it('prints a readable outline, fact table and relation list by default', () => {
    const result = run(['extract', SAMPLE]);
    expect(result.status).toBe(0);
    const text = result.stdout.toString('utf8');
    expect(text).toMatch(/^章节（\d+）\n/);
    expect(text).toMatch(/\n数字（\d+）\n/);
    expect(text).toMatch(/\n合计关系（\d+）\n/);
  });

  it.each([
    ['GB18030', 'gb18030', false],
    ['UTF-16LE with BOM', 'utf-16le', true],
    ['UTF-16BE with BOM', 'utf-16be', true],
    ['UTF-16BE without BOM', 'utf-16be', false],
  ])('gives byte-identical output for the sample in %s', (_name, encoding, addBOM) => {
    const path = file(`sample-${encoding}-${addBOM}.txt`, iconv.encode(SAMPLE_TEXT, encoding, { addBOM }));
    for (const format of ['json', 'text']) {
      const reference = run(['extract', SAMPLE, '--format', format]);
      const reencoded = run(['extract', path, '--format', format]);
      expect(reencoded.stderr).toBe('');
      expect(reencoded.status).toBe(0);
      expect(reencoded.stdout.equals(reference.stdout)).toBe(true);
    }
  });

  it('stops quietly when the reader closes the pipe early', () => {
    const result = spawnSync(
      'bash',
      ['-c', `"${BIN}" extract "${SAMPLE}" --format json | head -c 1 >/dev/null; echo "\${PIPESTATUS[0]}"`],
      { encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('0');
  });
});

describe('a PDF report: every place also names its page', () => {
  const pdf = () =>
    file(
      'two-pages.pdf',
      buildPdf([
        {
          content:
            cjk(72, 760, 12, '一、部门基本情况') +
            cjk(72, 740, 12, '2020年街道一般公共预算支出4546.77万元。'),
        },
        {
          content:
            cjk(72, 760, 12, '二、人员情况') +
            cjk(72, 740, 12, '人员变化的原因：一是退休人员增加;二是正常调动。'),
        },
      ]),
    );

  it('extract --format json gives the source with page ranges, and each fact its page', () => {
    const result = run(['extract', pdf(), '--format', 'json']);
    expect(result.stderr).toBe('');
    const json = JSON.parse(result.stdout.toString('utf8'));
    expect(json.source).toEqual({
      format: 'pdf',
      pages: [
        { page: 1, start: 0, end: 35 },
        { page: 2, start: 35, end: 66 },
      ],
    });
    expect(json.facts.map((fact: { text: string; page: number }) => [fact.text, fact.page])).toEqual([
      ['4546.77万元', 1],
    ]);
  });

  it('check shows 第N页 beside line:column, and its JSON gives each span its page', () => {
    const path = pdf();
    const text = run(['check', path]).stdout.toString('utf8');
    expect(text).toMatch(/ {2}4:17 第2页 +警告 +punctuation/);
    const json = JSON.parse(run(['check', path, '--format', 'json']).stdout.toString('utf8'));
    const punctuation = json.findings.find((f: { rule: string }) => f.rule === 'punctuation');
    expect(punctuation.spans).toEqual([expect.objectContaining({ text: ';', page: 2 })]);
    expect(json.source.format).toBe('pdf');
  });
});

describe('bad input: one Chinese line on stderr, exit 2', () => {
  const cases: [string, () => string[], string][] = [
    ['an empty file', () => ['extract', file('empty.txt', '')], '文件是空的，没有文字内容：'],
    [
      'a binary file',
      () => ['extract', file('random.bin', pseudoRandomBytes(8192))],
      '不是文本文件（含有二进制内容）：',
    ],
    [
      'a 60 MB file',
      () => ['extract', sparseFile('huge.txt', 60 * 1024 * 1024)],
      '文件太大（60 MB，上限 50 MB）：',
    ],
    [
      'bytes that are neither UTF-8 nor GB18030',
      () => ['extract', file('invalid.txt', INVALID_BYTES)],
      '无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030 文本）：',
    ],
    ['a directory', () => ['extract', directory('folder')], '这是一个目录，不是文件：'],
    ['a missing file', () => ['extract', join(dir, 'missing.txt')], '找不到文件：'],
    [
      'a broken PDF',
      () => ['extract', file('report.pdf', '%PDF-1.7\n%âãÏÓ\n')],
      'PDF 文件已损坏，无法读取（文件不完整，可能在下载或传输中被截断）：',
    ],
    [
      'a Word 97-2003 .doc',
      () => ['check', file('report.doc', buildOle2Doc())],
      '暂不支持 Word 97-2003 文档（.doc），请用 Word 或 WPS 打开后另存为 .docx：',
    ],
    ['an unknown option', () => ['extract', SAMPLE, '--frobnicate'], '未知选项 --frobnicate'],
    ['a missing FILE argument', () => ['extract'], '缺少参数 <file>'],
    [
      'an unknown format',
      () => ['extract', SAMPLE, '--format', 'xml'],
      '选项 --format 的取值 xml 无效，可选：text、json',
    ],
    ['an unknown command', () => ['frobnicate'], '未知命令 frobnicate'],
    ['too many arguments', () => ['extract', SAMPLE, SAMPLE], '参数过多：应为 1 个，实际 2 个'],
  ];

  it.each(cases)('%s', (_name, args, message) => {
    const result = run(args());
    expect(result.status).toBe(2);
    expect(result.stdout.length).toBe(0);
    expect(result.stderr).toMatch(/^jixiao：[^\n]+\n$/);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/[\u4e00-\u9fff]/);
    expect(result.stderr).not.toMatch(/\bat \S+|Error:|\bnode:/);
  });

  it('refuses the 60 MB file before reading it', () => {
    const result = run(['extract', sparseFile('huge2.txt', 60 * 1024 * 1024)]);
    expect(result.status).toBe(2);
    expect(result.ms).toBeLessThan(5000);
  });
});

/** Neither valid UTF-8 nor GB18030 (a GB18030 lead byte followed by a space, 0xFF never valid). */
const INVALID_BYTES = Buffer.concat([Buffer.from('text '), Buffer.from([0xff, 0xfd, 0xfc, 0x81, 0x20])]);

it('uses invalid bytes that both decoders really reject', () => {
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(INVALID_BYTES)).toThrow();
  expect(() => new TextDecoder('gb18030', { fatal: true }).decode(INVALID_BYTES)).toThrow();
});

function pseudoRandomBytes(length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  let seed = 20_201_231;
  for (let i = 0; i < length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) >>> 0;
    bytes[i] = i % 29 === 0 ? 0 : seed >>> 24;
  }
  return bytes;
}

function sparseFile(name: string, size: number): string {
  const path = file(name, '');
  truncateSync(path, size);
  return path;
}

function directory(name: string): string {
  const path = join(dir, name);
  mkdirSync(path, { recursive: true });
  return path;
}
