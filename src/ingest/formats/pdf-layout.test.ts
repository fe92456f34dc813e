import { describe, expect, it } from 'vitest';
import { layoutPdf, type PdfPageContent, type PdfTextItem } from './pdf-layout.ts';

const WIDTH = 595;
const HEIGHT = 842;
const MARGIN = 57;
const SIZE = 10;
/** Characters per full line: the text block is 480 units wide. */
const PER_LINE = 48;
const PITCH = 14.5;

/** Chinese run: every character one em wide. */
function zh(str: string, x: number, y: number, size = SIZE): PdfTextItem {
  return { str, x, y, width: [...str].length * size, size };
}

/** Latin run: half an em per character. */
function en(str: string, x: number, y: number, size = SIZE): PdfTextItem {
  return { str, x, y, width: str.length * size * 0.5, size };
}

function page(...items: PdfTextItem[][]): PdfPageContent {
  return { width: WIDTH, height: HEIGHT, items: items.flat(), images: 0 };
}

/** A paragraph set the way a word processor does: full lines of PER_LINE characters from the margin. */
function paragraph(text: string, top: number, indent = 0): { items: PdfTextItem[]; bottom: number } {
  const chars = [...text];
  const items: PdfTextItem[] = [];
  let y = top;
  let first = true;
  while (chars.length > 0) {
    const room = first ? PER_LINE - indent : PER_LINE;
    const line = chars.splice(0, room).join('');
    items.push(zh(line, MARGIN + (first ? indent * SIZE : 0), y));
    first = false;
    y -= PITCH;
  }
  return { items, bottom: y };
}

const LONG =
  '贯彻执行国家法律、法规、规章和市、区人民政府的决定、命令、指示，完成市、区人民政府部署的各项任务并组织落实到位';

function textOf(...pages: PdfPageContent[]): string {
  return layoutPdf(pages).text;
}

describe('layoutPdf: runs on a line', () => {
  it('joins Chinese runs without spaces and drops CJK–Latin auto-spacing', () => {
    const items = [
      zh('年街道完成基本支出', MARGIN, 700),
      { str: ' ', x: MARGIN + 90, y: 700, width: 2, size: SIZE },
      en('1771.06', MARGIN + 92, 700),
      zh('万', MARGIN + 127, 700),
      zh('元', MARGIN + 137, 700),
    ];
    expect(textOf(page(items))).toBe('年街道完成基本支出1771.06万元');
  });

  it('puts one space between Latin words only when the gap is a word space', () => {
    const kerned = [en('Bud', MARGIN, 700), en('get', MARGIN + 15.5, 700)];
    const spaced = [en('Budget', MARGIN, 680), en('report', MARGIN + 33, 680)];
    expect(textOf(page(kerned, spaced))).toBe('Budget\nBudget report');
  });

  it('does not break a number split across runs', () => {
    expect(
      textOf(page([zh('支出', MARGIN, 700), en('4546.', MARGIN + 20, 700), en('77', MARGIN + 47.5, 700)])),
    ).toBe('支出4546.77');
  });

  it('separates table cells by tabs and marks the row', () => {
    const row = [zh('基本支出', MARGIN, 700), en('1509.2', 250, 700), en('1771.06', 400, 700)];
    const layout = layoutPdf([page(row)]);
    expect(layout.text).toBe('基本支出\t1509.2\t1771.06');
    expect(layout.blocks[0]).toMatchObject({ kind: 'table-row', page: 1 });
  });

  it('groups runs into lines by baseline, tolerating jitter, top to bottom', () => {
    const items = [zh('第二行', MARGIN, 680), zh('第一', MARGIN, 700.4), zh('行', MARGIN + 20, 699.8)];
    expect(textOf(page(items))).toBe('第一行\n第二行');
  });

  it('drops fake bold (the same run drawn again a hair to the right)', () => {
    expect(textOf(page([zh('一、总体情况', MARGIN, 700), zh('一、总体情况', MARGIN + 0.4, 700)]))).toBe(
      '一、总体情况',
    );
  });

  it('maps radicals from Chromium-printed PDFs', () => {
    expect(textOf(page([zh('部⻔预算第⼀⻚', MARGIN, 700)]))).toBe('部门预算第一页');
  });
});

