/**
 * System tools the format tests and the PDF bench use: LibreOffice (to produce DOCX/PDF/HTML from the
 * sample), poppler's pdftotext (an independent reading of a PDF page), a CJK font (without one LibreOffice
 * draws boxes and the PDF has no Chinese text). Callers skip, naming INSTALL_HINT, when one is missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const INSTALL_HINT =
  'apt-get update && apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils fonts-noto-cjk';

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

export function hasCjkFont(): boolean {
  const result = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

/** What is missing for LibreOffice conversions of Chinese text, or null when all is there. */
export function missingForSoffice(): string | null {
  if (!hasCommand('soffice')) return 'LibreOffice（soffice）';
  if (!hasCommand('fc-list') || !hasCjkFont()) return '中文字体（fonts-noto-cjk）';
  return null;
}

export type Target = 'pdf' | 'docx' | 'html';

/**
 * Converts the UTF-8 text file `input` with LibreOffice. The text import filter is named explicitly so the
 * bytes are read as UTF-8 (LibreOffice would otherwise guess from the locale), and every call gets its own
 * profile directory: two conversions sharing the default profile make one silently produce nothing.
 */
export function convertText(input: string, target: Target, outDir: string, profileDir: string): string {
  const result = spawnSync(
    'soffice',
    [
      `-env:UserInstallation=${pathToFileURL(profileDir).href}`,
      '--headless',
      '--infilter=Text (encoded):UTF8,LF,,,',
      '--convert-to',
      target,
      '--outdir',
      outDir,
      input,
    ],
    { encoding: 'utf8', timeout: 120_000 },
  );
  const output = join(outDir, basename(input).replace(/\.[^.]+$/, `.${target}`));
  if (!existsSync(output)) {
    throw new Error(`LibreOffice produced no ${target} (status ${result.status}): ${result.stderr}`);
  }
  return output;
}

/** One page of a PDF as poppler reads it. */
export function pdftotextPage(pdf: string, page: number): string {
  const result = spawnSync('pdftotext', ['-f', String(page), '-l', String(page), pdf, '-'], {
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`pdftotext failed: ${result.stderr}`);
  return result.stdout;
}
