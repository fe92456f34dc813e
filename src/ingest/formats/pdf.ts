/**
 * PDF reader: the text layer, rebuilt into lines the text engine can read, with each page's text range.
 * Parsing runs in a worker thread (pdf-worker.ts) so the time limit really stops it; layout is pure
 * (pdf-layout.ts).
 */
import { JixiaoError } from '../../errors.ts';
import { timeoutError } from '../timeout.ts';
import type { IngestResult, Reader, ReaderOptions } from '../types.ts';
import { layoutPdf } from './pdf-layout.ts';
import { PdfParseFailure, parsePdf, type RawPdf } from './pdf-worker.ts';

const FORMAT_NAME = 'PDF 文件';
const TRUNCATED = '文件不完整，可能在下载或传输中被截断';
/** Fewer characters than this per page, with images on the pages: a scan without a text layer. */
const SCAN_CHARS_PER_PAGE = 20;

export const readPdf: Reader = async (bytes, options): Promise<IngestResult> => {
  const raw = await parse(bytes, options);
  const { text, blocks, pages } = layoutPdf(raw.pages);
  const chars = text.replace(/\s+/g, '').length;
  const hasImages = raw.pages.some((page) => page.images > 0);
  if (hasImages && chars < SCAN_CHARS_PER_PAGE * Math.max(1, raw.pages.length)) {
    throw new JixiaoError('JX_NEEDS_OCR', { file: options.name });
  }
  if (chars === 0) throw new JixiaoError('JX_EMPTY', { file: options.name });
  return { format: 'pdf', text, blocks, pages };
};

async function parse(bytes: Uint8Array, options: ReaderOptions): Promise<RawPdf> {
  try {
    return await parsePdf(bytes, {
      timeoutMs: options.limits.timeoutMs,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw toJixiaoError(error, bytes, options);
  }
}

/** A PDF ends with `%%EOF` (give or take trailing whitespace or junk); without it, the download was cut. */
function isTruncated(bytes: Uint8Array): boolean {
  const tail = new TextDecoder('latin1').decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
  return !tail.includes('%%EOF');
}

function toJixiaoError(error: unknown, bytes: Uint8Array, options: ReaderOptions): unknown {
  if (!(error instanceof PdfParseFailure)) return error;
  const file = options.name;
  if (error.reason !== 'timeout' && error.reason !== 'password' && isTruncated(bytes)) {
    return new JixiaoError('JX_CORRUPT', { format: FORMAT_NAME, reason: TRUNCATED, file }, { cause: error });
  }
  switch (error.reason) {
    case 'password':
      return new JixiaoError('JX_ENCRYPTED', { format: FORMAT_NAME, file }, { cause: error });
    case 'timeout':
      return timeoutError(options.limits.timeoutMs, file, error);
    case 'memory':
      return new JixiaoError(
        'JX_CORRUPT',
        { format: FORMAT_NAME, reason: '结构过于复杂，读取时内存不足', file },
        { cause: error },
      );
    case 'invalid':
      return new JixiaoError(
        'JX_CORRUPT',
        { format: FORMAT_NAME, reason: '不是有效的 PDF 结构', file },
        { cause: error },
      );
    default:
      return new JixiaoError(
        'JX_CORRUPT',
        { format: FORMAT_NAME, reason: '解析 PDF 时出错', file },
        { cause: error },
      );
  }
}
