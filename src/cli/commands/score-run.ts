/** `jixiao score` itself, loaded only when the command runs (it needs the model and scoring, hence zod). */
import { extname } from 'node:path';
import { JixiaoError } from '../../errors.ts';
import { extract } from '../../extract/index.ts';
import type { Extraction } from '../../extract/types.ts';
import { loadDocument } from '../../ingest/load.ts';
import type { IngestResult } from '../../ingest/types.ts';
import { buildModel } from '../../model/from-report.ts';
import type { SelfEvaluation } from '../../model/schema.ts';
import { type ModelIssue, validateModel } from '../../model/validate.ts';
import { type ScoredIndicator, type ScoreResult, score } from '../../scoring/engine.ts';
import { getFramework, listFrameworks } from '../../scoring/frameworks.ts';
import { INPUTS, parseEvaluatorValue } from '../../scoring/inputs.ts';
import { fmt, fmt2 } from '../../scoring/rules.ts';
import { displayWidth, padEndToWidth, padStartToWidth } from '../../text/width.ts';
import { EXIT } from '../errors.ts';

const FORMATS = ['text', 'json'] as const;
type Format = (typeof FORMATS)[number];

export interface ScoreCommandOptions {
  framework: string;
  format: string;
  manual: string[];
  input: string[];
}

export interface ScoreIo {
  write(text: string): void;
  warn(line: string): void;
}

/** The command minus commander: returns the exit code, throws JixiaoError for bad input (exit 2). */
export async function runScore(
  file: string,
  options: ScoreCommandOptions,
  io: ScoreIo = processIo(),
): Promise<number> {
  const format = requireFormat(options.format);
  const framework = requireFramework(options.framework);
  const manual = parseAssignments(options.manual, '--manual', '指标编号=得分，如 input.goal.rationality=2');
  const inputs = parseInputs(options.input);
  const model = await loadModel(file, io);
  const result = score(model, framework, { manual, inputs });
  io.write(format === 'json' ? formatScoreJson(result) : formatScoreText(result));
  return EXIT.ok;
}

function processIo(): ScoreIo {
  return {
    write: (text) => process.stdout.write(text),
    warn: (line) => process.stderr.write(`${line}\n`),
  };
}

function requireFormat(format: string): Format {
  if ((FORMATS as readonly string[]).includes(format)) return format as Format;
  throw new JixiaoError('JX_USAGE', { detail: `输出格式 ${format} 无效，可选：${FORMATS.join('、')}` });
}

function requireFramework(id: string) {
  const framework = getFramework(id);
  if (framework) return framework;
  const choices = listFrameworks()
    .filter((f) => f.status === 'complete')
    .map((f) => f.id)
    .join('、');
  throw new JixiaoError('JX_UNKNOWN_FRAMEWORK', { id, choices });
}

function parseAssignments(values: string[], option: string, example: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const value of values) {
    const at = value.search(/[=＝]/);
    const key = at > 0 ? value.slice(0, at).trim() : '';
    const text = at > 0 ? value.slice(at + 1).trim() : '';
    if (!key || !text)
      throw new JixiaoError('JX_USAGE', { detail: `${option} ${value} 的格式应为 ${example}` });
    out[key] = text;
  }
  return out;
}

