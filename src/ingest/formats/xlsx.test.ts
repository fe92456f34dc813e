import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isJixiaoError } from '../../errors.ts';
import { Indicator } from '../../model/schema.ts';
import type { ReaderLimits } from '../types.ts';
import { DEFAULT_LIMITS } from '../types.ts';
import {
  blockTexts,
  buildEncryptedOoxml,
  buildReportDocx,
  buildScoreSheetXlsx,
  buildTwoRowHeaderXlsx,
  buildXls,
  rejection,
  zeroBomb,
  zipWithEntry,
} from './fixtures.ts';
import { readXls, readXlsx } from './xlsx.ts';

const limits = (over: Partial<ReaderLimits> = {}) => ({ ...DEFAULT_LIMITS, ...over });
const readX = (bytes: Uint8Array, over: Partial<ReaderLimits> = {}) =>
  readXlsx(bytes, { name: '自评表.xlsx', limits: limits(over) });
const readL = (bytes: Uint8Array) => readXls(bytes, { name: '自评表.xls', limits: limits() });

async function workbookBytes(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('readXlsx: a score sheet built with exceljs', async () => {
  const result = await readX(await buildScoreSheetXlsx());

  it('renders the sheet: labels fill merged rows, numbers shown as formatted, hidden sheets skipped', () => {
    expect(result.format).toBe('xlsx');
    expect(result.text).toBe(
      [
        '工作表：绩效自评表',
        '2020年度部门整体支出绩效自评表',
        '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因',
        '产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t10\t10',
        '产出指标\t数量指标\t新增就业岗位\t不少于50个\t56个\t10\t10',
        '产出指标\t质量指标\t验收合格率\t100%\t100%\t10\t9\t一个项目延期',
        '效益指标\t社会效益指标\t群众满意度\t≥90%\t93.0%\t20\t20',
        '总分\t\t\t\t\t50\t49',
      ].join('\n'),
    );
    expect(result.text).not.toContain('隐藏的选项');
  });

  it('gives a block per cell with its address', () => {
    const blocks = blockTexts(result);
    expect(blocks[0]).toEqual(['heading', '绩效自评表', '工作表：绩效自评表']);
    expect(blocks).toContainEqual(['cell', '绩效自评表!A1', '2020年度部门整体支出绩效自评表']);
    expect(blocks).toContainEqual(['cell', '绩效自评表!A4', '产出指标']);
    expect(blocks).toContainEqual(['cell', '绩效自评表!E6', '93.0%']);
    expect(blocks).toContainEqual(['cell', '绩效自评表!G7', '49']);
    for (let i = 1; i < result.blocks.length; i++) {
      expect(result.blocks[i]!.start).toBeGreaterThanOrEqual(result.blocks[i - 1]!.end);
    }
  });

  it('reads the indicators', () => {
    const indicators = result.indicators!;
    expect(indicators.map((i) => [i.level1, i.level2, i.level3])).toEqual([
      ['产出指标', '数量指标', '培训人次'],
      ['产出指标', '数量指标', '新增就业岗位'],
      ['产出指标', '质量指标', '验收合格率'],
      ['效益指标', '社会效益指标', '群众满意度'],
    ]);
    expect(indicators[1]).toEqual({
      level1: '产出指标',
      level2: '数量指标',
      level3: '新增就业岗位',
      target: { comparator: '≥', value: 50, level: null, unit: '个' },
      actual: { value: 56, text: '56个' },
      weight: 10,
      score: 10,
      deviationReason: null,
    });
    expect(indicators[2]!.target).toEqual({ comparator: '=', value: 100, level: null, unit: '%' });
    expect(indicators[2]!.deviationReason).toBe('一个项目延期');
    expect(indicators[3]!.actual).toEqual({ value: 93, text: '93.0%' });
    for (const indicator of indicators) expect(Indicator.parse(indicator)).toEqual(indicator);
  });
});

describe('readXlsx: layouts and values', () => {
  it('reads a two-row header and prefers the adjusted target', async () => {
    const result = await readX(await buildTwoRowHeaderXlsx());
    expect(result.indicators?.map((i) => [i.level3, i.target.value, i.actual.value, i.score])).toEqual([
      ['资金拨付及时率', 95, 96, 10],
      ['群众满意度', 85, 88, 8],
    ]);
  });

  it('shows numbers, dates, formulas, rich text and errors as Excel displays them', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('数据');
      ws.getCell('A1').value = 0.955;
      ws.getCell('A1').numFmt = '0.00%';
      ws.getCell('B1').value = 1234.5;
      ws.getCell('B1').numFmt = '#,##0.00';
      ws.getCell('C1').value = 4546.7700000000004;
      ws.getCell('D1').value = new Date(Date.UTC(2020, 11, 31));
      ws.getCell('E1').value = new Date(Date.UTC(2021, 3, 6));
      ws.getCell('E1').numFmt = 'yyyy"年"m"月"d"日"';
      ws.getCell('A2').value = { formula: 'A1*2', result: 1.91 };
      ws.getCell('B2').value = { formula: 'B1*2' } as ExcelJS.CellFormulaValue;
      ws.getCell('C2').value = { richText: [{ text: '富' }, { text: '文本', font: { bold: true } }] };
      ws.getCell('D2').value = { error: '#DIV/0!' } as ExcelJS.CellErrorValue;
      ws.getCell('E2').value = true;
      ws.getCell('A3').value = '单元格内\n换行';
    });
    expect((await readX(bytes)).text).toBe(
      '工作表：数据\n95.50%\t1,234.50\t4546.77\t2020-12-31\t2021年4月6日\n1.91\t\t富文本\t#DIV/0!\tTRUE\n单元格内 换行',
    );
  });

  it('separates sheets by a blank line and quotes sheet names that need it', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('表 一').getCell('B2').value = '甲';
      wb.addWorksheet('空表');
      wb.addWorksheet("O'Brien").getCell('A1').value = '乙';
    });
    const result = await readX(bytes);
    expect(result.text).toBe("工作表：表 一\n\t甲\n\n工作表：O'Brien\n乙");
    expect(blockTexts(result)).toEqual([
      ['heading', "'表 一'", '工作表：表 一'],
      ['cell', "'表 一'!B2", '甲'],
      ['heading', "'O''Brien'", "工作表：O'Brien"],
      ['cell', "'O''Brien'!A1", '乙'],
    ]);
  });

  it('does not repeat a merged number down its rows', async () => {
    const bytes = await workbookBytes((wb) => {
      const ws = wb.addWorksheet('S');
      ws.getCell('A1').value = '类别';
      ws.getCell('B1').value = 300;
      ws.mergeCells('A1:A2');
      ws.mergeCells('B1:B2');
      ws.getCell('C1').value = 'x';
      ws.getCell('C2').value = 'y';
    });
    expect((await readX(bytes)).text).toBe('工作表：S\n类别\t300\tx\n类别\t\ty');
  });

  it('survives whole-sheet data validations and absurd merges (exceljs would expand them per cell)', async () => {
    const parts = unzipSync(await buildScoreSheetXlsx());
    const name = 'xl/worksheets/sheet1.xml';
    const xml = new TextDecoder().decode(parts[name]);
    const hostile = xml
      .replace('</mergeCells>', '<mergeCell ref="J1:XFD1048576"/></mergeCells>')
      .replace(
        '</worksheet>',
        '<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A1:XFD1048576">' +
          '<formula1>"是,否"</formula1></dataValidation></dataValidations></worksheet>',
      );
    expect(hostile).toContain('J1:XFD1048576');
    const started = performance.now();
    const result = await readX(zipSync({ ...parts, [name]: strToU8(hostile) }));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result.indicators).toHaveLength(4);
  });

  it('reports a workbook with no content as empty', async () => {
    const bytes = await workbookBytes((wb) => {
      wb.addWorksheet('空');
    });
    expect(await rejection(readX(bytes))).toMatchObject({ code: 'JX_EMPTY' });
  });
});

