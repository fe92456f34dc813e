/**
 * `jixiao score FILE`: score a self-evaluation against an indicator framework. A `.json` file is a model
 * (validated strictly: a model that breaks its own arithmetic is refused with exit 2); any other file is a
 * report, read by the ingest pipeline and turned into a model by the report builder, whose inconsistencies
 * are warnings (the report is what it is; the score says what could not be computed).
 */
import { type Command, Option } from 'commander';
import { DEFAULT_FRAMEWORK_ID } from '../../scoring/default-framework.ts';
import type { ScoreCommandOptions } from './score-run.ts';

const FORMATS = ['text', 'json'] as const;

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('score')
    .description('按指标体系评分：逐项列出输入、公式、计算值、适用规则和得分')
    .argument('<file>', '自评模型（.json）或自评报告文件')
    .option('--framework <id>', '评分框架（jixiao frameworks 列出可用框架）', DEFAULT_FRAMEWORK_ID)
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('text'))
    .option(
      '--manual <指标=得分>',
      '人工评分：分值、等级、“等级:分值”或“未满足:1,3”，如 input.goal.clarity=未满足:2（可重复）',
      collect,
      [],
    )
    .option('--input <名称=数值>', '评价人认定的输入，如 violations=1；金额以万元计（可重复）', collect, [])
    .action(async (file: string, options: ScoreCommandOptions) => {
      const { runScore } = await import('./score-run.ts');
      setExit(await runScore(file, options));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
