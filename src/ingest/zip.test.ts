import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isJixiaoError } from '../errors.ts';
import {
  buildEncryptedOoxml,
  buildOle2Doc,
  buildXls,
  zeroBomb,
  zeroBombSize,
  zipWithEntry,
} from './formats/fixtures.ts';
import { timeoutError } from './timeout.ts';
import { DEFAULT_LIMITS, type ReaderLimits } from './types.ts';
import {
  crc32,
  createDeadline,
  inspectOle2,
  isOle2,
  isZip,
  openZip,
  withDeadline,
  type ZipOptions,
} from './zip.ts';

function options(limits: Partial<ReaderLimits> = {}): ZipOptions {
  return { file: '报告.docx', format: 'Word 文档', limits: { ...DEFAULT_LIMITS, ...limits } };
}

/** The JixiaoError code a call throws, 'NOT_JX' for any other exception, null when it returns. */
function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    return isJixiaoError(error) ? error.code : 'NOT_JX';
  }
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

const GB = 2 ** 30;

describe('openZip', () => {
  const sample = zipSync({
    'word/document.xml': strToU8('<w:document>正文</w:document>'),
    'word/media/a.bin': [new Uint8Array(100).fill(9), { level: 0 }],
  });

  it('reads deflated and stored entries, with case-insensitive part names', () => {
    const zip = openZip(sample, options());
    expect(zip.entries.map((e) => e.name).sort()).toEqual(['word/document.xml', 'word/media/a.bin']);
    expect(zip.readText('/Word/Document.XML')).toBe('<w:document>正文</w:document>');
    expect(zip.read('word/media/a.bin')).toEqual(new Uint8Array(100).fill(9));
    expect(zip.read('word/missing.xml')).toBeNull();
    expect(zip.has('WORD/document.xml')).toBe(true);
  });

  it('decodes UTF-16 parts by their byte-order mark', () => {
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from('<a>表</a>', 'utf16le')]);
    const zip = openZip(zipSync({ 'a.xml': utf16 }), options());
    expect(zip.readText('a.xml')).toBe('<a>表</a>');
  });

  it('refuses too many entries before inflating anything', () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 30; i++) files[`f${i}.xml`] = strToU8('x');
    const error = errorOf(() => openZip(zipSync(files), options({ maxEntries: 20 })));
    expect(isJixiaoError(error) && error.code).toBe('JX_ZIP_BOMB');
    expect(error.message).toContain('30 个文件');
  });

  it('refuses an honest bomb by its declared size, without inflating', () => {
    const bomb = zipWithEntry('word/document.xml', zeroBomb(GB), zeroBombSize(GB));
    const started = performance.now();
    const error = errorOf(() => openZip(bomb, options()));
    // Inflating the gigabyte would take seconds; refusing it by its header takes next to nothing.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(isJixiaoError(error) && error.code).toBe('JX_ZIP_BOMB');
    expect(error.message).toBe(
      'Word 文档解压后的内容过大（声明解压后共 1024 MB，上限 200 MB），疑似压缩炸弹，已拒绝读取：报告.docx',
    );
  });

  it('refuses the sum of declared sizes above the limit', () => {
    const files = { 'a.xml': new Uint8Array(600_000), 'b.xml': new Uint8Array(600_000) };
    expect(codeOf(() => openZip(zipSync(files), options({ maxUncompressedBytes: 1_000_000 })))).toBe(
      'JX_ZIP_BOMB',
    );
    expect(codeOf(() => openZip(zipSync(files), options({ maxUncompressedBytes: 2_000_000 })))).toBeNull();
  });

  it('stops a lying header at its declared size: a 1 GB bomb costs milliseconds and a few MB', () => {
    const bomb = zipWithEntry('word/document.xml', zeroBomb(GB), 1000);
    const zip = openZip(bomb, options());
    const memoryBefore = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    const error = errorOf(() => zip.read('word/document.xml'));
    const elapsed = performance.now() - started;
    const grown = process.memoryUsage().arrayBuffers - memoryBefore;
    expect(isJixiaoError(error) && error.code).toBe('JX_ZIP_BOMB');
    expect(error.message).toContain('实际解压大小超过声明的 1000 B');
    expect(elapsed).toBeLessThan(500);
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('reports every truncation of an archive as JX_CORRUPT', () => {
    for (let length = 0; length < sample.length; length++) {
      const cut = sample.subarray(0, length);
      const code = codeOf(() => {
        const zip = openZip(cut, options());
        for (const e of zip.entries) zip.read(e.name);
      });
      expect(code, `length ${length}`).toBe('JX_CORRUPT');
    }
  });

  it('catches content that inflates but fails its CRC', () => {
    const size = zeroBombSize(10_000);
    const zip = openZip(zipWithEntry('a.xml', zeroBomb(10_000), size, 0x12345678), options());
    const error = errorOf(() => zip.read('a.xml'));
    expect(isJixiaoError(error) && error.code).toBe('JX_CORRUPT');
    expect(error.message).toBe('Word 文档已损坏，无法读取（a.xml 校验失败）：报告.docx');
  });

  it('accepts the same entry with the right CRC', () => {
    const size = zeroBombSize(10_000);
    const crc = crc32(new Uint8Array(size));
    const zip = openZip(zipWithEntry('a.xml', zeroBomb(10_000), size, crc), options());
    expect(zip.read('a.xml')?.length).toBe(size);
  });

  it('refuses something that is not a ZIP', () => {
    expect(codeOf(() => openZip(strToU8('这不是压缩包'.repeat(10)), options()))).toBe('JX_CORRUPT');
    expect(codeOf(() => openZip(new Uint8Array(0), options()))).toBe('JX_CORRUPT');
  });

  it('refuses files above maxBytes before parsing', () => {
    expect(codeOf(() => openZip(sample, options({ maxBytes: 10 })))).toBe('JX_TOO_LARGE');
  });

  it('asks to remove the password from an encrypted Office file', () => {
    const error = errorOf(() => openZip(buildEncryptedOoxml(), options()));
    expect(isJixiaoError(error) && error.code).toBe('JX_ENCRYPTED');
    expect(error.message).toBe('Word 文档有密码保护（已加密），请先去掉密码再检查：报告.docx');
  });

  it('gives up with JX_TIMEOUT once the deadline has passed', () => {
    const deadline = createDeadline({ ...DEFAULT_LIMITS, timeoutMs: -1 }, '报告.docx');
    const zip = openZip(sample, { ...options(), deadline });
    const error = errorOf(() => zip.read('word/document.xml'));
    expect(isJixiaoError(error) && error.code).toBe('JX_TIMEOUT');
  });
});

