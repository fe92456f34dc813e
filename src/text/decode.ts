/**
 * Bytes → text, refusing anything that is not a plain-text report. Pure: no I/O.
 *
 * The text is exactly what the bytes say, minus a byte-order mark: line endings and every other character
 * are kept, because spans index this string and must point at what the user wrote.
 *
 * Order: a BOM, then UTF-16 without BOM (only input containing zero bytes can be UTF-16 text), then strict
 * UTF-8, then strict GB18030. UTF-8 is tried before GB18030 because GB18030 accepts most byte soups while
 * valid UTF-8 is almost never accidental.
 *
 * Telling a PDF or a .docx from text is `ingest/detect.ts`'s job, done before any reader runs; bytes that
 * still reach here and are not text (zero bytes at both parities, control characters) are refused as binary.
 */
import { JixiaoError } from '../errors.ts';
import { LineIndex } from './line-index.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'gb18030';

export interface Decoded {
  text: string;
  encoding: TextEncoding;
}

/** `name` only labels error messages (a path, an upload's file name). */
export function decode(bytes: Uint8Array, name = '输入内容'): Decoded {
  if (bytes.length === 0) throw new JixiaoError('JX_EMPTY', { file: name });
  const decoded = decodeText(bytes, name);
  assertReadableText(decoded.text, name);
  return decoded;
}

// The global's type comes from @types/node as a value only (no DOM lib).
type Decoder = InstanceType<typeof TextDecoder>;

const STRICT: Record<TextEncoding, Decoder> = {
  'utf-8': new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }),
  'utf-16le': new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }),
  'utf-16be': new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }),
  gb18030: new TextDecoder('gb18030', { fatal: true, ignoreBOM: true }),
};

const LENIENT_UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

const BOMS: { bytes: number[]; encoding: TextEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** A share above this of C0 control characters (other than tab, line feed, form feed, return) means binary. */
const MAX_CONTROL_SHARE = 0.1;

/** UTF-16 without BOM is accepted only when this share of units look like Chinese or ASCII text. */
const MIN_UTF16_TEXT_SHARE = 0.8;

function decodeText(bytes: Uint8Array, name: string): Decoded {
  const bom = BOMS.find((candidate) => startsWith(bytes, candidate.bytes));
  if (bom) return decodeAfterBom(bytes.subarray(bom.bytes.length), bom.encoding, name);

  if (bytes.includes(0)) {
    // Valid UTF-8 with multi-byte characters is not UTF-16 read by accident: its zero bytes are binary junk.
    const asUtf8 = tryDecode('utf-8', bytes);
    if (asUtf8 !== null && hasNonAscii(asUtf8)) throw new JixiaoError('JX_BINARY', { file: name });
    const utf16 = guessUtf16(bytes);
    if (utf16 === null) throw new JixiaoError('JX_BINARY', { file: name });
    return utf16;
  }

  const utf8 = tryDecode('utf-8', bytes);
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8' };
  if (looksLikeDamagedUtf8(bytes)) throw damagedUtf8(bytes, name);

  const gb = tryDecode('gb18030', bytes);
  if (gb !== null) return { text: stripLeadingBom(gb), encoding: 'gb18030' };
  throw new JixiaoError('JX_ENCODING', { reason: '不是 UTF-8、UTF-16 或 GB18030 文本', file: name });
}

function decodeAfterBom(rest: Uint8Array, encoding: TextEncoding, name: string): Decoded {
  if (rest.length === 0) throw new JixiaoError('JX_EMPTY', { file: name });
  const text = tryDecode(encoding, rest);
  if (text !== null) return { text, encoding };
  if (encoding === 'utf-8') throw damagedUtf8(rest, name);
  throw new JixiaoError('JX_ENCODING', {
    reason: '文件开头标明是 UTF-16，但内容不是有效的 UTF-16',
    file: name,
  });
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

function tryDecode(encoding: TextEncoding, bytes: Uint8Array): string | null {
  try {
    return STRICT[encoding].decode(bytes);
  } catch {
    return null;
  }
}

/**
 * Zero bytes occur in UTF-16 text (the high byte of ASCII, the low byte of 一 and the ideographic space)
 * and in binary files. Both byte orders are tried; the right one reads as Chinese/ASCII, the wrong one and
 * random bytes read as scattered code points across the whole plane.
 */
function guessUtf16(bytes: Uint8Array): Decoded | null {
  if (bytes.length % 2 !== 0) return null;
  const le = readAsUtf16('utf-16le', bytes);
  const be = readAsUtf16('utf-16be', bytes);
  const [best, other] = le.share >= be.share ? [le, be] : [be, le];
  if (best.text === null || best.share < MIN_UTF16_TEXT_SHARE || best.share === other.share) return null;
  return { text: best.text, encoding: best.encoding };
}

interface Utf16Reading {
  encoding: 'utf-16le' | 'utf-16be';
  text: string | null;
  share: number;
}

function readAsUtf16(encoding: Utf16Reading['encoding'], bytes: Uint8Array): Utf16Reading {
  const text = tryDecode(encoding, bytes);
  return { encoding, text, share: text === null ? 0 : textLikeShare(text) };
}

const SAMPLE_UNITS = 65_536;

function textLikeShare(text: string): number {
  const length = Math.min(text.length, SAMPLE_UNITS);
  let textLike = 0;
  for (let i = 0; i < length; i++) {
    if (isTextLikeUnit(text.charCodeAt(i))) textLike++;
  }
  return length === 0 ? 0 : textLike / length;
}

function isTextLikeUnit(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0c ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0x7e) ||
    (code >= 0xa0 && code <= 0xff) || // Latin-1: × · ° ±
    (code >= 0x2000 && code <= 0x2bff) || // punctuation, ①, Ⅰ, ≥, arrows, ■
    (code >= 0x3000 && code <= 0x30ff) || // CJK punctuation, kana
    (code >= 0x4e00 && code <= 0x9fff) || // CJK unified ideographs
    (code >= 0xff00 && code <= 0xffef) // full-width forms
  );
}

