/** `jixiao frameworks` itself, loaded only when the command runs (the frameworks load with zod). */ import {
  type FrameworkSummary,
  listFrameworks,
  summarizeFramework,
} from '../../scoring/frameworks.ts';
import { fmt } from '../../scoring/rules.ts';
import { displayWidth, padEndToWidth } from '../../text/width.ts';
import { EXIT } from '../errors.ts';

type Format = 'text' | 'json';

const STATUS_TEXT: Record<FrameworkSummary['status'], string> = {
  complete: '可用于评分',
  'partial-reference': '不完整，仅供参考',
};

export function formatFrameworksJson(summaries: FrameworkSummary[]): string {
  return `${JSON.stringify(summaries, null, 2)}\n`;
}

export function formatFrameworksText(summaries: FrameworkSummary[]): string {
  const header = ['编号', '名称', '版本', '指标数', '总分值', '状态'];
  const rows = summaries.map((s) => [
    s.id,
    s.name,
    s.version,
    String(s.indicatorCount),
    fmt(s.totalWeight),
    STATUS_TEXT[s.status],
  ]);
  const widths = header.map((title, i) =>
    Math.max(displayWidth(title), ...rows.map((row) => displayWidth(row[i]!))),
  );
  const render = (row: string[]) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : padEndToWidth(cell, widths[i]!))).join('  ');
  return `${[header, ...rows].map(render).join('\n')}\n\n用法：jixiao score 模型.json --framework 编号\n`;
}

export function runFrameworks(options: { format: Format }): number {
  const summaries = listFrameworks().map(summarizeFramework);
  process.stdout.write(
    options.format === 'json' ? formatFrameworksJson(summaries) : formatFrameworksText(summaries),
  );
  return EXIT.ok;
}
