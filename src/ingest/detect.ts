/**
 * What a file really is, decided by its bytes, never by its extension: reports arrive renamed (`报告.pdf`
 * that is a text export, `报告.txt` that is a .docx), and the extension is whatever the sender typed.
 * Pure: bytes in, a verdict out.
 */
import { JixiaoError } from '../errors.ts';
import { zipEntryNames } from './containers.ts';
import type { SourceFormat } from './types.ts';
import { inspectOle2 } from './zip.ts';

export type Detection =
  | { kind: 'readable'; format: SourceFormat }
  /** A format jixiao does not read, with what the user can do about it. */
  | { kind: 'unsupported'; name: string; advice: string }
  | { kind: 'encrypted'; name: string };

/** Acrobat accepts `%PDF-` anywhere in the first 1024 bytes (mail gateways and CMSs prepend junk). */
const PDF_SEARCH = 1024;
/** HTML must announce itself within this many characters of the start. */
const HTML_SNIFF = 2048;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** An empty archive, or the first part of a spanned one. */
const ZIP_OTHER = [
  [0x50, 0x4b, 0x05, 0x06],
  [0x50, 0x4b, 0x07, 0x08],
];

const ADVICE = {
  image: '请提供 Word、PDF（带文字层）或文本格式的报告，或先做文字识别（OCR）',
  archive: '请先解压，再逐个检查其中的报告文件',
  saveAsDocx: '请用 Word 或 WPS 打开后另存为 .docx',
  saveAsXlsx: '请用 Excel 或 WPS 打开后另存为 .xlsx',
  exportPdf: '请导出为 PDF 后再检查',
  mht: '请在浏览器中打开后另存为 .html 网页，或另存为 .docx',
} as const;

interface Signature {
  name: string;
  advice: string;
  matches(bytes: Uint8Array): boolean;
}

/** Formats refused outright, recognised so the message can say what the file is. */
const SIGNATURES: readonly Signature[] = [
  {
    name: 'PNG 图片',
    advice: ADVICE.image,
    matches: (b) => startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  },
  { name: 'JPEG 图片', advice: ADVICE.image, matches: (b) => startsWith(b, [0xff, 0xd8, 0xff]) },
  {
    name: 'GIF 图片',
    advice: ADVICE.image,
    matches: (b) => startsWithAscii(b, 'GIF87a') || startsWithAscii(b, 'GIF89a'),
  },
  {
    name: 'TIFF 图片',
    advice: ADVICE.image,
    matches: (b) => startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a]),
  },
  {
    name: 'WebP 图片',
    advice: ADVICE.image,
    matches: (b) => startsWithAscii(b, 'RIFF') && asciiAt(b, 8, 'WEBP'),
  },
  // 'BM' alone is too weak (a text may start with it): the reserved header words must also be zero.
  {
    name: 'BMP 图片',
    advice: ADVICE.image,
    matches: (b) => startsWithAscii(b, 'BM') && b.length > 14 && zeroAt(b, 6, 4),
  },
  { name: 'gzip 压缩包', advice: ADVICE.archive, matches: (b) => startsWith(b, [0x1f, 0x8b]) },
  {
    name: '7z 压缩包',
    advice: ADVICE.archive,
    matches: (b) => startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
  },
  { name: 'RAR 压缩包', advice: ADVICE.archive, matches: (b) => startsWithAscii(b, 'Rar!\x1a\x07') },
  { name: 'RTF 文档', advice: ADVICE.saveAsDocx, matches: (b) => startsWithAscii(b, '{\\rtf') },
];

export function detectFormat(bytes: Uint8Array): Detection {
  if (hasPdfHeader(bytes)) return readable('pdf');
  if (startsWith(bytes, ZIP)) return detectZip(bytes);
  if (ZIP_OTHER.some((magic) => startsWith(bytes, magic))) return unsupported('ZIP 压缩包', ADVICE.archive);
  if (startsWith(bytes, OLE2)) return detectOle2(bytes);
  const signature = SIGNATURES.find((candidate) => candidate.matches(bytes));
  if (signature) return unsupported(signature.name, signature.advice);
  const head = sniffHead(bytes);
  if (/^mime-version:/i.test(head) && /multipart\/related/i.test(head)) {
    return unsupported('MHT 网页存档', ADVICE.mht);
  }
  if (looksLikeHtml(head)) return readable('html');
  return readable('txt');
}

/** Turns a refusal into the error the user sees; returns the format to read otherwise. */
export function requireReadable(detection: Detection, file: string): SourceFormat {
  switch (detection.kind) {
    case 'readable':
      return detection.format;
    case 'unsupported':
      return fail(
        new JixiaoError('JX_UNSUPPORTED_FORMAT', { format: detection.name, advice: detection.advice, file }),
      );
    case 'encrypted':
      return fail(new JixiaoError('JX_ENCRYPTED', { format: detection.name, file }));
  }
}