describe('OLE2 sniffing', () => {
  it('tells encrypted OOXML, Word and Excel containers apart', () => {
    expect(isOle2(buildEncryptedOoxml())).toBe(true);
    expect(inspectOle2(buildEncryptedOoxml()).kind).toBe('encrypted-ooxml');
    expect(inspectOle2(buildEncryptedOoxml()).names).toEqual(
      expect.arrayContaining(['EncryptionInfo', 'EncryptedPackage']),
    );
    expect(inspectOle2(buildOle2Doc()).kind).toBe('word');
    expect(inspectOle2(buildXls()).kind).toBe('excel');
  });

  it('still finds EncryptionInfo when the directory chain is damaged', () => {
    const bytes = buildEncryptedOoxml().slice();
    new DataView(bytes.buffer).setUint32(48, 0xfffffffe, true); // first directory sector: none
    expect(inspectOle2(bytes).names).toEqual([]);
    expect(inspectOle2(bytes).kind).toBe('encrypted-ooxml');
  });

  it('survives garbage after the OLE2 magic', () => {
    const bytes = new Uint8Array(4096).fill(0xff);
    bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(inspectOle2(bytes).kind).toBe('other');
  });

  it('sniffs ZIP magic', () => {
    expect(isZip(zipSync({ a: strToU8('x') }))).toBe(true);
    expect(isZip(strToU8('PKZIP'))).toBe(false);
  });
});

describe('helpers', () => {
  it('computes the standard CRC-32', () => {
    expect(crc32(strToU8('123456789'))).toBe(0xcbf43926);
  });

  it('a deadline fails as soon as the caller’s signal fires, with the caller’s reason', () => {
    const controller = new AbortController();
    const deadline = createDeadline(DEFAULT_LIMITS, 'a.docx', controller.signal);
    expect(() => deadline.check()).not.toThrow();
    const reason = timeoutError(30_000, 'a.docx');
    controller.abort(reason);
    expect(errorOf(() => deadline.check())).toBe(reason);
  });

  it('withDeadline rejects when the signal fires', async () => {
    const controller = new AbortController();
    const deadline = createDeadline(DEFAULT_LIMITS, 'a.xlsx', controller.signal);
    const never = new Promise<never>(() => {});
    setTimeout(() => controller.abort(), 10);
    await expect(withDeadline(never, deadline, () => new Error('stopped'))).rejects.toThrow('stopped');
  });

  it('withDeadline rejects with the given error when time runs out', async () => {
    const limits = { ...DEFAULT_LIMITS, timeoutMs: 20 };
    const deadline = createDeadline(limits, 'a.xlsx');
    const never = new Promise<never>(() => {});
    await expect(
      withDeadline(never, deadline, () => timeoutError(limits.timeoutMs, 'a.xlsx')),
    ).rejects.toMatchObject({
      code: 'JX_TIMEOUT',
      message: '读取超时（超过 0 秒仍未读完，文件可能过于复杂或已损坏）：a.xlsx',
    });
    await expect(withDeadline(Promise.resolve(7), deadline, () => new Error('x'))).resolves.toBe(7);
  });
});
