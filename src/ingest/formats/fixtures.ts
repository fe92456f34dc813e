/**
 * Test inputs built in code: real DOCX files made with the `docx` package, XLSX with exceljs, XLS with
 * SheetJS, hand-made OOXML packages for markup the builders cannot produce (fields, text boxes, symbols,
 * numbering overrides), and hostile archives (zip bombs, encrypted OLE2). Used only by tests.
 */
import {
  AlignmentType,
  Document,
  HeadingLevel,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import * as SheetJSModule from 'xlsx';
import type { IngestResult } from '../types.ts';

const SheetJS: typeof SheetJSModule =
  (SheetJSModule as unknown as { default?: typeof SheetJSModule }).default ?? SheetJSModule;

const OUTLINE = 'outline';

/** 一、 / （一） / 1. on Heading1/2/3, as Chinese report templates set them up. */
const outlineNumbering = {
  config: [
    {
      reference: OUTLINE,
      levels: [
        { level: 0, format: LevelFormat.CHINESE_COUNTING, text: '%1、', alignment: AlignmentType.LEFT },
        { level: 1, format: LevelFormat.CHINESE_COUNTING, text: '（%2）', alignment: AlignmentType.LEFT },
        { level: 2, format: LevelFormat.DECIMAL, text: '%3.', alignment: AlignmentType.LEFT },
      ],
    },
  ],
};

function heading(text: string, level: 0 | 1 | 2): Paragraph {
  const styles = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
  return new Paragraph({
    heading: styles[level],
    numbering: { reference: OUTLINE, level },
    children: [new TextRun(text)],
  });
}

function cell(text: string, options: { rowSpan?: number; columnSpan?: number } = {}): TableCell {
  return new TableCell({ ...options, children: [new Paragraph(text)] });
}

function table(rows: (string | TableCell)[][]): Table {
  return new Table({
    rows: rows.map((r) => new TableRow({ children: r.map((c) => (typeof c === 'string' ? cell(c) : c)) })),
  });
}

async function pack(doc: Document): Promise<Uint8Array> {
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A short report: numbered headings at three levels, body paragraphs with figures, a budget table. */
export async function buildReportDocx(): Promise<Uint8Array> {
  const doc = new Document({
    numbering: outlineNumbering,
    sections: [
      {
        children: [
          new Paragraph({
            heading: HeadingLevel.TITLE,
            children: [new TextRun('月湖街道2020年度整体支出绩效自评报告')],
          }),
          heading('部门基本情况', 0),
          heading('部门职能', 1),
          new Paragraph('负责辖区经济发展、社会管理和公共服务。'),
          heading('人员情况', 1),
          heading('在职人员', 2),
          new Paragraph({
            children: [
              new TextRun('年末实有人数57人，'),
              new TextRun({ text: '其中在职在编44人。', break: 1 }),
            ],
          }),
          heading('退休人员', 2),
          new Paragraph('退休人员6人。'),
          heading('一般公共预算支出情况', 0),
          heading('基本支出', 1),
          new Paragraph('2020年一般公共预算支出4546.77万元，其中基本支出1771.06万元。'),
          new Paragraph('单位：万元'),
          table([
            ['项目', '年初预算数', '全年执行数'],
            ['基本支出', '1509.2', '1771.06'],
            ['项目支出', '1085', '2775.71'],
            ['合计', '2594.2', '4546.77'],
          ]),
          new Paragraph('执行数高于年初预算。'),
        ],
      },
    ],
  });
  return pack(doc);
}

/** A 自评表 in two tables: 年度预算执行, then 绩效指标 with merged 一级/二级 cells. */
export async function buildScoreSheetDocx(): Promise<Uint8Array> {
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph('部门整体支出绩效自评表'),
          table([
            ['项目', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
            ['年度资金总额', '4000', '4546.77', '4546.77', '10', '100%', '10'],
          ]),
          new Paragraph(''),
          table([
            [
              '一级指标',
              '二级指标',
              '三级指标',
              '年度指标值',
              '实际完成值',
              '分值',
              '得分',
              '偏差原因分析及改进措施',
            ],
            [
              cell('产出指标', { rowSpan: 3 }),
              cell('数量指标', { rowSpan: 2 }),
              '培训人次',
              '≥100人次',
              '120人次',
              '10',
              '10',
              '',
            ],
            ['覆盖率', '≥95%', '98%', '10', '10', ''],
            ['质量指标', '验收合格率', '=100%', '100%', '10', '9', '个别项目延期验收'],
            [
              cell('效益指标', { rowSpan: 2 }),
              cell('社会效益指标', { rowSpan: 2 }),
              '群众满意度',
              '达到预期',
              '达到预期',
              '10',
              '10',
              '',
            ],
            ['预算控制率', '≤100%', '98.5%', '10', '10', ''],
            [cell('总分', { columnSpan: 5 }), '50', '49', ''],
          ]),
        ],
      },
    ],
  });
  return pack(doc);
}