describe('layoutPdf: paragraphs', () => {
  it('joins lines wrapped at the margin back into one line', () => {
    const { items } = paragraph(LONG, 700);
    expect(textOf(page(items))).toBe(LONG);
  });

  it('keeps a short line, a heading and a line after a sentence end as their own lines', () => {
    const heading = zh('（一）基本情况', MARGIN, 760);
    const first = paragraph(LONG, 745);
    const next = zh('二、绩效目标', MARGIN, first.bottom);
    expect(textOf(page([heading], first.items, [next]))).toBe(`（一）基本情况\n${LONG}\n二、绩效目标`);
  });

  it('starts a new paragraph at a first-line indent', () => {
    const a = paragraph('甲'.repeat(PER_LINE), 700);
    const b = paragraph('乙'.repeat(30), a.bottom, 2);
    expect(textOf(page(a.items, b.items))).toBe(`${'甲'.repeat(PER_LINE)}\n${'乙'.repeat(30)}`);
  });

  it('starts a new paragraph after a vertical gap', () => {
    const a = paragraph('甲'.repeat(2 * PER_LINE), 700);
    const b = paragraph('乙'.repeat(10), a.bottom - PITCH);
    expect(textOf(page(a.items, b.items))).toBe(`${'甲'.repeat(2 * PER_LINE)}\n${'乙'.repeat(10)}`);
  });

  it('joins after a sentence end at the margin only when the next line is full too', () => {
    const sentence = `${'甲'.repeat(PER_LINE - 1)}。`;
    const full = paragraph(`${sentence}${'乙'.repeat(PER_LINE + 5)}`, 700);
    expect(textOf(page(full.items))).toBe(`${sentence}${'乙'.repeat(PER_LINE + 5)}`);
    const heading = paragraph(`${sentence}项目支出情况`, 700);
    expect(textOf(page(heading.items))).toBe(`${sentence}\n项目支出情况`);
  });

  it('continues a paragraph across a page break, and the page range starts mid-line', () => {
    const chars = [...LONG];
    const onFirst = chars.slice(0, PER_LINE).join('');
    const onSecond = chars.slice(PER_LINE).join('');
    const layout = layoutPdf([page([zh(onFirst, MARGIN, 100)]), page([zh(onSecond, MARGIN, 780)])]);
    expect(layout.text).toBe(LONG);
    expect(layout.pages).toEqual([
      { page: 1, start: 0, end: onFirst.length },
      { page: 2, start: onFirst.length, end: LONG.length },
    ]);
    expect(layout.blocks).toEqual([
      { start: 0, end: LONG.length, kind: 'paragraph', page: 1, x: MARGIN, y: 100 },
    ]);
  });
});

describe('layoutPdf: headers, footers, page numbers', () => {
  const body = (n: number) => zh(`第${'一二三'[n - 1]}页的正文内容`, MARGIN, 600);

  it('removes a running header and footer repeated on most pages, and page numbers', () => {
    const pages = [1, 2, 3].map((n) =>
      page([
        zh('月湖街道2020年度部门整体支出绩效自评报告', MARGIN, 800, 9),
        body(n),
        zh('长沙市开福区财政局印制', MARGIN, 50, 9),
        zh(`— ${n} —`, 280, 30, 9),
      ]),
    );
    const layout = layoutPdf(pages);
    expect(layout.text).toBe('第一页的正文内容\n第二页的正文内容\n第三页的正文内容');
    expect(layout.pages.map((p) => layout.text.slice(p.start, p.end).trim())).toEqual([
      '第一页的正文内容',
      '第二页的正文内容',
      '第三页的正文内容',
    ]);
  });

  it.each([
    ['- 3 -'],
    ['— 3 —'],
    ['第 3 页 共 10 页'],
    ['第3页'],
    ['共10页 第3页'],
    ['3/10'],
    ['3'],
    ['Page 3 of 10'],
  ])('removes the page number %s at the bottom of a single page', (label) => {
    expect(textOf(page([zh('正文内容。', MARGIN, 600), en(label, 290, 30)]))).toBe('正文内容。');
  });

  it('keeps a bare number in the body and a body line that repeats away from the margins', () => {
    const pages = [1, 2, 3].map(() => page([zh('单位：万元', MARGIN, 600), en('12', MARGIN, 580)]));
    expect(textOf(...pages)).toBe('单位：万元\n12\n单位：万元\n12\n单位：万元\n12');
  });

  it('gives a page without text an empty range', () => {
    const layout = layoutPdf([page([zh('甲。', MARGIN, 600)]), page([]), page([zh('乙。', MARGIN, 600)])]);
    expect(layout.text).toBe('甲。\n乙。');
    expect(layout.pages).toEqual([
      { page: 1, start: 0, end: 3 },
      { page: 2, start: 3, end: 3 },
      { page: 3, start: 3, end: 5 },
    ]);
  });
});

