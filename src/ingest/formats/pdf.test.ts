import { describe, expect, it } from 'vitest';
import { JixiaoError } from '../../errors.ts';
import { DEFAULT_LIMITS, type ReaderLimits } from '../types.ts';
import { readPdf } from './pdf.ts';
import { buildPdf, cjk, image, latin } from './pdf-fixtures.ts';

const read = (bytes: Uint8Array, limits: Partial<ReaderLimits> = {}) =>
  readPdf(bytes, { name: '报告.pdf', limits: { ...DEFAULT_LIMITS, ...limits } });

async function failure(bytes: Uint8Array, limits: Partial<ReaderLimits> = {}): Promise<JixiaoError> {
  const error = await read(bytes, limits).then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(JixiaoError);
  return error as JixiaoError;
}

/** Three pages with a running header and a footer with page numbers. */
function report(): Uint8Array {
  const header = cjk(72, 800, 9, '月湖街道2020年度部门整体支出绩效自评报告');
  const footer = (n: number) => cjk(280, 40, 9, `第 ${n} 页 共 3 页`);
  return buildPdf([
    {
      content:
        header +
        cjk(72, 740, 12, '一、部门基本情况') +
        cjk(72, 720, 12, '2020年街道一般公共预算支出') +
        latin(240, 720, 12, '4546.77') +
        cjk(284, 720, 12, '万元，其中基本支出') +
        latin(392, 720, 12, '1771.06') +
        cjk(436, 720, 12, '万元，') +
        footer(1),
    },
    { content: `${header}${cjk(72, 740, 12, '二、绩效目标完成情况')}${footer(2)}` },
    { content: `${header}${cjk(72, 740, 12, '三、存在的问题。')}${footer(3)}` },
  ]);
}

describe('readPdf', () => {
  it('reads the text layer into lines, without running headers, footers and page numbers', async () => {
    const result = await read(report());
    expect(result.format).toBe('pdf');
    expect(result.text).toBe(
      '一、部门基本情况\n2020年街道一般公共预算支出4546.77万元，其中基本支出1771.06万元，\n二、绩效目标完成情况\n三、存在的问题。',
    );
  });

  it('reports each page’s text range and blocks with page and position', async () => {
    const result = await read(report());
    const pages = result.pages!;
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(result.text.slice(pages[1]!.start, pages[1]!.end).trim()).toBe('二、绩效目标完成情况');
    expect(result.blocks[1]).toMatchObject({ kind: 'paragraph', page: 1, x: 72, y: 720 });
    expect(result.blocks.at(-1)).toMatchObject({ page: 3 });
  });

  it('leaves the caller’s bytes intact (a file read by Node is a Buffer, whose slice() is a view)', async () => {
    const pdf = buildPdf([{ content: cjk(72, 700, 12, '正文') }]);
    const bytes = Buffer.alloc(pdf.length);
    bytes.set(pdf);
    await read(bytes);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('refuses a password-protected PDF as encrypted', async () => {
    const error = await failure(buildPdf([{ content: cjk(72, 700, 12, '机密') }], { encrypted: true }));
    expect(error.code).toBe('JX_ENCRYPTED');
    expect(error.message).toBe('PDF 文件有密码保护（已加密），请先去掉密码再检查：报告.pdf');
  });

  it('asks for OCR when the pages are images without text', async () => {
    const scan = buildPdf([{ content: image(0, 0, 595, 842) }, { content: image(0, 0, 595, 842) }]);
    const error = await failure(scan);
    expect(error.code).toBe('JX_NEEDS_OCR');
    expect(error.message).toBe('该 PDF 没有文字层（可能是扫描件），需要先做文字识别（OCR）：报告.pdf');
  });

  it('calls a PDF with neither text nor images empty', async () => {
    expect((await failure(buildPdf([{ content: '' }]))).code).toBe('JX_EMPTY');
  });

  it('refuses a broken or truncated file as corrupt, saying which', async () => {
    const broken = await failure(new TextEncoder().encode('%PDF-1.7\nnot really a pdf\n%%EOF\n'));
    expect(broken.code).toBe('JX_CORRUPT');
    const bytes = report();
    const truncated = await failure(bytes.subarray(0, bytes.length - 200));
    expect(truncated.message).toContain('可能在下载或传输中被截断');
  });

  it('stops the parser at the time limit, and the next file still reads', async () => {
    const error = await failure(report(), { timeoutMs: 1 });
    expect(error.code).toBe('JX_TIMEOUT');
    expect((await read(report())).text).toContain('一、部门基本情况');
  });
});
