/**
 * PDF through LibreOffice headless: the DOCX written to a private temp directory, converted with its own
 * profile (two conversions sharing the default profile make one silently produce nothing) and with a
 * fontconfig file that maps the official font names to Noto CJK (data/layout/gbt9704.json fontFallbacks).
 * An adapter, not part of the pure render core: it runs a program and touches the disk.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import layout from '../../../data/layout/gbt9704.json' with { type: 'json' };
import { JixiaoError } from '../../errors.ts';

export const PDF_INSTALL_COMMAND = 'apt-get install libreoffice-writer-nogui fonts-noto-cjk';
const TIMEOUT_MS = 120_000;
/** A batch run gets this much per document on top of TIMEOUT_MS. */
const PER_DOCUMENT_MS = 5_000;

function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

function hasCjkFont(): boolean {
  const result = spawnSync('fc-list', [':lang=zh'], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.trim() !== '';
}

/** What the conversion lacks (in Chinese, for the message), or null. */
export function missingForPdf(): string | null {
  if (!hasCommand('soffice')) return 'LibreOffice（soffice）';
  if (!hasCjkFont()) return '中文字体';
  return null;
}

export function fontconfigAliases(): string {
  const aliases = Object.entries(layout.fontFallbacks as Record<string, string[]>)
    .map(
      ([name, faces]) =>
        `  <alias binding="same"><family>${name}</family><prefer>${faces
          .map((face) => `<family>${face}</family>`)
          .join('')}</prefer></alias>`,
    )
    .join('\n');
  const system = existsSync('/etc/fonts/fonts.conf')
    ? '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
    : '';
  return `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n${system}${aliases}\n</fontconfig>\n`;
}

/** `file` names the output in error messages. */
export async function docxToPdf(docx: Buffer, file: string): Promise<Buffer> {
  const missing = missingForPdf();
  if (missing !== null) {
    throw new JixiaoError('JX_SOFFICE_MISSING', { missing, command: PDF_INSTALL_COMMAND });
  }
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-pdf-'));
  try {
    const input = join(dir, 'report.docx');
    await writeFile(input, docx);
    const fontconfig = join(dir, 'fonts.conf');
    await writeFile(fontconfig, fontconfigAliases());
    const result = await runSoffice(dir, [input], fontconfig);
    const output = join(dir, 'report.pdf');
    if (!existsSync(output)) {
      throw new JixiaoError('JX_PDF_FAILED', { reason: result || '没有生成 PDF', file });
    }
    return await readFile(output);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Many documents in one LibreOffice run (start-up is most of a small document's conversion time): each
 * `docx` file in `inputs` becomes the same-named .pdf in `outdir`. Returns the files that produced none.
 */
export async function docxFilesToPdf(inputs: string[], outdir: string): Promise<string[]> {
  const missing = missingForPdf();
  if (missing !== null) {
    throw new JixiaoError('JX_SOFFICE_MISSING', { missing, command: PDF_INSTALL_COMMAND });
  }
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-pdf-'));
  try {
    const fontconfig = join(dir, 'fonts.conf');
    await writeFile(fontconfig, fontconfigAliases());
    await runSoffice(dir, inputs, fontconfig, outdir);
    const pdfOf = (input: string) => join(outdir, `${basename(input, extname(input))}.pdf`);
    return inputs.filter((input) => !existsSync(pdfOf(input)));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function runSoffice(dir: string, inputs: string[], fontconfig: string, outdir = dir): Promise<string> {
  const args = [
    `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`,
    '--headless',
    '--convert-to',
    'pdf:writer_pdf_Export',
    '--outdir',
    outdir,
    ...inputs,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn('soffice', args, {
      env: { ...process.env, FONTCONFIG_FILE: fontconfig },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS + PER_DOCUMENT_MS * (inputs.length - 1));
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      // javaldx's warning is harmless noise on every run.
      const detail = stderr
        .split('\n')
        .filter((line) => line.trim() !== '' && !/javaldx/.test(line))
        .join(' ');
      resolve(code === 0 ? '' : `退出码 ${code}${detail ? `：${detail.slice(0, 200)}` : ''}`);
    });
  });
}
