import { describe, expect, it } from 'vitest';
import { Indicator } from '../model/schema.ts';
import { type GridRow, parseActual, parseScoreNumber, parseTarget, readScoreSheet } from './score-sheet.ts';

/** One grid row per array, a cell per column; `[text, span]` for a merged cell. */
function grid(rows: (string | [string, number])[][]): GridRow[] {
  return rows.map((cells) => {
    let col = 0;
    return cells.map((c) => {
      const [text, span] = typeof c === 'string' ? [c, 1] : c;
      const cell = { text, col, span };
      col += span;
      return cell;
    });
  });
}

const HEADER = [
  '一级指标',
  '二级指标',
  '三级指标',
  '年度指标值',
  '实际完成值',
  '分值',
  '得分',
  '偏差原因分析及改进措施',
];

describe('parseTarget', () => {
  it.each([
    ['≥95%', '≥', 95, '%'],
    ['≥100人次', '≥', 100, '人次'],
    ['100%', '=', 100, '%'],
    ['＞＝90％', '≥', 90, '%'],
    ['≧80%', '≥', 80, '%'],
    ['≦5天', '≤', 5, '天'],
    ['>=3个', '≥', 3, '个'],
    ['<=10%', '≤', 10, '%'],
    ['＞0', '>', 0, null],
    ['＜5%', '<', 5, '%'],
    ['﹦100%', '=', 100, '%'],
    ['＝100%', '=', 100, '%'],
    ['≥ 95 %', '≥', 95, '%'],
    ['不低于90%', '≥', 90, '%'],
    ['不少于12次', '≥', 12, '次'],
    ['不高于5%', '≤', 5, '%'],
    ['不超过100万元', '≤', 100, '万元'],
    ['95%以上', '≥', 95, '%'],
    ['3个工作日以内', '≤', 3, '个工作日'],
    ['约50人', '~', 50, '人'],
    ['1,200户', '=', 1200, '户'],
    ['≥100百分比', '≥', 100, '%'],
    ['12', '=', 12, null],
    ['≥95%（含）', '≥', 95, '%'],
    ['≤-5%', '≤', -5, '%'],
  ])('%s → %s %s %s', (text, comparator, value, unit) => {
    expect(parseTarget(text)).toEqual({ comparator, value, unit, level: null });
  });

  it.each(['效果明显', '达到预期', '优', '应保尽保', '2020年12月底前完成', '≥良好'])(
    '%s is qualitative',
    (text) => {
      expect(parseTarget(text)).toEqual({ comparator: 'qualitative', value: null, level: text, unit: null });
    },
  );

  it('keeps a range as its lower bound and the words as written', () => {
    expect(parseTarget('90%-100%')).toEqual({ comparator: '≥', value: 90, level: '90%-100%', unit: '%' });
    expect(parseTarget('80～90分')).toEqual({ comparator: '≥', value: 80, level: '80～90分', unit: '分' });
  });

  it('takes the unit from a 计量单位 column when the value has none', () => {
    expect(parseTarget('95', '%')).toEqual({ comparator: '=', value: 95, level: null, unit: '%' });
    expect(parseTarget('≥12次', '个')).toEqual({ comparator: '≥', value: 12, level: null, unit: '次' });
  });

  it('reads an empty target as qualitative without a level', () => {
    expect(parseTarget('  ')).toEqual({ comparator: 'qualitative', value: null, level: null, unit: null });
  });
});

describe('parseActual and parseScoreNumber', () => {
  it('keeps the words and the figure when there is one', () => {
    expect(parseActual('98%')).toEqual({ value: 98, text: '98%' });
    expect(parseActual('120人次')).toEqual({ value: 120, text: '120人次' });
    expect(parseActual('达到预期')).toEqual({ value: null, text: '达到预期' });
    expect(parseActual('90%-95%')).toEqual({ value: null, text: '90%-95%' });
    expect(parseActual('')).toEqual({ value: null, text: null });
    expect(parseActual(null)).toEqual({ value: null, text: null });
  });

  it('reads 分值/得分 cells', () => {
    expect(parseScoreNumber('10')).toBe(10);
    expect(parseScoreNumber('9.5分')).toBe(9.5);
    expect(parseScoreNumber('１０')).toBe(10);
    expect(parseScoreNumber(' 8 ')).toBe(8);
    for (const bad of ['', '—', '-1', '十分', null]) expect(parseScoreNumber(bad)).toBeNull();
  });
});