/**
 * About 30 pages the way Word writes them: every run carries fonts and sizes, paragraphs carry indents and
 * spacing, text is split into several runs. 150 numbered headings, 600 body paragraphs with figures and
 * 10 tables of 15 rows (~50 000 characters, document.xml ~1 MB).
 */
export async function buildLongReportDocx(sections = 10): Promise<Uint8Array> {
  const font = {
    ascii: 'Times New Roman',
    hAnsi: 'Times New Roman',
    eastAsia: '仿宋_GB2312',
    cs: 'Times New Roman',
  };
  const run = (text: string, bold = false) =>
    new TextRun({ text, font, size: 32, bold, language: { eastAsia: 'zh-CN' } });
  const body = (parts: string[]) =>
    new Paragraph({
      indent: { firstLine: 640 },
      spacing: { line: 580, lineRule: 'exact' as never },
      children: parts.map((t, i) => run(t, i === 0)),
    });
  const children: (Paragraph | Table)[] = [];
  for (let s = 0; s < sections; s++) {
    children.push(heading(`第${s + 1}部分情况说明`, 0));
    for (let sub = 0; sub < 4; sub++) {
      children.push(heading(`分项工作${sub + 1}`, 1));
      for (let k = 0; k < 3; k++) {
        children.push(heading(`具体事项${k + 1}`, 2));
        for (let p = 0; p < 5; p++) {
          children.push(
            body([
              `2020年本单位围绕年度目标开展第${p + 1}项工作，`,
              `完成投资${(123.45 * (p + 1)).toFixed(2)}万元，服务群众${100 + p}人次，`,
              `覆盖率达到${90 + p}%，较上年增长${p + 1}.5%，`,
              '各项指标均达到预期。',
            ]),
          );
        }
      }
    }
    const rows = [['项目', '年初预算数', '全年预算数', '全年执行数', '执行率']];
    for (let r = 0; r < 14; r++)
      rows.push([`项目${r + 1}`, `${100 + r}.5`, `${110 + r}.25`, `${105 + r}.75`, `${95 + (r % 5)}%`]);
    children.push(table(rows));
  }
  return pack(new Document({ numbering: outlineNumbering, sections: [{ children }] }));
}

// ---------------------------------------------------------------------------------------------------------
// Hand-made packages

const W_NS =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' +
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" ' +
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" ' +
  'xmlns:v="urn:schemas-microsoft-com:vml" ' +
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" ' +
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"';

const encoder = new TextEncoder();

/** A minimal DOCX from raw XML fragments: `body` goes inside w:body. */
export function buildRawDocx(parts: { body: string; numbering?: string; styles?: string }): Uint8Array {
  const rels: string[] = [];
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': encoder.encode(
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/></Types>',
    ),
    '_rels/.rels': encoder.encode(
      '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
        '</Relationships>',
    ),
    'word/document.xml': encoder.encode(
      `<?xml version="1.0" encoding="UTF-8"?><w:document ${W_NS}><w:body>${parts.body}</w:body></w:document>`,
    ),
  };
  if (parts.numbering) {
    files['word/numbering.xml'] = encoder.encode(
      `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W_NS}>${parts.numbering}</w:numbering>`,
    );
    rels.push(
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>',
    );
  }
  if (parts.styles) {
    files['word/styles.xml'] = encoder.encode(
      `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W_NS}>${parts.styles}</w:styles>`,
    );
    rels.push(
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    );
  }
  files['word/_rels/document.xml.rels'] = encoder.encode(
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  return zipSync(files);
}

