/**
 * `jixiao check FILE`: the command's options; the work is in check-run.ts, loaded only when the command runs
 * (the rule catalogue and renderers are most of the CLI's start-up otherwise).
 */
import { type Command, Option } from 'commander';
import { CONFIG_FILE_NAME } from '../../review/config.ts';

export const CHECK_FORMATS = ['text', 'json', 'html'] as const;
const FORMATS = CHECK_FORMATS;

export interface CheckOptions {
  format: string;
  out?: string;
  config?: string;
  rule: string[];
  template?: string;
}

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('check')
    .description('审查自评报告：核对数字、前后一致、完整性、编号与文字规范')
    .argument('<file>', '自评报告文件')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('text'))
    .option('-o, --out <path>', '写入文件而不是标准输出')
    .option('-c, --config <path>', `配置文件（默认为当前目录下的 ${CONFIG_FILE_NAME}）`)
    .option('--rule <id=severity>', '调整规则级别：off、info、warning、error（可重复）', collect, [])
    .option('-t, --template <id>', '按指定的提纲模板检查缺少的章节')
    .action(async (file: string, options: CheckOptions) => {
      const { runCheck } = await import('./check-run.ts');
      setExit(await runCheck(file, options));
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
