/**
 * The CLI entry: builds the commander program, runs one command, and turns every failure into one
 * Chinese line on stderr plus an exit code. Commands report their own exit code through `setExit`.
 */
import { Command, CommanderError, type Option } from 'commander';
import pkg from '../../package.json' with { type: 'json' };
import { displayWidth } from '../text/width.ts';
import * as adminCommand from './commands/admin.ts';
import * as backupCommand from './commands/backup.ts';
import * as batchCommand from './commands/batch.ts';
import * as checkCommand from './commands/check.ts';
import * as extractCommand from './commands/extract.ts';
import * as frameworksCommand from './commands/frameworks.ts';
import * as generateCommand from './commands/generate.ts';
import * as importCommand from './commands/import.ts';
import * as modelCommand from './commands/model.ts';
import * as renderCommand from './commands/render.ts';
import * as reprocessCommand from './commands/reprocess.ts';
import * as scoreCommand from './commands/score.ts';
import * as serveCommand from './commands/serve.ts';
import { describeFailure, EXIT } from './errors.ts';

interface CommandModule {
  register(program: Command, setExit: (code: number) => void): void;
}

const COMMANDS: readonly CommandModule[] = [
  extractCommand,
  checkCommand,
  modelCommand,
  scoreCommand,
  renderCommand,
  generateCommand,
  batchCommand,
  frameworksCommand,
  serveCommand,
  adminCommand,
  backupCommand,
  reprocessCommand,
  importCommand,
];

export async function main(argv: string[]): Promise<number> {
  const debug = process.env.JIXIAO_DEBUG === '1';
  handleStdoutErrors();
  let exitCode: number = EXIT.ok;
  const program = createProgram();
  for (const command of COMMANDS) {
    command.register(program, (code) => {
      exitCode = code;
    });
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return handleCommanderExit(error);
    const failure = describeFailure(error, debug);
    process.stderr.write(failure.output);
    return failure.exitCode;
  }
}

const HELP_TITLES: Record<string, string> = {
  'Usage:': '用法：',
  'Arguments:': '参数：',
  'Options:': '选项：',
  'Commands:': '命令：',
  'Global Options:': '全局选项：',
};

/** Subcommands copy the help, output and exit settings when created, so this runs before `register`. */
function createProgram(): Command {
  return new Command('jixiao')
    .description('绩效：预算绩效自评报告的抽取与审查工具')
    .version(pkg.version, '-V, --version', '显示版本号')
    .helpOption('-h, --help', '显示帮助')
    .helpCommand('help [命令]', '显示某个命令的帮助')
    .configureHelp({
      styleTitle: (title) => HELP_TITLES[title] ?? title,
      displayWidth,
      optionDescription: describeOption,
    })
    .configureOutput({ outputError: () => {} })
    .exitOverride()
    .showSuggestionAfterError(true)
    .addHelpText('after', '\n退出码：0 正常；1 发现错误级问题；2 输入或用法有误。');
}

/** Commander appends "(choices: …, default: …)" in English; say it in Chinese. */
function describeOption(option: Option): string {
  const extras: string[] = [];
  if (option.argChoices) extras.push(`可选：${option.argChoices.join('、')}`);
  if (showsDefault(option)) {
    extras.push(`默认：${option.defaultValueDescription ?? String(option.defaultValue)}`);
  }
  return extras.length > 0 ? `${option.description}（${extras.join('；')}）` : option.description;
}

/** A flag's `false` and a repeatable option's `[]` are "not given", not defaults worth printing. */
function showsDefault(option: Option): boolean {
  const value: unknown = option.defaultValue;
  if (value === undefined || value === false || value === '' || option.negate) return false;
  return !(Array.isArray(value) && value.length === 0);
}

function handleCommanderExit(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return EXIT.ok;
  // Bare `jixiao` prints help to stderr with exit code 1; `jixiao help` prints it to stdout with 0.
  if (error.code === 'commander.help') return error.exitCode === 0 ? EXIT.ok : EXIT.bad;
  process.stderr.write(`jixiao：${translateUsageError(error)}；运行 jixiao --help 查看用法\n`);
  return EXIT.bad;
}

/** Commander's messages are English and fixed in 14.x; the quoted parts carry what the user typed. */
export function translateUsageError(error: CommanderError): string {
  const quoted = [...error.message.matchAll(/'([^']*)'/g)].map((match) => match[1]!);
  const suggestion = /Did you mean (\S+?)\?/.exec(error.message)?.[1];
  const hint = suggestion ? `（是不是要用 ${suggestion}？）` : '';
  switch (error.code) {
    case 'commander.unknownOption':
      return `未知选项 ${quoted[0]}${hint}`;
    case 'commander.unknownCommand':
      return `未知命令 ${quoted[0]}${hint}`;
    case 'commander.missingArgument':
      return `缺少参数 <${quoted[0]}>`;
    case 'commander.optionMissingArgument':
      return `选项 ${longestFlag(quoted[0])} 缺少取值`;
    case 'commander.missingMandatoryOptionValue':
      return `缺少必需的选项 ${longestFlag(quoted[0])}`;
    case 'commander.conflictingOption':
      return `选项 ${longestFlag(quoted[0])} 不能与 ${longestFlag(quoted[1])} 同时使用`;
    case 'commander.excessArguments':
      return `参数过多${excessDetail(error.message)}`;
    case 'commander.invalidArgument':
      return invalidArgument(error.message, quoted);
    default:
      return `命令行参数有误：${error.message.replace(/^error:\s*/, '').split('\n')[0]}`;
  }
}

/** '-f, --format <format>' → '--format': the spelled-out name says more in a message. */
function longestFlag(flags = ''): string {
  const names = flags.split(/[ ,|]+/).filter((part) => part.startsWith('-'));
  return names.find((name) => name.startsWith('--')) ?? names[0] ?? flags;
}

function excessDetail(message: string): string {
  const counts = /Expected (\d+) arguments? but got (\d+)/.exec(message);
  return counts ? `：应为 ${counts[1]} 个，实际 ${counts[2]} 个` : '';
}

function invalidArgument(message: string, quoted: string[]): string {
  const choices = /Allowed choices are (.+?)\.?$/.exec(message)?.[1];
  const allowed = choices ? `，可选：${choices.split(', ').join('、')}` : '';
  if (message.includes('option ')) return `选项 ${longestFlag(quoted[0])} 的取值 ${quoted[1]} 无效${allowed}`;
  return `参数 ${quoted[0]} 无效${allowed}`;
}

/**
 * `jixiao extract … | head` closes the pipe early: that is the reader's choice, not a crash. Any other
 * write failure (a full disk behind `>`) still gets one line rather than an unhandled 'error' event.
 */
function handleStdoutErrors(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') return;
    process.stderr.write(`jixiao：无法写出结果（${error.code ?? error.message}）\n`);
    process.exitCode = EXIT.bad;
  });
}
