/**
 * The work of `jixiao check` (src/cli/commands/check.ts registers it): load, extract once, run the rule
 * catalogue, render text/json/html to stdout or a file. Exit codes: 1 when an error-severity finding remains,
 * 2 for bad input or usage (a thrown JixiaoError, turned into a one-line message by the CLI main).
 */
import { existsSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { JixiaoError } from '../../errors.ts';
import { loadDocument } from '../../ingest/load.ts';
import { type SourceInfo, sourceInfo } from '../../ingest/pages.ts';
import { renderFindingsHtml } from '../../render/findings-html.ts';
import { renderFindingsJson } from '../../render/findings-json.ts';
import { renderFindingsText } from '../../render/findings-text.ts';
import {
  CONFIG_FILE_NAME,
  parseConfigJson,
  type ResolvedConfig,
  resolveConfig,
} from '../../review/config.ts';
import { createReviewDocument } from '../../review/document.ts';
import { type ReviewResult, review } from '../../review/engine.ts';
import { listOutlines } from '../../review/outlines.ts';
import type { Rule } from '../../review/rule.ts';
import { rules } from '../../review/rules/index.ts';
import { CHECK_FORMATS, type CheckOptions } from './check.ts';

// biome-ignore lint/suspicious/noExplicitAny: the catalogue mixes option types
type AnyRule = Rule<any>;

const FORMATS = CHECK_FORMATS;

type Format = (typeof FORMATS)[number];

/** The whole command minus commander; returns the exit code (0 or 1), throws JixiaoError for code 2. */
export async function runCheck(
  file: string,
  options: CheckOptions,
  io: CheckIo = processIo(),
): Promise<number> {
  const format = requireFormat(options.format);
  if (options.out !== undefined) refuseToOverwriteInput(file, options.out);
  const catalogue = io.rules ?? rules;
  const config = loadConfig(options, io.cwd, catalogue);
  const loaded = await loadDocument(file);
  const doc = createReviewDocument(loaded.text);
  const result = review(doc, config, { rules: catalogue });
  for (const failure of result.errors) {
    io.warn(`jixiao：警告：规则 ${failure.rule} 执行出错，已跳过：${failure.message}`);
  }
  const output = render(format, {
    text: doc.text,
    sections: doc.extraction.sections,
    result,
    path: file,
    color: options.out === undefined && io.color,
    source: sourceInfo(loaded),
    ...(loaded.pages ? { pages: loaded.pages } : {}),
  });
  if (options.out === undefined) io.write(output);
  else writeAtomically(options.out, output);
  return exitCodeFor(result);
}

export function exitCodeFor(result: ReviewResult): number {
  return result.summary.error > 0 ? 1 : 0;
}

export interface CheckIo {
  cwd: string;
  /** The rules to run; the catalogue unless a test swaps it. */
  rules?: readonly AnyRule[];
  color: boolean;
  write(s: string): void;
  warn(s: string): void;
}

function processIo(): CheckIo {
  return {
    cwd: process.cwd(),
    color: useColor(process.stdout.isTTY === true, process.env),
    write: (s) => process.stdout.write(s),
    warn: (s) => process.stderr.write(`${s}\n`),
  };
}

/** https://no-color.org: any non-empty NO_COLOR turns colour off; a pipe or file never gets escapes. */
export function useColor(isTty: boolean, env: NodeJS.ProcessEnv): boolean {
  return isTty && !env.NO_COLOR && env.TERM !== 'dumb';
}

function requireFormat(format: string): Format {
  if ((FORMATS as readonly string[]).includes(format)) return format as Format;
  throw new JixiaoError('JX_USAGE', { detail: `不支持的输出格式“${format}”（可用：text、json、html）` });
}

function render(
  format: Format,
  input: Parameters<typeof renderFindingsText>[0] & { color: boolean; source: SourceInfo },
): string {
  if (format === 'json') return renderFindingsJson(input.result, input.source);
  if (format === 'html') return renderFindingsHtml(input);
  return renderFindingsText(input);
}

/** Reads `--config PATH` (must exist) or `jixiao.config.json` in the cwd (optional). */
export function loadConfig(
  options: CheckOptions,
  cwd: string,
  catalogue: readonly AnyRule[] = rules,
): ResolvedConfig {
  const path = options.config !== undefined ? resolve(cwd, options.config) : join(cwd, CONFIG_FILE_NAME);
  const name = options.config ?? CONFIG_FILE_NAME;
  let file: unknown;
  if (options.config !== undefined || existsSync(path)) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? '文件不存在' : String(error);
      throw new JixiaoError('JX_CONFIG', { detail: `无法读取配置文件 ${name}：${reason}` });
    }
    file = parseConfigJson(text, name);
  }
  return resolveConfig(
    { file, fileName: name, ruleFlags: options.rule, template: options.template },
    { catalogue, templates: listOutlines().map((outline) => outline.id) },
  );
}

function sameFile(a: string, b: string): boolean {
  const real = (p: string) => (existsSync(p) ? realpathSync(p) : resolve(p));
  return real(a) === real(b);
}

function refuseToOverwriteInput(input: string, out: string): void {
  if (sameFile(input, out)) {
    throw new JixiaoError('JX_USAGE', { detail: `输出文件不能是输入文件本身：${out}` });
  }
}

/** Temp file beside the target, then rename: a failed write never leaves half a report behind. */
export function writeAtomically(path: string, content: string): void {
  const target = resolve(path);
  const temp = join(dirname(target), `.${basename(target)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, content, { encoding: 'utf8', flag: 'wx' });
    renameSync(temp, target);
  } catch (error) {
    rmSync(temp, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    // No dedicated code for write failures yet; JX_USAGE keeps it an exit-2, one-line message.
    throw new JixiaoError('JX_USAGE', { detail: `无法写入输出文件 ${path}（${reason}）` });
  }
}
