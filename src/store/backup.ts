/**
 * Online backup of the SQLite database through better-sqlite3's `backup()` (SQLite's backup API), safe
 * while the server is writing: the copy is one consistent snapshot (all pages in a single step, so a
 * concurrent write cannot make SQLite restart the copy), then switched to a rollback journal so it is one
 * self-contained file, and checked before it is reported.
 */
import { statSync } from 'node:fs';
import SqliteDatabase from 'better-sqlite3';

export interface BackupInfo {
  path: string;
  bytes: number;
  reports: number;
  versions: number;
}

export async function backupSqlite(source: string, target: string): Promise<BackupInfo> {
  // Not read-only: as the last connection to close it folds the WAL back, leaving the directory as found.
  const db = new SqliteDatabase(source, { fileMustExist: true, timeout: 5000 });
  try {
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
  const copy = new SqliteDatabase(target, { fileMustExist: true });
  try {
    copy.pragma('journal_mode = DELETE');
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`quick_check: ${String(check)}`);
    const count = (table: string): number =>
      (copy.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
    const tables = new Set(
      (copy.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map(
        (row) => row.name,
      ),
    );
    return {
      path: target,
      bytes: statSync(target).size,
      reports: tables.has('reports') ? count('reports') : 0,
      versions: tables.has('report_versions') ? count('report_versions') : 0,
    };
  } finally {
    copy.close();
  }
}
