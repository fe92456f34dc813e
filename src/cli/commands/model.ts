/**
 * `jixiao model FILE`: a report read into the SelfEvaluation model. JSON is the contract
 * (`{ model, provenance, missing, derived, conflicts }`); the text format lists what was read and from where.
 */
import { type Command, Option } from 'commander';
import type { ModelOptions } from './model-run.ts';

const FORMATS = ['json', 'text'] as const;

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('model')
    .description('把报告读成结构化的自评模型（SelfEvaluation），每个字段注明出处')
    .argument('[file]', '报告文件（用 --template 时不需要）')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('json'))
    .option(
      '--template',
      '输出一份空白的自评模型（所有字段齐全，金额以分为单位），供单位填写后用 jixiao render 生成报告',
    )
    .option('--unit <名称>', '空白模型的单位名称（与 --template 一起使用）')
    .option('--year <年度>', '空白模型的预算年度（与 --template 一起使用）')
    .action(async (file: string | undefined, options: ModelOptions) => {
      const { runModel } = await import('./model-run.ts');
      await runModel(file, options, setExit);
    });
}
