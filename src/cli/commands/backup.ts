/**
 * `jixiao backup [--data DIR] [--out FILE]`: an online copy of the embedded database, safe while
 * `jixiao serve` runs, to `<data>/backups/jixiao-YYYYMMDD-HHMMSS.db` unless `--out` names a file. With
 * DATABASE_URL set there is nothing to copy here: it says to use pg_dump and prints the command.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import { JixiaoError } from '../../errors.ts';

export interface BackupCommandOptions {
  data: string;
  out?: string;
}

/** Local time, to the second: `20261207-104500`. */
export function timestamp(date: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return (
    `${date.getFullYear()}${two(date.getMonth() + 1)}${two(date.getDate())}-` +
    `${two(date.getHours())}${two(date.getMinutes())}${two(date.getSeconds())}`
  );
}

export function pgDumpCommands(out: string | undefined, stamp: string): { command: string; restore: string } {
  const file = out ?? `jixiao-${stamp}.dump`;
  const quoted = /^[\w./-]+$/.test(file) ? file : `'${file.replace(/'/g, `'\\''`)}'`;
  return {
    command: `pg_dump --format=custom --file=${quoted} "$DATABASE_URL"`,
    restore: `pg_restore --clean --if-exists --dbname="$DATABASE_URL" ${quoted}`,
  };
}

/** The default target: a new timestamped file under `<data>/backups/` (suffixed when the second is taken). */
function defaultTarget(dataDir: string, stamp: string): string {
  const dir = join(dataDir, 'backups');
  let path = join(dir, `jixiao-${stamp}.db`);
  for (let n = 2; existsSync(path); n++) path = join(dir, `jixiao-${stamp}-${n}.db`);
  return path;
}

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

export async function runBackup(
  options: BackupCommandOptions,
  env: { databaseUrl?: string | undefined } = {},
): Promise<string> {
  const stamp = timestamp();
  if (env.databaseUrl) throw new JixiaoError('JX_BACKUP_POSTGRES', pgDumpCommands(options.out, stamp));
  const { DB_FILE_NAME } = await import('../../store/connect.ts');
  const dataDir = resolve(options.data);
  const source = join(dataDir, DB_FILE_NAME);
  if (!existsSync(source)) throw new JixiaoError('JX_NO_DATABASE', { file: source });
  const target = options.out !== undefined ? resolve(options.out) : defaultTarget(dataDir, stamp);
  if (existsSync(target)) throw new JixiaoError('JX_BACKUP_EXISTS', { file: target });
  const { backupSqlite } = await import('../../store/backup.ts');
  try {
    mkdirSync(dirname(target), { recursive: true });
    const info = await backupSqlite(source, target);
    return `已备份数据库到 ${info.path}（${info.reports} 份报告、${info.versions} 个版本，${size(info.bytes)}）\n恢复：停止服务后，将该文件复制为 ${source}\n`;
  } catch (error) {
    // A partial copy is not a backup.
    rmSync(target, { force: true });
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new JixiaoError('JX_BACKUP_FAILED', { reason, file: target }, { cause: error });
  }
}

export function register(program: Command): void {
  program
    .command('backup')
    .description('在线备份内置数据库（服务运行时也可）；使用 PostgreSQL 时给出 pg_dump 命令')
    .option('--data <dir>', '数据目录（内置数据库所在目录）', 'data')
    .option('-o, --out <file>', '备份文件（默认：数据目录下 backups/jixiao-日期-时间.db）')
    .action(async (options: BackupCommandOptions) => {
      process.stdout.write(await runBackup(options, { databaseUrl: process.env.DATABASE_URL || undefined }));
    });
}
