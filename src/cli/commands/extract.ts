/**
 * `jixiao extract FILE`: the command's options; the work is in extract-run.ts, loaded only when it runs.
 */
import { type Command, Option } from 'commander';

const FORMATS = ['text', 'json'] as const;
export type ExtractFormat = (typeof FORMATS)[number];

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('extract')
    .description('抽取报告的章节结构、数字和合计关系')
    .argument('<file>', '报告文件（PDF、Word .docx、Excel .xlsx/.xls、网页 .html 或纯文本）')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('text'))
    .action(async (file: string, options: { format: ExtractFormat }) => {
      const { runExtract } = await import('./extract-run.ts');
      setExit(await runExtract(file, options.format));
    });
}
