import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { isJixiaoError } from '../../errors.ts';
import { Indicator } from '../../model/schema.ts';
import type { IngestResult, ReaderLimits } from '../types.ts';
import { DEFAULT_LIMITS } from '../types.ts';
import { formatNumber, readDocx } from './docx.ts';
import {
  blockTexts,
  buildEncryptedOoxml,
  buildOle2Doc,
  buildRawDocx,
  buildReportDocx,
  buildScoreSheetDocx,
  buildScoreSheetXlsx,
  p,
  rejection,
  zeroBomb,
  zipWithEntry,
} from './fixtures.ts';

function read(bytes: Uint8Array, limits: Partial<ReaderLimits> = {}): Promise<IngestResult> {
  return readDocx(bytes, { name: '自评报告.docx', limits: { ...DEFAULT_LIMITS, ...limits } });
}

describe('readDocx: a report built with the docx package', async () => {
  const result = await read(await buildReportDocx());

  it('renders automatic numbering into the headings and keeps body figures', () => {
    expect(result.format).toBe('docx');
    expect(result.text).toBe(
      [
        '月湖街道2020年度整体支出绩效自评报告',
        '一、部门基本情况',
        '（一）部门职能',
        '负责辖区经济发展、社会管理和公共服务。',
        '（二）人员情况',
        '1. 在职人员',
        '年末实有人数57人，',
        '其中在职在编44人。',
        '2. 退休人员',
        '退休人员6人。',
        '二、一般公共预算支出情况',
        '（一）基本支出',
        '2020年一般公共预算支出4546.77万元，其中基本支出1771.06万元。',
        '单位：万元',
        '',
        '项目\t年初预算数\t全年执行数',
        '基本支出\t1509.2\t1771.06',
        '项目支出\t1085\t2775.71',
        '合计\t2594.2\t4546.77',
        '',
        '执行数高于年初预算。',
      ].join('\n'),
    );
  });

  it('gives a block per paragraph and per cell, with offsets into the text', () => {
    const blocks = blockTexts(result);
    expect(blocks.slice(0, 3)).toEqual([
      ['heading', 'body/p[1]', '月湖街道2020年度整体支出绩效自评报告'],
      ['heading', 'body/p[2]', '一、部门基本情况'],
      ['heading', 'body/p[3]', '（一）部门职能'],
    ]);
    expect(blocks).toContainEqual(['paragraph', 'body/p[4]', '负责辖区经济发展、社会管理和公共服务。']);
    expect(blocks).toContainEqual(['paragraph', 'body/p[7]', '年末实有人数57人，\n其中在职在编44人。']);
    expect(blocks).toContainEqual(['cell', 'body/tbl[1]/tr[3]/tc[2]', '1085']);
    expect(blocks).toContainEqual(['cell', 'body/tbl[1]/tr[4]/tc[3]', '4546.77']);
    expect(blocks.at(-1)).toEqual(['paragraph', 'body/p[14]', '执行数高于年初预算。']);
  });

  it('keeps blocks in text order without overlaps', () => {
    for (let i = 1; i < result.blocks.length; i++) {
      expect(result.blocks[i]!.start).toBeGreaterThanOrEqual(result.blocks[i - 1]!.end);
    }
  });

  it('has no indicators when no table is a score sheet', () => {
    expect(result.indicators).toBeUndefined();
  });
});