describe('readScoreSheet', () => {
  it('reads indicator rows, carrying 一级/二级 down over merged (empty) cells', () => {
    const indicators = readScoreSheet(
      grid([
        HEADER,
        ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', '10', '10', ''],
        ['', '', '覆盖率', '≥95%', '98%', '10', '10', ''],
        ['', '质量指标', '验收合格率', '=100%', '100%', '10', '9', '个别项目延期验收'],
        ['效益指标', '', '群众满意度', '达到预期', '达到预期', '10', '10', ''],
      ]),
    );
    expect(indicators.map((i) => [i.level1, i.level2, i.level3])).toEqual([
      ['产出指标', '数量指标', '培训人次'],
      ['产出指标', '数量指标', '覆盖率'],
      ['产出指标', '质量指标', '验收合格率'],
      ['效益指标', null, '群众满意度'],
    ]);
    expect(indicators[2]).toEqual({
      level1: '产出指标',
      level2: '质量指标',
      level3: '验收合格率',
      target: { comparator: '=', value: 100, level: null, unit: '%' },
      actual: { value: 100, text: '100%' },
      weight: 10,
      score: 9,
      deviationReason: '个别项目延期验收',
    });
    for (const indicator of indicators) expect(Indicator.parse(indicator)).toEqual(indicator);
  });

  it('ignores the 年度预算执行 block above and stops at the total row', () => {
    const indicators = readScoreSheet(
      grid([
        ['项目', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
        ['年度资金总额', '4000', '4546.77', '4546.77', '10', '100%', '10'],
        HEADER,
        ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', '10', '10', ''],
        [['总分', 5], '50', '49', ''],
        ['说明', '以上数据来自财务系统', '', '', '', '1', '1', ''],
      ]),
    );
    expect(indicators).toHaveLength(1);
    expect(indicators[0]!.level3).toBe('培训人次');
  });

  it('reads a two-row header with 年初/调整后 targets, preferring the adjusted one', () => {
    const indicators = readScoreSheet(
      grid([
        ['一级指标', '二级指标', '三级指标', ['年度指标值', 2], '实际完成值', '分值', '得分'],
        ['', '', '', '年初指标值', '调整后指标值', '', '', ''],
        ['产出指标', '时效指标', '资金拨付及时率', '≥90%', '≥95%', '96%', '10', '10'],
        ['', '', '项目完成率', '≥80%', '', '85%', '10', '10'],
      ]),
    );
    expect(indicators.map((i) => i.target.value)).toEqual([95, 80]);
    expect(indicators[0]!.actual.value).toBe(96);
  });

  it('reads a header split over two rows (绩效指标 over 一级/二级/三级)', () => {
    const indicators = readScoreSheet(
      grid([
        [['绩效指标', 3], '年度指标值', '实际完成值', '分值', '得分'],
        ['一级指标', '二级指标', '三级指标', '', '', '', ''],
        ['满意度指标', '服务对象满意度', '群众满意度', '≥85%', '88%', '10', '8'],
      ]),
    );
    expect(indicators).toEqual([
      {
        level1: '满意度指标',
        level2: '服务对象满意度',
        level3: '群众满意度',
        target: { comparator: '≥', value: 85, level: null, unit: '%' },
        actual: { value: 88, text: '88%' },
        weight: 10,
        score: 8,
        deviationReason: null,
      },
    ]);
  });

  it('finds a value that starts inside a merged header column', () => {
    const rows: GridRow[] = [
      [
        { text: '一级指标', col: 0, span: 1 },
        { text: '二级指标', col: 1, span: 1 },
        { text: '三级指标', col: 2, span: 2 },
        { text: '指标值', col: 4, span: 1 },
        { text: '分值', col: 5, span: 1 },
      ],
      [
        { text: '产出指标', col: 0, span: 1 },
        { text: '数量指标', col: 1, span: 1 },
        { text: '', col: 2, span: 1 },
        { text: '培训场次', col: 3, span: 1 },
        { text: '≥4场', col: 4, span: 1 },
        { text: '5', col: 5, span: 1 },
      ],
    ];
    expect(readScoreSheet(rows).map((i) => [i.level3, i.target.value, i.weight])).toEqual([
      ['培训场次', 4, 5],
    ]);
  });

  it('reads the Sichuan layout with 指标性质 and 度量单位 columns', () => {
    const indicators = readScoreSheet(
      grid([
        ['一级指标', '二级指标', '三级指标', '指标性质', '指标值', '度量单位', '实际完成值', '权重', '得分'],
        ['产出指标', '数量指标', '维修道路长度', '定量', '≥', '', '', '', ''],
        ['', '', '新建公厕', '定量', '12', '座', '12', '10', '10'],
      ]),
    );
    expect(indicators).toHaveLength(2);
    expect(indicators[1]!.target).toEqual({ comparator: '=', value: 12, level: null, unit: '座' });
  });

  it('starts a new block at a second header and forgets the old 一级 name', () => {
    const indicators = readScoreSheet(
      grid([
        HEADER,
        ['产出指标', '数量指标', '培训人次', '≥100人次', '120人次', '10', '10', ''],
        HEADER,
        ['', '', '覆盖率', '≥95%', '98%', '10', '10', ''],
      ]),
    );
    expect(indicators.map((i) => [i.level1, i.level2])).toEqual([
      ['产出指标', '数量指标'],
      ['未注明', null],
    ]);
  });

  it('finds nothing in an ordinary table', () => {
    expect(
      readScoreSheet(
        grid([
          ['项目', '年初预算数', '全年执行数'],
          ['基本支出', '1509.2', '1771.06'],
        ]),
      ),
    ).toEqual([]);
    expect(readScoreSheet([])).toEqual([]);
  });

  it('skips group rows and rows without any value', () => {
    const indicators = readScoreSheet(
      grid([
        HEADER,
        ['产出指标（50分）', '', '', '', '', '', '', ''],
        ['', '数量指标', '培训人次', '≥100人次', '120人次', '10', '10', ''],
        ['', '', '待定指标', '', '', '', '', ''],
      ]),
    );
    expect(indicators.map((i) => [i.level1, i.level2, i.level3])).toEqual([
      ['产出指标（50分）', '数量指标', '培训人次'],
    ]);
  });
});