describe('readXls', () => {
  it('reads a BIFF8 .xls written by SheetJS, merges included', async () => {
    const result = await readL(buildXls());
    expect(result.format).toBe('xls');
    expect(result.text).toBe(
      [
        '工作表：项目自评',
        '项目支出绩效自评表',
        '一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分',
        '产出指标\t数量指标\t培训人次\t≥100人次\t120人次\t10\t10',
        '产出指标\t数量指标\t覆盖率\t≥95%\t98%\t10\t9.5',
      ].join('\n'),
    );
    expect(blockTexts(result)).toContainEqual(['cell', '项目自评!G4', '9.5']);
    expect(result.indicators?.map((i) => [i.level1, i.level3, i.target.value, i.score])).toEqual([
      ['产出指标', '培训人次', 100, 10],
      ['产出指标', '覆盖率', 95, 9.5],
    ]);
  });

  it('reads an HTML table saved with an .xls name', async () => {
    const html =
      '<html><body><table><tr><td>项目</td><td>金额</td></tr><tr><td>基本支出</td><td>1771.06</td></tr></table></body></html>';
    expect((await readL(strToU8(html))).text).toBe('工作表：Sheet1\n项目\t金额\n基本支出\t1771.06');
  });

  it('hands files to the right reader whatever their name says', async () => {
    expect((await readX(buildXls())).format).toBe('xls');
    expect((await readL(await buildScoreSheetXlsx())).format).toBe('xlsx');
    expect((await readX(await buildReportDocx())).format).toBe('docx');
  });

  it('refuses bytes that are no spreadsheet', async () => {
    expect(await rejection(readL(strToU8('\u0000\u0001随便什么')))).toMatchObject({ code: 'JX_CORRUPT' });
  });
});

