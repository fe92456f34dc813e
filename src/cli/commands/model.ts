/**
 * `jixiao model FILE`: a report read into the SelfEvaluation model. JSON is the contract
 * (`{ model, provenance, missing, derived, conflicts }`); the text format lists what was read and from where.
 */
import { type Command, Option } from 'commander';
import { extract } from '../../extract/index.ts';
import { loadDocument } from '../../ingest/load.ts';
import { type BuiltModel, buildModel } from '../../model/from-report.ts';
import { LineIndex } from '../../text/line-index.ts';
import { EXIT } from '../errors.ts';

const FORMATS = ['json', 'text'] as const;
type Format = (typeof FORMATS)[number];

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('model')
    .description('把报告读成结构化的自评模型（SelfEvaluation），每个字段注明出处')
    .argument('<file>', '报告文件')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('json'))
    .action(async (file: string, options: { format: Format }) => {
      const document = await loadDocument(file);
      const built = buildModel(extract(document.text), { indicators: document.indicators ?? [] });
      process.stdout.write(
        options.format === 'json' ? `${JSON.stringify(built, null, 2)}\n` : formatText(built, document.text),
      );
      setExit(EXIT.ok);
    });
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
