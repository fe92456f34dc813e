/** `jixiao frameworks`: the bundled indicator frameworks, for choosing `jixiao score --framework`. */
import { type Command, Option } from 'commander';

const FORMATS = ['text', 'json'] as const;

export function register(program: Command, setExit: (code: number) => void): void {
  program
    .command('frameworks')
    .description('列出可用的评分指标体系（框架）')
    .addOption(new Option('-f, --format <format>', '输出格式').choices(FORMATS).default('text'))
    .action(async (options: { format: 'text' | 'json' }) => {
      const { runFrameworks } = await import('./frameworks-run.ts');
      setExit(runFrameworks(options));
    });
}