describe('refusals', () => {
  it('asks to remove the password from an encrypted workbook, whichever reader gets it', async () => {
    for (const read of [readX, readL]) {
      const error = await rejection(read(buildEncryptedOoxml()));
      expect(isJixiaoError(error) && error.code).toBe('JX_ENCRYPTED');
      expect(error.message).toMatch(/^Excel 表格有密码保护（已加密），请先去掉密码再检查：自评表\.xlsx?$/);
    }
  });

  it('refuses a zip bomb inside a workbook without inflating it', async () => {
    const valid = unzipSync(await buildScoreSheetXlsx());
    const bomb = zipWithEntry('xl/worksheets/sheet1.xml', zeroBomb(2 ** 30), 5000);
    expect(Object.keys(valid)).toContain('xl/workbook.xml');
    const started = performance.now();
    const error = await rejection(readX(bomb));
    expect(performance.now() - started).toBeLessThan(500);
    // No workbook part: corrupt, but the bomb entry is never inflated either way.
    expect(isJixiaoError(error) && error.code).toBe('JX_CORRUPT');

    const honest = zipSync({ ...valid, 'xl/media/huge.bin': new Uint8Array(3_000_000) });
    expect(await rejection(readX(honest, { maxUncompressedBytes: 1_000_000 }))).toMatchObject({
      code: 'JX_ZIP_BOMB',
    });
  });

  it('stops a lying sheet entry at its declared size', async () => {
    const valid = unzipSync(await buildScoreSheetXlsx());
    const honest = zipSync(valid, { level: 6 });
    // Rebuild the package with the sheet replaced by a 256 MB bomb that claims 5000 bytes.
    const parts = { ...valid };
    delete parts['xl/worksheets/sheet1.xml'];
    const rest = unzipSync(zipSync(parts));
    const withBomb = spliceEntry(rest, 'xl/worksheets/sheet1.xml', zeroBomb(2 ** 28), 5000);
    expect(honest.length).toBeGreaterThan(0);
    const started = performance.now();
    const error = await rejection(readX(withBomb));
    expect(isJixiaoError(error) && error.code).toBe('JX_ZIP_BOMB');
    expect(performance.now() - started).toBeLessThan(500);
  });
});

