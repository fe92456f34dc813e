/**
 * `jixiao render MODEL.json|REPORT --docx OUT …`: the report written from a self-evaluation model. A .json
 * file is a model (strictly validated, as `jixiao score` does: bad input is exit 2 with Chinese messages
 * naming the fields); any other file is a report, first read into a model as `jixiao model` does. Every
 * output goes to a temp file beside its target and is renamed into place, so a failure leaves no partial
 * file behind.
 */
import type { Command } from 'commander';
import type { RenderOptions } from './render-run.ts';

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('render')
    .description('由自评模型生成自评报告（Word、Excel 自评表、PDF、网页、Markdown）')
    .argument('<file>', '自评模型（.json）或自评报告文件')
    .option('--docx <输出文件>', 'Word 报告（GB/T 9704 公文版式）')
    .option('--xlsx <输出文件>', 'Excel 绩效自评表')
    .option('--pdf <输出文件>', 'PDF 报告（需要 LibreOffice）')
    .option('--html <输出文件>', '网页预览（单个文件，可打印）')
    .option('--md <输出文件>', 'Markdown')
    .option('--no-charts', '不绘制图表（生成更快）')
    .action(async (file: string, options: RenderOptions) => {
      const { runRender } = await import('./render-run.ts');
      setExit(await runRender(file, options));
    });
}
