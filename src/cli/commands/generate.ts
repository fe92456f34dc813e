/**
 * `jixiao generate --count N --seed S --formats txt,docx,pdf,html,xlsx --out DIR [--defects RATE]`:
 * a reproducible corpus of random self-evaluation reports with planted defects, each report written in
 * every requested format, plus DIR/manifest.json naming every file's unit, region, year and planted
 * defects as offsets into the text jixiao decodes from that file (so recall and precision can be
 * measured). Offsets in DOCX, PDF, HTML and XLSX files are found by reading the written file back.
 */
import type { Command } from 'commander';
import type { GenerateOptions } from './generate-run.ts';

export const GENERATE_FORMATS = ['txt', 'docx', 'pdf', 'html', 'xlsx'] as const;
export type GenerateFormat = (typeof GENERATE_FORMATS)[number];

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('generate')
    .description('生成带有已知缺陷的随机自评报告语料（用于测量审查规则的查全率与查准率）')
    .requiredOption('--out <目录>', '输出目录（写入报告文件和 manifest.json）')
    .option('--count <数量>', '报告份数', '100')
    .option('--seed <种子>', '随机种子（相同种子生成相同语料）', '1')
    .option('--formats <格式>', `输出格式，逗号分隔：${GENERATE_FORMATS.join('、')}`, 'txt')
    .option('--defects <比例>', '每处可植入缺陷的位置被植入的概率（0～1；0 为全部干净）', '0.3')
    .action(async (options: GenerateOptions) => {
      const { runGenerate } = await import('./generate-run.ts');
      setExit(await runGenerate(options));
    });
}
