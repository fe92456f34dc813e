import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { type ErrorCode, JixiaoError } from '../errors.ts';
import { decode } from './decode.ts';

const SAMPLE_URL = new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url);
const SAMPLE_BYTES = new Uint8Array(readFileSync(SAMPLE_URL));
const SAMPLE = readFileSync(SAMPLE_URL, 'utf8');

const utf8 = (text: string) => new TextEncoder().encode(text);
const bytesOf = (...parts: (number[] | Uint8Array | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...utf8(part)] : [...part])));
const encode = (text: string, encoding: string, addBOM = false) =>
  new Uint8Array(iconv.encode(text, encoding, { addBOM }));

function decodeError(bytes: Uint8Array, name?: string): JixiaoError {
  try {
    decode(bytes, name);
  } catch (error) {
    if (error instanceof JixiaoError) return error;
    throw error;
  }
  throw new Error('decode did not throw');
}

function expectCode(bytes: Uint8Array, code: ErrorCode): JixiaoError {
  const error = decodeError(bytes);
  expect(error.code).toBe(code);
  return error;
}

describe('decode: encodings', () => {
  it('reads the UTF-8 sample unchanged', () => {
    expect(decode(SAMPLE_BYTES)).toEqual({ text: SAMPLE, encoding: 'utf-8' });
  });

  it('strips a UTF-8 BOM and nothing else', () => {
    const { text, encoding } = decode(bytesOf([0xef, 0xbb, 0xbf], '一、总体情况\r\n正文\r'));
    expect(encoding).toBe('utf-8');
    expect(text).toBe('一、总体情况\r\n正文\r');
  });

  it('keeps a second U+FEFF after the BOM, since it is part of the text', () => {
    expect(decode(bytesOf([0xef, 0xbb, 0xbf], '\ufeff报告')).text).toBe('\ufeff报告');
  });

  it('reads the sample as GB18030', () => {
    expect(decode(encode(SAMPLE, 'gb18030'))).toEqual({ text: SAMPLE, encoding: 'gb18030' });
  });

  it('strips the GB18030 BOM', () => {
    expect(decode(bytesOf([0x84, 0x31, 0x95, 0x33], encode('报告', 'gb18030')))).toEqual({
      text: '报告',
      encoding: 'gb18030',
    });
  });

  it.each([
    ['utf-16le', true],
    ['utf-16be', true],
    ['utf-16le', false],
    ['utf-16be', false],
  ] as const)('reads the sample as %s (BOM: %s)', (encoding, bom) => {
    expect(decode(encode(SAMPLE, encoding, bom))).toEqual({ text: SAMPLE, encoding });
  });

  it.each(['月湖街道\n', '　　一、一一一\n', 'Budget performance report\n', '单位：万元\t合计\t1234.56\r\n'])(
    'detects the byte order of short UTF-16 without BOM: %j',
    (text) => {
      expect(decode(encode(text, 'utf-16le'))).toEqual({ text, encoding: 'utf-16le' });
      expect(decode(encode(text, 'utf-16be'))).toEqual({ text, encoding: 'utf-16be' });
    },
  );

  it('never changes the length beyond the BOM', () => {
    const text = '表1\r\n\r\n项目\t金额\f\r下一页\n';
    expect(decode(utf8(text)).text).toHaveLength(text.length);
    expect(decode(encode(text, 'utf-16le', true)).text).toHaveLength(text.length);
  });
});