/** Mostly valid multi-byte UTF-8 with a few bad bytes: a truncated or spliced UTF-8 file, not GB18030. */
function looksLikeDamagedUtf8(bytes: Uint8Array): boolean {
  const text = LENIENT_UTF8.decode(bytes);
  let replaced = 0;
  let nonAscii = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0xfffd) replaced++;
    else if (code >= 0x80) nonAscii++;
  }
  return nonAscii >= 10 * replaced;
}

function damagedUtf8(bytes: Uint8Array, name: string): JixiaoError {
  const line = lineOfFirstInvalidUtf8(bytes);
  return new JixiaoError('JX_ENCODING', {
    reason: `UTF-8 文本第 ${line} 行有损坏的字节，文件可能被截断或混入了其他编码`,
    file: name,
  });
}

/** Valid prefixes (in streaming mode, which tolerates a cut-off last character) shrink monotonically: bisect. */
function lineOfFirstInvalidUtf8(bytes: Uint8Array): number {
  let valid = 0;
  let invalid = bytes.length + 1;
  while (invalid - valid > 1) {
    const mid = (valid + invalid) >>> 1;
    if (streamDecodeUtf8(bytes.subarray(0, mid)) !== null) valid = mid;
    else invalid = mid;
  }
  const prefix = streamDecodeUtf8(bytes.subarray(0, valid)) ?? '';
  return new LineIndex(prefix).position(prefix.length).line;
}

function streamDecodeUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes, { stream: true });
  } catch {
    return null;
  }
}

function assertReadableText(text: string, name: string): void {
  if (!/\S/.test(text)) throw new JixiaoError('JX_EMPTY', { file: name });
  if (controlShare(text) > MAX_CONTROL_SHARE) throw new JixiaoError('JX_BINARY', { file: name });
}

function controlShare(text: string): number {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) controls++;
  }
  return controls / text.length;
}

function stripLeadingBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  if (bytes.length < prefix.length) return false;
  return prefix.every((byte, i) => bytes[i] === byte);
}
