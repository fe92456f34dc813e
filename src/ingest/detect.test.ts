import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { JixiaoError } from '../errors.ts';
import { zipEntryNames } from './containers.ts';
import { type Detection, detectFormat, looksLikeHtml, requireReadable } from './detect.ts';
import { buildEncryptedOoxml, buildOle2Doc, buildReportDocx, buildXls } from './formats/fixtures.ts';

const ascii = (text: string) => new Uint8Array(Buffer.from(text, 'latin1'));
const utf8 = (text: string) => new TextEncoder().encode(text);
const bytes = (...parts: (number[] | string)[]) =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...ascii(part)] : part)));
const zip = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, content]) => [name, utf8(content)])));

const readable = (format: string): Detection => ({ kind: 'readable', format }) as Detection;

describe('detectFormat: by content, never by name', () => {
  it('finds a PDF by its header, also after junk a mail gateway put in front', () => {
    expect(detectFormat(ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj'))).toEqual(readable('pdf'));
    expect(detectFormat(ascii('X-Mailer: gateway\r\n\r\n%PDF-1.4\n'))).toEqual(readable('pdf'));
    expect(detectFormat(ascii(`${' '.repeat(2000)}%PDF-1.4`))).toEqual(readable('txt'));
  });

  it('reads a text file saved as .pdf as text (the name plays no part)', () => {
    expect(detectFormat(utf8('一、部门基本情况\n2020年预算支出4546.77万元。'))).toEqual(readable('txt'));
  });

  it('tells OOXML packages apart by their parts', async () => {
    expect(detectFormat(await buildReportDocx())).toEqual(readable('docx'));
    expect(
      detectFormat(zip({ '[Content_Types].xml': '<Types/>', 'xl/workbook.xml': '<workbook/>' })),
    ).toEqual(readable('xlsx'));
    expect(
      detectFormat(zip({ '[Content_Types].xml': '<Types/>', 'ppt/presentation.xml': '<p/>' })),
    ).toMatchObject({
      kind: 'unsupported',
      name: 'PowerPoint 演示文稿（.pptx）',
    });
  });

  it('names other ZIP-based formats and plain archives', () => {
    const odt = zip({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office/>' });
    expect(detectFormat(odt)).toMatchObject({ kind: 'unsupported', name: 'OpenDocument 文档（.odt）' });
    expect(detectFormat(zip({ 'OFD.xml': '<ofd:OFD/>', 'Doc_0/Document.xml': '<d/>' }))).toMatchObject({
      name: 'OFD 版式文件',
    });
    expect(detectFormat(zip({ '报告.txt': '正文' }))).toEqual({
      kind: 'unsupported',
      name: 'ZIP 压缩包',
      advice: '请先解压，再逐个检查其中的报告文件',
    });
  });

  it('lists entry names from local headers when the central directory is cut off', async () => {
    const docx = await buildReportDocx();
    const cut = docx.subarray(0, Math.floor(docx.length * 0.6));
    expect(zipEntryNames(cut).some((name) => name.startsWith('word/'))).toBe(true);
    expect(detectFormat(cut)).toEqual(readable('docx'));
  });

  it('tells OLE2 files apart: .xls read, .doc refused with advice, encrypted Office refused', () => {
    expect(detectFormat(buildXls())).toEqual(readable('xls'));
    expect(detectFormat(buildOle2Doc())).toEqual({
      kind: 'unsupported',
      name: 'Word 97-2003 文档（.doc）',
      advice: '请用 Word 或 WPS 打开后另存为 .docx',
    });
    expect(detectFormat(buildEncryptedOoxml())).toEqual({ kind: 'encrypted', name: 'Office 文档' });
  });

  it.each([
    ['PNG 图片', bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])],
    ['JPEG 图片', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10])],
    ['GIF 图片', bytes('GIF89a\x01\x00')],
    ['TIFF 图片', bytes([0x49, 0x49, 0x2a, 0x00, 8, 0, 0, 0])],
    ['WebP 图片', bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 ')],
    ['BMP 图片', bytes('BM', [0x36, 0, 0, 0, 0, 0, 0, 0, 0x36, 0, 0, 0, 0x28, 0])],
    ['gzip 压缩包', bytes([0x1f, 0x8b, 8, 0])],
    ['7z 压缩包', bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c, 0, 4])],
    ['RAR 压缩包', bytes('Rar!\x1a\x07\x01\x00')],
    ['RTF 文档', bytes('{\\rtf1\\ansi\\ansicpg936 报告}')],
    ['MHT 网页存档', bytes('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n')],
  ])('refuses %s with a message saying what it is', (name, input) => {
    const detection = detectFormat(input);
    expect(detection).toMatchObject({ kind: 'unsupported', name });
    expect(() => requireReadable(detection, 'a.txt')).toThrow(JixiaoError);
  });

  it('does not take text starting with "BM" for an image', () => {
    expect(detectFormat(utf8('BMI 指数统计：本年度共完成体检1200人次。'))).toEqual(readable('txt'));
  });

  it.each([
    ['a doctype', '<!DOCTYPE html>\n<html><body><p>报告</p></body></html>'],
    ['an XML declaration and a comment first', '<?xml version="1.0"?>\n<!-- saved -->\n<html xmlns="x">'],
    ['bare <meta> (a fragment saved by a CMS)', '<meta charset="gbk"><p>报告</p>'],
    ['<script> before <html>', '<script>var a = 1;</script>\n<html><body>报告</body></html>'],
  ])('finds HTML with %s', (_name, html) => {
    expect(detectFormat(utf8(html))).toEqual(readable('html'));
  });

  it('finds HTML in UTF-16 with a BOM and in GB18030', () => {
    expect(
      detectFormat(
        new Uint8Array(iconv.encode('<html><body>报告</body></html>', 'utf-16le', { addBOM: true })),
      ),
    ).toEqual(readable('html'));
    expect(
      detectFormat(new Uint8Array(iconv.encode('<!doctype html><title>报告</title>', 'gb18030'))),
    ).toEqual(readable('html'));
  });

  it('does not take a report that mentions a tag for HTML', () => {
    expect(looksLikeHtml('本报告的网页版（<html>格式）已发布。')).toBe(false);
    expect(looksLikeHtml('<附件1>项目绩效自评表')).toBe(false);
  });
});

describe('requireReadable', () => {
  it('turns refusals into one-line Chinese errors naming the file', () => {
    const error = (detection: Detection) => {
      try {
        requireReadable(detection, '报告.doc');
      } catch (caught) {
        return caught as JixiaoError;
      }
      throw new Error('no error');
    };
    expect(error(detectFormat(buildOle2Doc())).message).toBe(
      '暂不支持 Word 97-2003 文档（.doc），请用 Word 或 WPS 打开后另存为 .docx：报告.doc',
    );
    const encrypted = error(detectFormat(buildEncryptedOoxml()));
    expect(encrypted.code).toBe('JX_ENCRYPTED');
    expect(encrypted.message).toBe('Office 文档有密码保护（已加密），请先去掉密码再检查：报告.doc');
  });
});