describe('decode: refusals', () => {
  it('refuses empty input, a lone BOM and whitespace-only text', () => {
    expectCode(new Uint8Array(), 'JX_EMPTY');
    expectCode(bytesOf([0xef, 0xbb, 0xbf]), 'JX_EMPTY');
    expectCode(bytesOf([0xff, 0xfe]), 'JX_EMPTY');
    expectCode(utf8('\n \u3000\r\n\t'), 'JX_EMPTY');
  });

  it('refuses NUL bytes in text that is not UTF-16', () => {
    expectCode(utf8('报告\0正文'), 'JX_BINARY');
  });

  it('refuses bytes with zeros at both parities (random binary)', () => {
    const bytes = new Uint8Array(4096);
    let seed = 7;
    for (let i = 0; i < bytes.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[i] = i % 37 === 0 ? 0 : seed >>> 24;
    }
    expectCode(bytes, 'JX_BINARY');
  });

  it('refuses text made mostly of control characters, but tolerates a stray one', () => {
    expectCode(utf8('abc\x01\x02\x03\x04'), 'JX_BINARY');
    expect(decode(utf8(`${SAMPLE}\x1a`)).text).toBe(`${SAMPLE}\x1a`);
  });

  it('refuses bytes that are neither UTF-8 nor GB18030', () => {
    const bytes = bytesOf('text ', [0xff, 0xfd, 0xfc, 0x81, 0x20]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(() => new TextDecoder('gb18030', { fatal: true }).decode(bytes)).toThrow();
    const error = expectCode(bytes, 'JX_ENCODING');
    expect(error.message).toBe('无法识别文字编码（不是 UTF-8、UTF-16 或 GB18030 文本）：输入内容');
  });

  it('names the line of a damaged byte in otherwise valid UTF-8 instead of guessing GB18030', () => {
    const lineStart = Buffer.byteLength(`${SAMPLE.split('\n').slice(0, 10).join('\n')}\n`);
    expect(SAMPLE.split('\n')[10]!.startsWith('3）组织')).toBe(true);
    const bytes = SAMPLE_BYTES.slice();
    bytes[lineStart + 4] = 0xff; // inside 组
    const error = expectCode(bytes, 'JX_ENCODING');
    expect(error.message).toContain('UTF-8 文本第 11 行有损坏的字节');
  });

  it('names the last line of a UTF-8 file cut in the middle of a character', () => {
    const cut = utf8(`${'第一行文字内容\n'.repeat(4)}最后一行`).slice(0, -1);
    expect(expectCode(cut, 'JX_ENCODING').message).toContain('UTF-8 文本第 5 行有损坏的字节');
  });

  it('reports a broken file that declares UTF-8 by its BOM', () => {
    expect(expectCode(bytesOf([0xef, 0xbb, 0xbf], 'ab', [0xff]), 'JX_ENCODING').message).toContain('第 1 行');
  });

  it('reports odd-length content after a UTF-16 BOM', () => {
    expect(expectCode(bytesOf([0xff, 0xfe, 0x41, 0x00, 0x42]), 'JX_ENCODING').message).toContain(
      '不是有效的 UTF-16',
    );
  });

  // Containers are recognised by ingest/detect.ts before decoding; real ones are binary and stay refused here.
  it.each([
    [
      'a ZIP package',
      bytesOf([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0, 8, 0, 0, 0], '[Content_Types].xml', [0, 0, 0]),
    ],
    [
      'an OLE2 file',
      bytesOf([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0, 0, 0, 0, 0, 0x3e, 0]),
    ],
    [
      'a PNG image',
      bytesOf([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]),
    ],
    [
      'a compressed PDF stream',
      bytesOf('%PDF-1.7\n1 0 obj\nstream\n', [0x78, 0x9c, 0, 1, 2, 0, 0, 3, 4, 0, 5], '\n'),
    ],
  ])('refuses %s as binary', (_name, bytes) => {
    expectCode(bytes, 'JX_BINARY');
  });

  it('puts the given name in the message', () => {
    expect(decodeError(new Uint8Array(), 'reports/a.txt').message).toBe(
      '文件是空的，没有文字内容：reports/a.txt',
    );
  });
});

/** Any code point but C0 controls; tab, line feed and carriage return kept. */
const textChar = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('\t', '\n', '\r') },
  {
    weight: 9,
    arbitrary: fc
      .integer({ min: 0x20, max: 0x10ffff })
      .filter((code) => code < 0xd800 || code > 0xdfff)
      .map((code) => String.fromCodePoint(code)),
  },
);
const textString = fc
  .string({ unit: textChar, minLength: 1, maxLength: 200 })
  .filter((text) => /\S/.test(text) && !text.startsWith('\ufeff'));

describe('decode: properties', () => {
  it('returns text or throws a JixiaoError for any bytes', () => {
    const zeroInterleaved = fc
      .uint8Array({ maxLength: 300 })
      .map((bytes) => new Uint8Array([...bytes].flatMap((byte, i) => (i % 3 === 0 ? [byte, 0] : [byte]))));
    const bomPrefixed = fc
      .tuple(
        fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]),
        fc.uint8Array({ maxLength: 300 }),
      )
      .map(([bom, rest]) => new Uint8Array([...bom, ...rest]));
    const anyBytes = fc.oneof(fc.uint8Array({ maxLength: 600 }), zeroInterleaved, bomPrefixed);
    fc.assert(
      fc.property(anyBytes, (bytes) => {
        try {
          const { text, encoding } = decode(bytes);
          expect(typeof text).toBe('string');
          expect(['utf-8', 'utf-16le', 'utf-16be', 'gb18030']).toContain(encoding);
        } catch (error) {
          expect(error).toBeInstanceOf(JixiaoError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('round-trips any text through UTF-8', () => {
    fc.assert(
      fc.property(textString, (text) => {
        expect(decode(utf8(text))).toEqual({ text, encoding: 'utf-8' });
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips any text through UTF-16 with a BOM', () => {
    fc.assert(
      fc.property(textString, fc.constantFrom('utf-16le', 'utf-16be'), (text, encoding) => {
        expect(decode(encode(text, encoding, true))).toEqual({ text, encoding });
      }),
      { numRuns: 300 },
    );
  });

  it('for any string at all, gives it back or refuses it as empty, binary or a container', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 100 }), (text) => {
        try {
          const expected = text.startsWith('\ufeff') ? text.slice(1) : text;
          expect(decode(utf8(text)).text).toBe(expected);
        } catch (error) {
          expect(error).toBeInstanceOf(JixiaoError);
          expect(['JX_EMPTY', 'JX_BINARY', 'JX_UNSUPPORTED_FORMAT']).toContain((error as JixiaoError).code);
        }
      }),
      { numRuns: 500 },
    );
  });
});