/** `<w:p>` with plain runs; `pPr` is raw XML. */
export function p(text: string, pPr = ''): string {
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
}

// ---------------------------------------------------------------------------------------------------------
// Spreadsheets

/** A score sheet with a merged title, merged 一级/二级 cells and numbers as numbers (percent formats). */
export async function buildScoreSheetXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('绩效自评表');
  ws.getCell('A1').value = '2020年度部门整体支出绩效自评表';
  ws.mergeCells('A1:H1');
  ws.getRow(2).values = [
    '一级指标',
    '二级指标',
    '三级指标',
    '年度指标值',
    '实际完成值',
    '分值',
    '得分',
    '偏差原因',
  ];
  const rows: (string | number)[][] = [
    ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', 10, 10],
    ['', '', '新增就业岗位', '不少于50个', '56个', 10, 10],
    ['', '质量指标', '验收合格率', '100%', 1, 10, 9],
    ['效益指标', '社会效益指标', '群众满意度', '≥90%', 0.93, 20, 20],
  ];
  rows.forEach((values, i) => {
    const row = ws.getRow(3 + i);
    values.forEach((v, c) => {
      if (v !== '') row.getCell(c + 1).value = v;
    });
  });
  ws.getCell('E5').numFmt = '0%';
  ws.getCell('E6').numFmt = '0.0%';
  ws.getCell('H5').value = '一个项目延期';
  ws.mergeCells('A3:A5');
  ws.mergeCells('B3:B4');
  ws.getCell('A7').value = '总分';
  ws.mergeCells('A7:E7');
  ws.getCell('F7').value = { formula: 'SUM(F3:F6)', result: 50 };
  ws.getCell('G7').value = { formula: 'SUM(G3:G6)', result: 49 };
  const hidden = workbook.addWorksheet('下拉选项');
  hidden.getCell('A1').value = '隐藏的选项';
  hidden.state = 'hidden';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** Two-row header: 年度指标值 split into 年初 / 调整后 columns. */