function parseInputs(values: string[]): Record<string, number> {
  const raw = parseAssignments(values, '--input', '名称=数值，如 violations=1');
  const out: Record<string, number> = {};
  for (const [name, text] of Object.entries(raw)) {
    const value = parseEvaluatorValue(name, text);
    const kind = INPUTS[name]?.kind;
    if (value === null) {
      const expected = kind === 'count' ? '非负整数' : kind === 'money' ? '非负数（万元）' : '非负数';
      throw new JixiaoError('JX_USAGE', { detail: `--input ${name}=${text} 的取值应为${expected}` });
    }
    out[name] = value;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Model or report

async function loadModel(file: string, io: ScoreIo): Promise<SelfEvaluation> {
  return modelFromDocument(await loadDocument(file), file, (line) => io.warn(line));
}

/**
 * The model a loaded file stands for: a `.json` file is a model, anything else a report read into one.
 * `extraction` reuses one the caller already made from `document.text`.
 */
export function modelFromDocument(
  document: IngestResult,
  file: string,
  warn: (line: string) => void,
  extraction: Extraction = extract(document.text),
): SelfEvaluation {
  if (extname(file).toLowerCase() === '.json') return modelFromJson(document.text, file);
  // Score sheets read from DOCX/XLSX tables carry the unit's indicator rows.
  const { model } = buildModel(extraction, { indicators: document.indicators ?? [] });
  const checked = validateModel(model);
  if (checked.ok) return checked.model;
  for (const issue of checked.issues) warn(`jixiao：警告：报告中的数字不一致：${issue.message}`);
  return model;
}

export function modelFromJson(text: string, file: string): SelfEvaluation {
  let input: unknown;
  try {
    input = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new JixiaoError('JX_JSON', { reason: jsonErrorReason(text, error), file });
  }
  const result = validateModel(unwrapModelOutput(input));
  if (result.ok) return result.model;
  throw new JixiaoError('JX_MODEL_INVALID', {
    count: result.issues.length,
    detail: summarizeIssues(result.issues),
    file,
  });
}

/** `jixiao model --format json` writes `{ model, provenance, … }`: its saved output can be scored as is. */
function unwrapModelOutput(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  const wrapped = 'model' in record && 'provenance' in record && !('unit' in record);
  return wrapped ? record.model : input;
}

/** Node's message is English and its position a UTF-16 offset: say where in line:column terms. */
function jsonErrorReason(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  const position = /position (\d+)/.exec(message);
  if (!position) return /end of JSON|Unexpected end/i.test(message) ? '内容不完整' : '语法错误';
  const before = text.replace(/^\uFEFF/, '').slice(0, Number(position[1]));
  const line = before.split('\n').length;
  const column = before.length - before.lastIndexOf('\n');
  return `第 ${line} 行第 ${column} 列附近有语法错误`;
}

const MAX_LISTED_ISSUES = 5;

function summarizeIssues(issues: ModelIssue[]): string {
  const listed = issues.slice(0, MAX_LISTED_ISSUES).map((issue) => issue.message);
  const rest = issues.length - listed.length;
  return listed.join('；') + (rest > 0 ? `；另有 ${rest} 处` : '');
}

// ---------------------------------------------------------------------------------------------------------
// JSON: { framework, total, grade, indicators: [{ id, name, level, weight, points, value, explanation, missing }] }
// first, then the extra fields

export function formatScoreJson(result: ScoreResult): string {
  const { framework, total, grade, indicators, ...rest } = result;
  const ordered = {
    framework,
    total,
    grade,
    ...rest,
    indicators: indicators.map(
      ({ id, name, level, weight, points, value, explanation, missing, ...more }) => ({
        id,
        name,
        level,
        weight,
        points,
        value,
        explanation,
        missing,
        ...more,
      }),
    ),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------------------
// Text: the score sheet, group by group, each indicator with its explanation

const INDENT = '  ';
const MAX_NAME_WIDTH = 44;

export function formatScoreText(result: ScoreResult): string {
  const lines: string[] = [
    `评分表：${result.unitName}（${result.fiscalYear}年度）`,
    `评分框架：${result.frameworkName}〔${result.framework}，版本 ${result.frameworkVersion}〕`,
    '',
  ];
  const rows = sheetRows(result);
  const nameWidth = Math.min(MAX_NAME_WIDTH, Math.max(16, ...rows.map((r) => displayWidth(r.name))));
  lines.push(
    `${padEndToWidth('指标（一级/二级/三级）', nameWidth)}  ${padStartToWidth('分值', 6)}  ${padStartToWidth('得分', 7)}`,
  );
  for (const row of rows) {
    const points = row.points === null ? '—' : fmt2(row.points);
    const weight = row.weight === null ? '—' : fmt(row.weight);
    const head = `${padEndToWidth(row.name, nameWidth)}  ${padStartToWidth(weight, 6)}  ${padStartToWidth(points, 7)}`;
    lines.push(row.note ? `${head}  ${row.note}` : head);
    for (const detail of row.details) lines.push(`${' '.repeat(row.depth * 2 + 4)}${detail}`);
  }
  lines.push('', ...footer(result));
  return `${lines.join('\n')}\n`;
}

interface SheetRow {
  name: string;
  depth: number;
  weight: number | null;
  points: number | null;
  note: string;
  details: string[];
}

/** Group headers interleaved with indicators, in framework order. */
function sheetRows(result: ScoreResult): SheetRow[] {
  const groups = new Map(result.groups.map((g) => [g.id, g]));
  const rows: SheetRow[] = [];
  let open: string[] = [];
  for (const indicator of result.indicators) {
    const shared = commonPrefix(open, indicator.parents);
    indicator.parents.slice(shared).forEach((id, i) => {
      const group = groups.get(id)!;
      const depth = shared + i;
      const pending = group.unscoredCount > 0 ? `（${group.unscoredCount} 项未评分）` : '';
      rows.push({
        name: INDENT.repeat(depth) + group.name,
        depth,
        weight: group.weight,
        points: group.points,
        note: pending,
        details: [],
      });
    });
    open = indicator.parents;
    rows.push(indicatorRow(indicator));
  }
  return rows;
}

function commonPrefix(a: string[], b: string[]): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

function indicatorRow(indicator: ScoredIndicator): SheetRow {
  const depth = indicator.parents.length;
  const name = indicator.parents.length > 0 ? indicator.name : indicator.path.join(' / ');
  const note = indicator.points === null ? statusOf(indicator) : indicator.manual ? '人工' : '';
  return {
    name: `${INDENT.repeat(depth)}${name}`,
    depth,
    weight: indicator.weight,
    points: indicator.points,
    note,
    details: [`编号 ${indicator.id}`, ...indicator.steps, ...indicator.flags.map((flag) => `⚠ ${flag}`)],
  };
}

/** "未评分（缺少编制数）": the indicator's own last explanation step. */
function statusOf(indicator: ScoredIndicator): string {
  return (indicator.steps.at(-1) ?? '').replace(/^得分：/, '');
}

function footer(result: ScoreResult): string[] {
  const lines = [
    `总分：${fmt2(result.total)} 分（满分 ${fmt(result.maxTotal)} 分；已评分指标 ${fmt(result.scoredWeight)} 分` +
      (result.unscoredCount > 0
        ? `，未评分指标 ${result.unscoredCount} 项共 ${fmt(result.unscoredWeight)} 分，最高可达 ${fmt2(result.possibleMax)} 分）`
        : '）'),
    `等级：${gradeText(result)}`,
    `说明：${result.gradeNote}`,
  ];
  if (result.notes.length > 0) lines.push('提示：', ...result.notes.map((note) => `  - ${note}`));
  const unscored = result.indicators.filter((i) => i.points === null);
  if (unscored.length > 0) {
    lines.push(
      '未评分指标：',
      ...unscored.map(
        (i) =>
          `  - ${i.id} ${i.name}（${i.weight === null ? '未填分值' : `${fmt(i.weight)}分`}）：${statusOf(i)}`,
      ),
      '补齐方法：在模型中填写缺少的数据；定性指标用 --manual 指标编号=得分（或等级、“未满足:1,3”）给分；评价人认定的数据用 --input 名称=数值。',
    );
  }
  return lines;
}

function gradeText(result: ScoreResult): string {
  if (result.grade === null) return '暂不评定';
  return result.gradeFinal ? result.grade : `${result.grade}（暂定，仅供参考）`;
}