function fail(error: JixiaoError): never {
  throw error;
}

function hasPdfHeader(bytes: Uint8Array): boolean {
  const limit = Math.min(bytes.length, PDF_SEARCH) - 5;
  for (let at = 0; at <= limit; at++) {
    if (bytes[at] === 0x25 && asciiAt(bytes, at, '%PDF-')) return true;
  }
  return false;
}

/** OOXML packages are ZIPs whose part names say what they are; so are ODF and OFD files. */
function detectZip(bytes: Uint8Array): Detection {
  const names = zipEntryNames(bytes);
  const has = (prefix: string) => names.some((name) => name.startsWith(prefix));
  if (has('word/')) return readable('docx');
  if (has('xl/')) return readable('xlsx');
  if (has('ppt/')) return unsupported('PowerPoint 演示文稿（.pptx）', ADVICE.exportPdf);
  if (names.includes('OFD.xml')) return unsupported('OFD 版式文件', ADVICE.exportPdf);
  if (names.includes('mimetype') || names.includes('content.xml')) {
    const head = new TextDecoder('latin1').decode(bytes.subarray(0, 256));
    if (head.includes('opendocument.spreadsheet'))
      return unsupported('OpenDocument 表格（.ods）', ADVICE.saveAsXlsx);
    return unsupported('OpenDocument 文档（.odt）', ADVICE.saveAsDocx);
  }
  return unsupported('ZIP 压缩包', ADVICE.archive);
}

/**
 * OLE2 holds Excel 97-2003 workbooks (read), Word 97-2003 and WPS documents (not read), and password-
 * protected OOXML files, which Office wraps in OLE2 with `EncryptionInfo` + `EncryptedPackage`.
 */
function detectOle2(bytes: Uint8Array): Detection {
  switch (inspectOle2(bytes).kind) {
    case 'encrypted-ooxml':
      return { kind: 'encrypted', name: 'Office 文档' };
    case 'excel':
      return readable('xls');
    case 'word':
      return unsupported('Word 97-2003 文档（.doc）', ADVICE.saveAsDocx);
    case 'powerpoint':
      return unsupported('PowerPoint 97-2003 演示文稿（.ppt）', ADVICE.exportPdf);
    default:
      return unsupported('Office 97-2003 文件', ADVICE.saveAsDocx);
  }
}

/** The first characters as text: UTF-16 by its BOM, otherwise ASCII-compatible bytes read as Latin-1. */
function sniffHead(bytes: Uint8Array): string {
  const head = bytes.subarray(0, HTML_SNIFF * 2);
  if (startsWith(head, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(head.subarray(2));
  if (startsWith(head, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(head.subarray(2));
  const start = startsWith(head, [0xef, 0xbb, 0xbf]) ? 3 : 0;
  return new TextDecoder('latin1').decode(head.subarray(start, start + HTML_SNIFF));
}

const LEADING_NOISE = /^(?:\s+|<\?xml[^>]*>|<!--[\s\S]*?-->)+/;
const HTML_START = /^<(?:!doctype\s+html|html|head|meta|body|title)[\s/>]/i;
const HTML_TAG = /<(?:html|head|body|meta)[\s/>]/i;

/**
 * `<!doctype html>`, `<html`, `<meta`… first (after an XML declaration or comments), or markup first and
 * one of those tags soon after: saved pages sometimes open with `<script>` or `<link>`.
 */
export function looksLikeHtml(head: string): boolean {
  const rest = head.replace(LEADING_NOISE, '');
  if (HTML_START.test(rest)) return true;
  return rest.startsWith('<') && HTML_TAG.test(rest.slice(0, HTML_SNIFF / 2));
}

function readable(format: SourceFormat): Detection {
  return { kind: 'readable', format };
}

function unsupported(name: string, advice: string): Detection {
  return { kind: 'unsupported', name, advice };
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, i) => bytes[i] === byte);
}

function startsWithAscii(bytes: Uint8Array, prefix: string): boolean {
  return asciiAt(bytes, 0, prefix);
}

function asciiAt(bytes: Uint8Array, at: number, text: string): boolean {
  if (bytes.length < at + text.length) return false;
  for (let i = 0; i < text.length; i++) {
    if (bytes[at + i] !== text.charCodeAt(i)) return false;
  }
  return true;
}

function zeroAt(bytes: Uint8Array, at: number, length: number): boolean {
  for (let i = at; i < at + length; i++) if (bytes[i] !== 0) return false;
  return true;
}