describe('layoutPdf: table cells that wrap', () => {
  // Columns at x 60 (label), 120 (name, five characters wide), then two of figures ending at 230 and 280.
  const row = (y: number, label: string, name: string | null, a: string, b: string) => [
    zh(label, 60, y),
    ...(name === null ? [] : [zh(name, 120, y)]),
    en(a, 230 - a.length * 5, y),
    en(b, 280 - b.length * 5, y),
  ];

  it('joins a cell wrapped above and below the row baseline into the row, column by column', () => {
    const text = textOf(
      page(
        row(700, '指标', '名称', '分值', '得分'),
        [zh('资金支付及', 120, 671)],
        row(656.5, '产出', null, '20', '18'),
        [zh('时率', 120, 642)],
        row(613, '合计', null, '100', '98'),
      ),
    );
    expect(text).toBe('指标\t名称\t分值\t得分\n产出\t资金支付及时率\t20\t18\n合计\t\t100\t98');
  });

  it('leaves a short line above a row alone: it does not reach the column edge, so it is no wrap', () => {
    const text = textOf(
      page(
        row(700, '项目', '名称', '分值', '得分'),
        [zh('其中', 60, 685.5)],
        row(671, '产出指标', '数量', '20', '20'),
      ),
    );
    expect(text).toBe('项目\t名称\t分值\t得分\n其中\n产出指标\t数量\t20\t20');
  });

  it('drops the header row a table repeats at the top of the next page', () => {
    const header = (y: number) => row(y, '指标', '名称', '分值', '得分');
    const text = textOf(
      page(header(700), row(685.5, '产出', '数量', '20', '20')),
      page(header(780), row(765.5, '效益', '社会', '20', '20')),
    );
    expect(text).toBe('指标\t名称\t分值\t得分\n产出\t数量\t20\t20\n效益\t社会\t20\t20');
  });
});

describe('layoutPdf: a title that wraps', () => {
  const centred = (str: string, y: number, size: number) =>
    zh(str, (WIDTH - [...str].length * size) / 2, y, size);
  const body = paragraph(LONG, 600).items;

  it('joins a centred title in a large size wrapped onto a second line', () => {
    const text = textOf(
      page(
        [centred('岳阳楼区金鹗山街道办事处2022年度整体支', 700, 20), centred('出绩效自评报告', 645, 20)],
        body,
      ),
    );
    expect(text.split('\n')[0]).toBe('岳阳楼区金鹗山街道办事处2022年度整体支出绩效自评报告');
  });

  it('keeps a title broken on purpose, its shorter first line the unit, as two lines', () => {
    const text = textOf(
      page(
        [centred('岳阳楼区金鹗山街道办事处', 700, 20), centred('2022年度部门整体支出绩效自评报告', 645, 20)],
        body,
      ),
    );
    expect(text.split('\n').slice(0, 2)).toEqual([
      '岳阳楼区金鹗山街道办事处',
      '2022年度部门整体支出绩效自评报告',
    ]);
  });
});