describe('readDocx: a 自评表 in two tables', async () => {
  const result = await read(await buildScoreSheetDocx());

  it('renders merged cells: labels repeated down, spans left empty', () => {
    const lines = result.text.split('\n');
    expect(lines).toContain('年度资金总额\t4000\t4546.77\t4546.77\t10\t100%\t10');
    expect(lines).toContain('产出指标\t数量指标\t覆盖率\t≥95%\t98%\t10\t10');
    expect(lines).toContain('产出指标\t质量指标\t验收合格率\t=100%\t100%\t10\t9\t个别项目延期验收');
    expect(lines).toContain('总分\t\t\t\t\t50\t49');
    expect(blockTexts(result)).toContainEqual(['cell', 'body/tbl[2]/tr[3]/tc[1]', '产出指标']);
  });

  it('reads the indicators with targets, actuals, weights and scores', () => {
    const indicators = result.indicators!;
    expect(indicators).toHaveLength(5);
    expect(indicators.map((i) => [i.level1, i.level2, i.level3])).toEqual([
      ['产出指标', '数量指标', '培训人次'],
      ['产出指标', '数量指标', '覆盖率'],
      ['产出指标', '质量指标', '验收合格率'],
      ['效益指标', '社会效益指标', '群众满意度'],
      ['效益指标', '社会效益指标', '预算控制率'],
    ]);
    expect(indicators.map((i) => i.target)).toEqual([
      { comparator: '≥', value: 100, level: null, unit: '人次' },
      { comparator: '≥', value: 95, level: null, unit: '%' },
      { comparator: '=', value: 100, level: null, unit: '%' },
      { comparator: 'qualitative', value: null, level: '达到预期', unit: null },
      { comparator: '≤', value: 100, level: null, unit: '%' },
    ]);
    expect(indicators.map((i) => i.actual)).toEqual([
      { value: 120, text: '120人次' },
      { value: 98, text: '98%' },
      { value: 100, text: '100%' },
      { value: null, text: '达到预期' },
      { value: 98.5, text: '98.5%' },
    ]);
    expect(indicators.map((i) => [i.weight, i.score])).toEqual([
      [10, 10],
      [10, 10],
      [10, 9],
      [10, 10],
      [10, 10],
    ]);
    expect(indicators[2]!.deviationReason).toBe('个别项目延期验收');
    for (const indicator of indicators) expect(Indicator.parse(indicator)).toEqual(indicator);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Hand-made markup

const tc = (text: string, tcPr = '') => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${p(text)}</w:tc>`;
const tr = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const tbl = (...rows: string[]) =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="1"/></w:tblGrid>${rows.join('')}</w:tbl>`;

describe('readDocx: runs, fields, text boxes', () => {
  it('shows a field result, never its instruction, and a simple field’s content', async () => {
    const body =
      '<w:p><w:r><w:t>第</w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>' +
      '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>' +
      '<w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t>页，共</w:t></w:r>' +
      '<w:fldSimple w:instr="NUMPAGES"><w:r><w:t>12</w:t></w:r></w:fldSimple><w:r><w:t>页</w:t></w:r>' +
      // A field without a result (an index entry) shows nothing.
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:t>XE 索引</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>';
    expect((await read(buildRawDocx({ body }))).text).toBe('第3页，共12页');
  });

  it('reads a text box once (mc:Choice, not the VML fallback), after its paragraph', async () => {
    const box = '<w:txbxContent><w:p><w:r><w:t>文本框内容</w:t></w:r></w:p></w:txbxContent>';
    const body =
      '<w:p><w:r><w:t>锚点段落</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>' +
      `<wp:anchor><a:graphic><a:graphicData><wps:wsp><wps:spPr/><wps:txbx>${box}</wps:txbx></wps:wsp>` +
      '</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>' +
      `${box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>${p('下一段')}`;
    const result = await read(buildRawDocx({ body }));
    expect(result.text).toBe('锚点段落\n文本框内容\n下一段');
    expect(blockTexts(result)).toEqual([
      ['paragraph', 'body/p[1]', '锚点段落'],
      ['paragraph', 'body/p[1]/txbx[1]/p[1]', '文本框内容'],
      ['paragraph', 'body/p[2]', '下一段'],
    ]);
  });

  it('reads an old VML text box too', async () => {
    const body =
      '<w:p><w:r><w:t>正文</w:t></w:r><w:r><w:pict><v:shape><v:textbox><w:txbxContent>' +
      `${p('说明文字')}</w:txbxContent></v:textbox></v:shape></w:pict></w:r></w:p>`;
    expect((await read(buildRawDocx({ body }))).text).toBe('正文\n说明文字');
  });

  it('maps symbol-font characters, keeps tabs and breaks, drops deleted and hidden text', async () => {
    const body =
      '<w:p><w:r><w:t>目标</w:t><w:sym w:font="Symbol" w:char="F0B3"/><w:t>95%</w:t>' +
      '<w:sym w:font="Wingdings" w:char="F0FE"/><w:tab/><w:t>是</w:t><w:br/><w:t>第二行</w:t></w:r></w:p>' +
      '<w:p><w:del><w:r><w:delText>删除</w:delText></w:r></w:del><w:ins><w:r><w:t>插入</w:t></w:r></w:ins>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>' +
      '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t>可见</w:t></w:r>' +
      '<w:hyperlink><w:r><w:t>链接</w:t></w:r></w:hyperlink><w:r><w:noBreakHyphen/><w:t>A</w:t></w:r></w:p>';
    expect((await read(buildRawDocx({ body }))).text).toBe('目标≥95%☑\t是\n第二行\n插入可见链接-A');
  });

  it('collapses empty paragraphs into one blank line and trims paragraph edges', async () => {
    const body =
      p('甲') +
      p('') +
      p('') +
      p('\u3000\u3000乙  ') +
      '<w:sdt><w:sdtContent>' +
      p('控件内') +
      '</w:sdtContent></w:sdt>';
    const result = await read(buildRawDocx({ body }));
    expect(result.text).toBe('甲\n\n乙\n控件内');
    expect(blockTexts(result).map((b) => b[1])).toEqual([
      'body/p[1]',
      'body/p[4]',
      'body/sdt[1]/sdtContent/p[1]',
    ]);
  });

  it('reads a document whose WordprocessingML prefix is not w', async () => {
    const files = unzipSync(buildRawDocx({ body: p('正文') }));
    files['word/document.xml'] = strToU8(
      strFromU8(files['word/document.xml']!)
        .replace(/<(\/?)w:/g, '<$1ns0:')
        .replace(/ w:/g, ' ns0:')
        .replace('xmlns:w=', 'xmlns:ns0='),
    );
    expect((await read(zipSync(files))).text).toBe('正文');
  });
});

describe('readDocx: tables', () => {
  it('keeps columns aligned across gridSpan, gridBefore and vMerge; numbers are not repeated down', async () => {
    const body = tbl(
      tr(tc('合并标题', '<w:gridSpan w:val="2"/>'), tc('C')),
      tr(tc('类别', '<w:vMerge w:val="restart"/>'), tc('100', '<w:vMerge w:val="restart"/>'), tc('x')),
      tr(tc('', '<w:vMerge/>'), tc('', '<w:vMerge/>'), tc('y')),
      `<w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('中')}${tc('右')}</w:tr>`,
      tr(tc(''), tc(''), tc('')),
    );
    const result = await read(buildRawDocx({ body: p('前') + body + p('后') }));
    expect(result.text).toBe('前\n\n合并标题\t\tC\n类别\t100\tx\n类别\t\ty\n\t中\t右\n\n后');
    expect(blockTexts(result)).toContainEqual(['cell', 'body/tbl[1]/tr[1]/tc[2]', 'C']);
    expect(blockTexts(result)).toContainEqual(['cell', 'body/tbl[1]/tr[3]/tc[1]', '类别']);
    expect(blockTexts(result)).toContainEqual(['cell', 'body/tbl[1]/tr[4]/tc[1]', '中']);
  });

  it('joins a cell’s paragraphs with spaces, turns tabs and breaks into spaces, flattens a nested table', async () => {
    const nested = tbl(tr(tc('a'), tc('b')), tr(tc('c'), tc('d')));
    const cell = `<w:tc>${p('产出指标')}${p('（50分）')}<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>${nested}</w:tc>`;
    const result = await read(buildRawDocx({ body: tbl(tr(cell, tc('10'))) }));
    expect(result.text).toBe('产出指标 （50分） 甲 乙 丙 a b c d\t10');
  });

  it('reads a score sheet inside a single table after a budget block, with text-box-free merged labels', async () => {
    const body = tbl(
      tr(tc('项目'), tc('年初预算数'), tc('全年执行数'), tc('分值'), tc('执行率'), tc('得分')),
      tr(tc('年度资金总额'), tc('100'), tc('95'), tc('10'), tc('95%'), tc('9.5')),
      tr(tc('一级指标'), tc('二级指标'), tc('三级指标'), tc('指标值'), tc('完成值'), tc('分值'), tc('得分')),
      tr(
        tc('产出指标', '<w:vMerge w:val="restart"/>'),
        tc('时效指标'),
        tc('及时率'),
        tc('≥90%'),
        tc('92%'),
        tc('10'),
        tc('10'),
      ),
      tr(tc('', '<w:vMerge/>'), tc('成本指标'), tc('成本控制率'), tc('≤100%'), tc('101%'), tc('10'), tc('8')),
    );
    const result = await read(buildRawDocx({ body }));
    expect(
      result.indicators?.map((i) => [i.level1, i.level2, i.level3, i.target.comparator, i.score]),
    ).toEqual([
      ['产出指标', '时效指标', '及时率', '≥', 10],
      ['产出指标', '成本指标', '成本控制率', '≤', 8],
    ]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Numbering

const lvl = (ilvl: number, format: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${format}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const numbered = (text: string, numId: number, ilvl = 0) =>
  p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

describe('readDocx: automatic numbering', () => {
  it('continues a list shared by two w:num, restarts one with startOverride', async () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '%1、')}${lvl(1, 'chineseCounting', '（%2）')}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>';
    const body =
      numbered('甲', 1) +
      numbered('甲一', 1, 1) +
      numbered('甲二', 1, 1) +
      numbered('乙', 2) +
      numbered('乙一', 2, 1) +
      numbered('新列表', 3) +
      numbered('新列表二', 3) +
      p('无编号', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>');
    expect((await read(buildRawDocx({ body, numbering }))).text).toBe(
      '一、甲\n（一）甲一\n（二）甲二\n二、乙\n（一）乙一\n一、新列表\n二、新列表二\n无编号',
    );
  });

  it('numbers headings through their style (numPr on the style, level by w:pStyle)', async () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCountingThousand', '%1、', '<w:pStyle w:val="1"/>')}` +
      `${lvl(1, 'decimal', '%2.', '<w:pStyle w:val="2"/><w:suff w:val="nothing"/>')}</w:abstractNum>` +
      '<w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>';
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>' +
      '<w:pPr><w:numPr><w:numId w:val="7"/></w:numPr><w:outlineLvl w:val="0"/></w:pPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/>' +
      '<w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>';
    const body = [p('基本情况', '<w:pStyle w:val="1"/>'), p('职能', '<w:pStyle w:val="2"/>'), p('正文')];
    for (let i = 0; i < 10; i++) body.push(p(`第${i + 2}部分`, '<w:pStyle w:val="1"/>'));
    const result = await read(buildRawDocx({ body: body.join(''), numbering, styles }));
    const lines = result.text.split('\n');
    expect(lines.slice(0, 4)).toEqual(['一、基本情况', '1.职能', '正文', '二、第2部分']);
    expect(lines.at(-2)).toBe('十、第10部分');
    expect(lines.at(-1)).toBe('十一、第11部分');
    expect(result.blocks.map((b) => b.kind).slice(0, 3)).toEqual(['heading', 'heading', 'paragraph']);
  });

  it('renders multi-level text, legal numbering, lvlRestart 0 and bullets', async () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${lvl(0, 'chineseCounting', '第%1章')}` +
      `${lvl(1, 'decimal', '%1.%2', '<w:isLgl/><w:suff w:val="space"/>')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="1">${lvl(0, 'decimal', '%1.')}${lvl(1, 'decimalEnclosedCircle', '%2', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>` +
      `<w:abstractNum w:abstractNumId="2">${lvl(0, 'bullet', '\uf0b7')}${lvl(1, 'bullet', '–')}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>';
    const body =
      numbered('总则', 1) +
      numbered('目的', 1, 1) +
      numbered('范围', 1, 1) +
      numbered('甲', 2) +
      numbered('子一', 2, 1) +
      numbered('乙', 2) +
      numbered('子二', 2, 1) +
      numbered('要点', 3) +
      numbered('细节', 3, 1);
    expect((await read(buildRawDocx({ body, numbering }))).text).toBe(
      '第一章 总则\n1.1 目的\n1.2 范围\n1. 甲\n① 子一\n2. 乙\n② 子二\n• 要点\n– 细节',
    );
  });

  it.each([
    [1, 'decimal', '1'],
    [7, 'decimalZero', '07'],
    [14, 'upperRoman', 'XIV'],
    [4, 'lowerRoman', 'iv'],
    [28, 'upperLetter', 'BB'],
    [3, 'lowerLetter', 'c'],
    [10, 'chineseCounting', '十'],
    [11, 'chineseCounting', '十一'],
    [20, 'chineseCountingThousand', '二十'],
    [101, 'chineseCountingThousand', '一百零一'],
    [1010, 'chineseCounting', '一千零一十'],
    [12, 'chineseLegalSimplified', '壹拾贰'],
    [10, 'ideographDigital', '一〇'],
    [3, 'ideographTraditional', '丙'],
    [1, 'ideographZodiac', '子'],
    [5, 'decimalEnclosedCircle', '⑤'],
    [21, 'decimalEnclosedCircleChinese', '㉑'],
    [3, 'decimalEnclosedParen', '⑶'],
    [3, 'decimalEnclosedFullstop', '⒊'],
    [12, 'decimalFullWidth', '１２'],
    [5, 'none', ''],
    [5, 'somethingNew', '5'],
  ])('formats %i as %s → %s', (n, format, expected) => {
    expect(formatNumber(n, format)).toBe(expected);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Refusals and robustness

describe('readDocx: refusals', () => {
  it('asks to remove the password from an encrypted document', async () => {
    const error = await rejection(read(buildEncryptedOoxml()));
    expect(isJixiaoError(error) && error.code).toBe('JX_ENCRYPTED');
    expect(error.message).toBe('Word 文档有密码保护（已加密），请先去掉密码再检查：自评报告.docx');
  });

  it('explains that a legacy .doc must be saved as .docx', async () => {
    const error = await rejection(read(buildOle2Doc()));
    expect(isJixiaoError(error) && error.code).toBe('JX_UNSUPPORTED_FORMAT');
    expect(error.message).toContain('另存为 .docx');
  });

  it('refuses a zip bomb posing as document.xml', async () => {
    const bomb = zipWithEntry('word/document.xml', zeroBomb(2 ** 28), 2000);
    const started = performance.now();
    const error = await rejection(read(bomb));
    expect(isJixiaoError(error) && error.code).toBe('JX_ZIP_BOMB');
    expect(performance.now() - started).toBeLessThan(500);
  });

  it('reports an empty document and a package without document.xml', async () => {
    expect(await rejection(read(buildRawDocx({ body: p('') })))).toMatchObject({ code: 'JX_EMPTY' });
    expect(await rejection(read(zipSync({ 'a.xml': strToU8('<a/>') })))).toMatchObject({
      code: 'JX_CORRUPT',
    });
  });

  it('reports malformed XML as JX_CORRUPT', async () => {
    const error = await rejection(read(buildRawDocx({ body: '<w:p><w:r><w:t>未闭合</w:r></w:p>' })));
    expect(error).toMatchObject({ code: 'JX_CORRUPT' });
    expect(error.message).toBe('Word 文档已损坏，无法读取（XML 格式错误）：自评报告.docx');
  });

  it('hands a spreadsheet named .docx to the XLSX reader', async () => {
    const result = await read(await buildScoreSheetXlsx());
    expect(result.format).toBe('xlsx');
    expect(result.indicators).toHaveLength(4);
  });

  it('stops with JX_TIMEOUT when the budget is spent or the loader aborts', async () => {
    expect(await rejection(read(await buildReportDocx(), { timeoutMs: -1 }))).toMatchObject({
      code: 'JX_TIMEOUT',
    });
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(
      readDocx(await buildReportDocx(), {
        name: 'a.docx',
        limits: DEFAULT_LIMITS,
        signal: controller.signal,
      }),
    );
    expect(error).toMatchObject({ code: 'JX_TIMEOUT' });
  });
});

describe('readDocx: damaged files (property)', async () => {
  const valid = await buildScoreSheetDocx();

  /** Reads the bytes: either a result or a JixiaoError, within 2 s. */
  async function survives(bytes: Uint8Array): Promise<void> {
    const started = performance.now();
    try {
      const result = await read(bytes);
      expect(typeof result.text).toBe('string');
    } catch (error) {
      if (!isJixiaoError(error)) throw error;
    }
    expect(performance.now() - started).toBeLessThan(2000);
  }

  it('truncated files fail with a JixiaoError, quickly', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: valid.length - 1 }), async (length) => {
        await survives(valid.slice(0, length));
      }),
      { numRuns: 150 },
    );
  });

  it('bit-flipped files never crash with anything but a JixiaoError, nor hang', async () => {
    const flip = fc.record({
      at: fc.integer({ min: 0, max: valid.length - 1 }),
      bit: fc.integer({ min: 0, max: 7 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(flip, { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = valid.slice();
        for (const { at, bit } of flips) bytes[at]! ^= 1 << bit;
        await survives(bytes);
      }),
      { numRuns: 300 },
    );
  });

  it('damaged XML inside an intact package fails cleanly or still reads', async () => {
    const parts = unzipSync(valid);
    const xml = parts['word/document.xml']!;
    const flip = fc.record({
      at: fc.integer({ min: 0, max: xml.length - 1 }),
      bit: fc.integer({ min: 0, max: 7 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(flip, { minLength: 1, maxLength: 6 }), async (flips) => {
        const damaged = xml.slice();
        for (const { at, bit } of flips) damaged[at]! ^= 1 << bit;
        await survives(zipSync({ ...parts, 'word/document.xml': damaged }));
      }),
      { numRuns: 200 },
    );
  });

  it('random bytes behind a ZIP or OLE2 signature fail cleanly', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom([0x50, 0x4b, 0x03, 0x04], [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        fc.uint8Array({ minLength: 0, maxLength: 4096 }),
        async (magic, rest) => {
          await survives(new Uint8Array([...magic, ...rest]));
        },
      ),
      { numRuns: 200 },
    );
  });
});
