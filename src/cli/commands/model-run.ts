/** `jixiao model` itself, loaded only when the command runs (the model needs zod). */
import { JixiaoError } from '../../errors.ts';
import { extract } from '../../extract/index.ts';
import { loadDocument } from '../../ingest/load.ts';
import { type BuiltModel, buildModel } from '../../model/from-report.ts';
import type { SelfEvaluation } from '../../model/schema.ts';
import { emptyModel } from '../../model/template.ts';
import { validateModel } from '../../model/validate.ts';
import { LineIndex } from '../../text/line-index.ts';
import { EXIT } from '../errors.ts';

type Format = 'json' | 'text';

export interface ModelOptions {
  format: Format;
  template?: boolean;
  unit?: string;
  year?: string;
}

/** The empty model, itself validated so a bad --unit/--year is reported the way a bad model file is. */
function templateModel(options: ModelOptions): SelfEvaluation {
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && !Number.isInteger(year)) {
    throw new JixiaoError('JX_USAGE', { detail: `--year ${options.year} 应为四位年份，如 2024` });
  }
  const base = emptyModel({});
  const input = {
    ...base,
    unit: { ...base.unit, name: options.unit ?? base.unit.name },
    fiscalYear: year ?? base.fiscalYear,
  };
  const result = validateModel(input);
  if (!result.ok) {
    throw new JixiaoError('JX_USAGE', { detail: result.issues.map((issue) => issue.message).join('；') });
  }
  return result.model;
}

export function formatText(built: BuiltModel, text: string): string {
  const lines = new LineIndex(text);
  const out: string[] = [
    `单位：${built.model.unit.name}　年度：${built.model.fiscalYear}`,
    '',
    '读取的字段：',
  ];
  for (const [pointer, p] of Object.entries(built.provenance)) {
    const { line, column } = lines.position(p.start);
    out.push(
      `  ${pointer}  ←  ${line}:${column} “${p.text.length > 30 ? `${p.text.slice(0, 30)}…` : p.text}”（置信度 ${p.confidence}）`,
    );
  }
  if (Object.keys(built.derived).length > 0) {
    out.push('', '计算结果：');
    for (const [pointer, d] of Object.entries(built.derived))
      out.push(`  ${pointer} = ${d.display}（${d.formula}）`);
  }
  if (built.conflicts.length > 0) {
    out.push('', '前后不一致（取出现最多的值）：');
    for (const c of built.conflicts)
      out.push(`  ${c.pointer}：${c.statements.map((s) => s.text).join(' / ')}`);
  }
  out.push('', `报告未提供的字段（${built.missing.length}）：`, ...built.missing.map((m) => `  ${m}`));
  return `${out.join('\n')}\n`;
}

export async function runModel(
  file: string | undefined,
  options: ModelOptions,
  setExit: (code: number) => void,
): Promise<void> {
  if (options.template) {
    process.stdout.write(`${JSON.stringify(templateModel(options), null, 2)}\n`);
    setExit(EXIT.ok);
    return;
  }
  if (file === undefined)
    throw new JixiaoError('JX_USAGE', {
      detail: '缺少参数 <file>（报告文件），或用 --template 输出空白模型',
    });
  if (options.unit !== undefined || options.year !== undefined)
    throw new JixiaoError('JX_USAGE', { detail: '--unit 和 --year 只能与 --template 一起使用' });
  const document = await loadDocument(file);
  const built = buildModel(extract(document.text), { indicators: document.indicators ?? [] });
  process.stdout.write(
    options.format === 'json' ? `${JSON.stringify(built, null, 2)}\n` : formatText(built, document.text),
  );
  setExit(EXIT.ok);
}