/** A ZIP of `files` (stored) plus one deflated entry with a declared size of our choosing. */
function spliceEntry(
  files: Record<string, Uint8Array>,
  name: string,
  deflated: Uint8Array,
  declared: number,
): Uint8Array {
  const single = zipWithEntry(name, deflated, declared);
  const others = zipSync(files, { level: 0 });
  // Concatenate local sections, then central directories, then one end record.
  const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
  const eocd = (b: Uint8Array) => b.length - 22;
  const parts = [others, single].map((b) => {
    const e = eocd(b);
    const cdSize = view(b).getUint32(e + 12, true);
    const cdOffset = view(b).getUint32(e + 16, true);
    const count = view(b).getUint16(e + 10, true);
    return { locals: b.subarray(0, cdOffset), central: b.slice(cdOffset, cdOffset + cdSize), count };
  });
  const [a, b] = parts as [(typeof parts)[0], (typeof parts)[0]];
  // Shift the second archive's local-header offsets by the first archive's local section.
  for (let at = 0; at < b.central.length; ) {
    const v = view(b.central);
    v.setUint32(at + 42, v.getUint32(at + 42, true) + a.locals.length, true);
    at += 46 + v.getUint16(at + 28, true) + v.getUint16(at + 30, true) + v.getUint16(at + 32, true);
  }
  const out = new Uint8Array(a.locals.length + b.locals.length + a.central.length + b.central.length + 22);
  out.set(a.locals, 0);
  out.set(b.locals, a.locals.length);
  const cdStart = a.locals.length + b.locals.length;
  out.set(a.central, cdStart);
  out.set(b.central, cdStart + a.central.length);
  const end = view(out);
  const e = out.length - 22;
  end.setUint32(e, 0x06054b50, true);
  end.setUint16(e + 8, a.count + b.count, true);
  end.setUint16(e + 10, a.count + b.count, true);
  end.setUint32(e + 12, a.central.length + b.central.length, true);
  end.setUint32(e + 16, cdStart, true);
  return out;
}

describe('damaged workbooks (property)', async () => {
  const valid = await buildScoreSheetXlsx();
  const xls = buildXls();

  async function survives(read: typeof readX, bytes: Uint8Array): Promise<void> {
    const started = performance.now();
    try {
      const result = await read(bytes);
      expect(typeof result.text).toBe('string');
    } catch (error) {
      if (!isJixiaoError(error)) throw error;
    }
    expect(performance.now() - started).toBeLessThan(2000);
  }

  it('gives up on a .xls that sends SheetJS into a runaway loop, and the process survives', async () => {
    // Found by the property below: two flipped bits make SheetJS build a multi-GB string.
    const bytes = xls.slice();
    bytes[3019]! ^= 1 << 3;
    bytes[80]! ^= 1;
    const started = performance.now();
    const error = await rejection(readL(bytes));
    expect(isJixiaoError(error)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
    const quick = await rejection(readXls(bytes, { name: 'x.xls', limits: limits({ timeoutMs: 200 }) }));
    expect(quick).toMatchObject({ code: 'JX_TIMEOUT' });
    // The loader's signal stops the child at once.
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const aborted = performance.now();
    const stopped = await rejection(
      readXls(bytes, { name: 'x.xls', limits: limits(), signal: controller.signal }),
    );
    expect(stopped).toMatchObject({ code: 'JX_TIMEOUT' });
    expect(performance.now() - aborted).toBeLessThan(600);
    // The reader still works afterwards (a fresh child replaces the killed one).
    expect((await readL(xls)).format).toBe('xls');
  });

  const flips = (length: number) =>
    fc.array(
      fc.record({ at: fc.integer({ min: 0, max: length - 1 }), bit: fc.integer({ min: 0, max: 7 }) }),
      {
        minLength: 1,
        maxLength: 8,
      },
    );

  const flipped = (bytes: Uint8Array, list: { at: number; bit: number }[]) => {
    const out = bytes.slice();
    for (const { at, bit } of list) out[at]! ^= 1 << bit;
    return out;
  };

  it('truncated .xlsx files fail with a JixiaoError, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), (n) =>
        survives(readX, valid.slice(0, n)),
      ),
      { numRuns: 80 },
    );
  });

  it('bit-flipped .xlsx files never crash with anything but a JixiaoError, nor hang', async () => {
    await fc.assert(
      fc.asyncProperty(flips(valid.length), (list) => survives(readX, flipped(valid, list))),
      { numRuns: 150 },
    );
  });

  it('damaged sheet XML inside an intact package fails cleanly or still reads', async () => {
    const parts = unzipSync(valid);
    const sheet = parts['xl/worksheets/sheet1.xml']!;
    await fc.assert(
      fc.asyncProperty(flips(sheet.length), (list) =>
        survives(readX, zipSync({ ...parts, 'xl/worksheets/sheet1.xml': flipped(sheet, list) })),
      ),
      { numRuns: 100 },
    );
  });

  it('truncated and bit-flipped .xls files fail cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: xls.length - 1 }), (n) => survives(readL, xls.slice(0, n))),
      { numRuns: 60 },
    );
    await fc.assert(
      fc.asyncProperty(flips(xls.length), (list) => survives(readL, flipped(xls, list))),
      { numRuns: 150 },
    );
  });
});
