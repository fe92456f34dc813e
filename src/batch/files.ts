/** The files a batch reads (every file under DIR with an extension jixiao ingests, in a stable order) and writes. */
import { existsSync, readdirSync, statSync, writeSync } from 'node:fs';
import { extname, join, relative, resolve } from 'node:path';
import { JixiaoError } from '../errors.ts';

export const BATCH_EXTENSIONS = ['.txt', '.pdf', '.docx', '.xlsx', '.xls', '.html', '.htm'];

/** Both `jixiao batch` and `jixiao import` read a directory the user named: a usage error when it is none. */
export function requireReportDirectory(dir: string): void {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new JixiaoError('JX_USAGE', { detail: `找不到报告目录：${dir}` });
  }
}

/** `outDir`, when inside DIR, is left out (a batch's own results are not reports). */
export function listReports(dir: string, outDir?: string): string[] {
  const skip = outDir === undefined ? null : resolve(outDir);
  const out: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (resolve(path) !== skip) walk(path);
      } else if (entry.isFile() && BATCH_EXTENSIONS.includes(extname(entry.name).toLowerCase())) {
        out.push(relative(dir, path));
      }
    }
  };
  walk(dir);
  return out.sort();
}

/** A write to a regular file may in principle stop short: the rest is written until all of it is. */
export function writeFully(fd: number, data: Buffer): void {
  let written = 0;
  while (written < data.length) written += writeSync(fd, data, written);
}