export async function buildTwoRowHeaderXlsx(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Sheet1');
  ws.getRow(1).values = ['一级指标', '二级指标', '三级指标', '年度指标值', '', '实际完成值', '分值', '得分'];
  ws.getRow(2).values = ['', '', '', '年初指标值', '调整后指标值'];
  for (const col of ['A', 'B', 'C', 'F', 'G', 'H']) ws.mergeCells(`${col}1:${col}2`);
  ws.mergeCells('D1:E1');
  ws.getRow(3).values = ['产出指标', '时效指标', '资金拨付及时率', '≥90%', '≥95%', '96%', 10, 10];
  ws.getRow(4).values = ['满意度指标', '服务对象满意度', '群众满意度', '≥85%', '', '88%', 10, 8];
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A legacy BIFF8 .xls written by SheetJS. */
export function buildXls(): Uint8Array {
  const ws = SheetJS.utils.aoa_to_sheet([
    ['项目支出绩效自评表'],
    ['一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分'],
    ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', 10, 10],
    ['', '', '覆盖率', '≥95%', '98%', 10, 9.5],
  ]);
  ws['!merges'] = [
    { s: { r: 0, c: 0 }, e: { r: 0, c: 6 } },
    { s: { r: 2, c: 0 }, e: { r: 3, c: 0 } },
    { s: { r: 2, c: 1 }, e: { r: 3, c: 1 } },
  ];
  const workbook = SheetJS.utils.book_new();
  SheetJS.utils.book_append_sheet(workbook, ws, '项目自评');
  return new Uint8Array(SheetJS.write(workbook, { type: 'array', bookType: 'biff8' }) as ArrayBuffer);
}

// ---------------------------------------------------------------------------------------------------------
// Hostile inputs

/** What Word/Excel write for "encrypt with password": an OLE2 file with EncryptionInfo + EncryptedPackage. */
export function buildEncryptedOoxml(): Uint8Array {
  const cfb = SheetJS.CFB.utils.cfb_new();
  SheetJS.CFB.utils.cfb_add(cfb, '/EncryptionInfo', new Uint8Array(64).fill(4));
  SheetJS.CFB.utils.cfb_add(cfb, '/EncryptedPackage', new Uint8Array(5000).fill(7));
  return new Uint8Array(SheetJS.CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
}

/** A legacy Word document container (only its directory matters here). */
export function buildOle2Doc(): Uint8Array {
  const cfb = SheetJS.CFB.utils.cfb_new();
  SheetJS.CFB.utils.cfb_add(cfb, '/WordDocument', new Uint8Array(5000).fill(1));
  return new Uint8Array(SheetJS.CFB.write(cfb, { type: 'array' }) as ArrayBuffer);
}

/**
 * Raw DEFLATE of `size` zero bytes (size = 1 + 258·k), written directly as one fixed-Huffman block: a literal
 * 0, then "copy 258 bytes from distance 1" over and over (13 bits each, about 1:159). Building a 1 GB bomb
 * this way takes milliseconds, where compressing 1 GB of zeros would take seconds.
 */
export function zeroBomb(size: number): Uint8Array {
  const matches = Math.max(0, Math.floor((size - 1) / 258));
  const out = new Uint8Array(Math.ceil((3 + 8 + matches * 13 + 7) / 8) + 1);
  let bitPos = 0;
  const bits = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bitPos++) if ((value >> i) & 1) out[bitPos >> 3]! |= 1 << (bitPos & 7);
  };
  // Huffman codes go most-significant bit first.
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bitPos++) if ((value >> i) & 1) out[bitPos >> 3]! |= 1 << (bitPos & 7);
  };
  bits(1, 1); // BFINAL
  bits(1, 2); // BTYPE = fixed Huffman
  code(0b00110000, 8); // literal 0
  for (let k = 0; k < matches; k++) {
    code(0b11000101, 8); // length code 285 = 258
    code(0, 5); // distance code 0 = 1
  }
  code(0, 7); // end of block
  return out.subarray(0, Math.ceil(bitPos / 8));
}

/** Bytes a zero bomb of about `size` really inflates to. */
export function zeroBombSize(size: number): number {
  return 1 + Math.max(0, Math.floor((size - 1) / 258)) * 258;
}

/**
 * A one-entry ZIP around already-deflated data, with whatever sizes and CRC we choose to declare, so a
 * test can build an honest bomb or one whose header lies.
 */
export function zipWithEntry(name: string, deflated: Uint8Array, declaredSize: number, crc = 0): Uint8Array {
  const nameBytes = encoder.encode(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const lv = new DataView(local.buffer);
  lv.setUint32(0, 0x04034b50, true);
  lv.setUint16(4, 20, true);
  lv.setUint16(8, 8, true);
  lv.setUint32(14, crc, true);
  lv.setUint32(18, deflated.length, true);
  lv.setUint32(22, declaredSize, true);
  lv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cv = new DataView(central.buffer);
  cv.setUint32(0, 0x02014b50, true);
  cv.setUint16(4, 20, true);
  cv.setUint16(6, 20, true);
  cv.setUint16(10, 8, true);
  cv.setUint32(16, crc, true);
  cv.setUint32(20, deflated.length, true);
  cv.setUint32(24, declaredSize, true);
  cv.setUint16(28, nameBytes.length, true);
  cv.setUint32(42, 0, true);
  central.set(nameBytes, 46);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, 1, true);
  ev.setUint16(10, 1, true);
  ev.setUint32(12, central.length, true);
  ev.setUint32(16, local.length + deflated.length, true);
  const out = new Uint8Array(local.length + deflated.length + central.length + end.length);
  out.set(local, 0);
  out.set(deflated, local.length);
  out.set(central, local.length + deflated.length);
  out.set(end, local.length + deflated.length + central.length);
  return out;
}

/** Each block as [kind, path, the text it covers]. */
export function blockTexts(result: IngestResult): [string, string | undefined, string][] {
  return result.blocks.map((b) => [b.kind, b.path, result.text.slice(b.start, b.end)]);
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a rejection');
}
