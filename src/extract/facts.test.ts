import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseFacts } from './facts.ts';
import type { Fact } from './types.ts';

const only = (text: string): Fact => {
  const facts = parseFacts(text);
  expect(facts).toHaveLength(1);
  return facts[0]!;
};
const brief = (f: Fact) => ({ kind: f.kind, value: f.value, unit: f.unit, text: f.text });

describe('amounts', () => {
  it('reads a labelled amount with its exact span and period', () => {
    const text = '2020年街道一般公共预算支出4546.77万元，其中基本支出1771.06万元。';
    const [total, part] = parseFacts(text);
    expect(brief(total!)).toEqual({ kind: 'amount', value: 4546.77, unit: '万元', text: '4546.77万元' });
    expect(text.slice(total!.start, total!.end)).toBe('4546.77万元');
    expect(total!.label).toBe('一般公共预算支出');
    expect(total!.period).toBe('2020年');
    expect(total!.decimals).toBe(2);
    expect(part!.label).toBe('基本支出');
  });

  it('reads 万余元 as an approximate amount in 万元', () => {
    const f = only('全年投入扶贫帮困、大病救助等各项资金331.2万余元；');
    expect(brief(f)).toEqual({ kind: 'amount', value: 331.2, unit: '万元', text: '331.2万余元' });
    expect(f.approx).toBe(true);
    expect(f.label).toBe('扶贫帮困、大病救助等各项资金');
  });

  it('reads Chinese and capital numerals', () => {
    expect(brief(only('安排专项资金一千二百万元。'))).toEqual({
      kind: 'amount',
      value: 1200,
      unit: '万元',
      text: '一千二百万元',
    });
    expect(brief(only('合同金额叁拾伍万元整。'))).toEqual({
      kind: 'amount',
      value: 35,
      unit: '万元',
      text: '叁拾伍万元整',
    });
    expect(only('补助壹佰贰拾万元').value).toBe(120);
    expect(only('奖励十二万五千元').value).toBe(125000);
  });

  it('reads thousands separators, full-width digits and PDF-split decimals', () => {
    expect(only('收入合计2,946.25万元').value).toBe(2946.25);
    const full = only('基本支出１７７１．０６万元');
    expect(full.value).toBe(1771.06);
    expect(full.text).toBe('１７７１．０６万元');
    const split = only('一般公共预算支出4546. 77万元');
    expect(split.value).toBe(4546.77);
    expect(split.text).toBe('4546. 77万元');
  });

  it('reads 元 and 亿元 and keeps the unit as stated', () => {
    expect(only('差旅费3500元').unit).toBe('元');
    expect(only('社零总额达1.53亿元').label).toBe('社零总额');
  });

  it('tells signed changes', () => {
    const f = only('公用经费比上年减少30.5万元');
    expect(f.change).toBe('decrease');
    expect(f.value).toBe(30.5);
    expect(only('“三公”经费下降6.2%').change).toBe('decrease');
    expect(only('同比增长12%').change).toBe('increase');
  });
});

describe('percentages', () => {
  it('reads %, ‰, 百分之 and comparators in targets', () => {
    expect(brief(only('完成年度目标的143%'))).toEqual({
      kind: 'percent',
      value: 143,
      unit: '%',
      text: '143%',
    });
    expect(only('出生缺陷率控制在3‰').unit).toBe('‰');
    expect(brief(only('满意度达到百分之九十五'))).toEqual({
      kind: 'percent',
      value: 95,
      unit: '%',
      text: '百分之九十五',
    });
    expect(only('群众满意度≥95%').comparator).toBe('≥');
    expect(only('验收合格率不低于90%').comparator).toBe('≥');
    expect(only('预算执行偏差率≤100%').comparator).toBe('≤');
    const approx = only('同比增量达到130%以上');
    expect(approx.approx).toBe(true);
    expect(approx.text).toBe('130%以上');
  });
});

describe('counts', () => {
  it('reads staff counts with their labels across 其中', () => {
    const facts = parseFacts(
      '2020年本单位年末实有人数57人，其中在职在编人员44人，转业士官7人，退休人员6人。',
    );
    expect(facts.map((f) => [f.value, f.unit, f.label])).toEqual([
      [57, '人', '年末实有人数'],
      [44, '人', '在职在编人员'],
      [7, '人', '转业士官'],
      [6, '人', '退休人员'],
    ]);
  });

  it('takes the noun after a classifier as the label', () => {
    const facts = parseFacts('设置5个党政机构，接待国际航班2批次228名入境人员。');
    expect(facts.map((f) => [f.text, f.label])).toEqual([
      ['5个', '党政机构'],
      ['2批次', '国际航班'],
      ['228名', '入境人员'],
    ]);
  });

  it('reads Chinese numerals before measure words', () => {
    const f = only('绩效目标项目支出共设置五个项目');
    expect(brief(f)).toEqual({ kind: 'count', value: 5, unit: '个', text: '五个' });
  });

  it('reads 余 and approximate prefixes', () => {
    const f = only('检查生产经营单位200余家');
    expect(f.approx).toBe(true);
    expect(f.text).toBe('200余家');
    expect(only('惠及群众约3000人').approx).toBe(true);
    expect(only('成功签约8户').approx).toBe(false);
  });

  it('accepts ASCII punctuation from web copies', () => {
    const facts = parseFacts('班子成员讲授党课共8场,基层党员纪律意识增强;全年立案3起.其中自办案件1起');
    expect(facts.map((f) => f.text)).toEqual(['8场', '3起', '1起']);
    expect(facts[2]!.label).toBe('自办案件');
  });
});

describe('not quantities', () => {
  it.each([
    '2020年月湖街道按照上级要求',
    '二〇二〇年工作总结',
    '圆满完成了60号令第二次收益分配工作',
    '新中石化加油站、5号魔方等项目顺利入住',
    '垃圾分类、12345市民投诉处理等工作',
    '党的十九大及十九届二中、三中、四中、五中全会精神',
    '在全市排名第3名',
    '切实增强了“四个意识”，坚定了“四个自信”',
    '编制发放中央八项规定宣传手册',
    '全年未发生一起安全责任事故',
    '9月上旬圆满完成',
    '依据GB/T 9704-2012排版',
    '千家万户',
    '二次收益分配',
  ])('%s', (text) => expect(parseFacts(text)).toEqual([]));

  it('attaches month ranges as periods instead of reading them', () => {
    const [f] = parseFacts('1-11月完成市区两级预期税收4.6亿元，同比增量达到130%以上。全年激活消费20亿元。');
    expect(f!.period).toBe('1-11月');
    expect(f!.label).toBe('市区两级预期税收');
    const facts = parseFacts('1-11月完成市区两级预期税收4.6亿元，同比增量达到130%以上。全年激活消费20亿元。');
    expect(facts.map((x) => x.period)).toEqual(['1-11月', '1-11月', null]);
  });
});

describe('labels', () => {
  it('resolves an elliptical clause to the concept named earlier in the sentence', () => {
    const facts = parseFacts('绩效目标项目支出共设置五个项目支出，计划安排资金1085万元。');
    const amount = facts.find((f) => f.kind === 'amount')!;
    expect(amount.label).toBe('项目支出');
    expect(amount.basis).toBe('plan');
  });

  it('takes the concept out of a phrase ending in a generic object', () => {
    const f = only('2020年基本支出绩效目标计划安排资金1509.2万元');
    expect(f.label).toBe('基本支出');
    expect(f.basis).toBe('plan');
  });

  it('distributes 分别 lists', () => {
    const facts = parseFacts('其中社会管理、公共服务项目支出分别为544.3万元、740.59万元。');
    expect(facts.map((f) => f.label)).toEqual(['社会管理', '公共服务项目支出']);
  });

  it('marks outturns', () => {
    expect(only('2020年街道完成基本支出1771.06万元').basis).toBe('actual');
  });
});

describe('properties', () => {
  it('never throws and every span quotes its text', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789.,，。；：、%万元亿人个其中年月-—一二三四五六七八九十百千零〇壹贰叁拾佰仟余多约近≥≤“”（）() \n\t|支出基本项目'.split(
        '',
      ),
    );
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(alphabet, { maxLength: 200 }).map((a) => a.join('')),
        ),
        (text) => {
          for (const f of parseFacts(text)) {
            expect(text.slice(f.start, f.end)).toBe(f.text);
            expect(Number.isFinite(f.value)).toBe(true);
            if (f.labelSpan) expect(text.slice(f.labelSpan.start, f.labelSpan.end)).toBe(f.label);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('signs', () => {
  it('reads a minus sign but not a range dash or a code', () => {
    const f = only('公用经费同比增长-3.5%');
    expect(f.value).toBe(-3.5);
    expect(f.text).toBe('-3.5%');
    expect(parseFacts('偏差控制在90%-110%之间').map((x) => x.value)).toEqual([90, 110]);
    expect(parseFacts('执行GB/T 9704-2012标准，发文3件').map((x) => x.text)).toEqual(['3件']);
  });
});

describe('periods of comparison', () => {
  it('does not take the year compared with as the figure’s period', () => {
    const [total, change] = parseFacts(
      '2024年度收入支出总计2995.39万元。比2023年度减少56.95万元，下降1.87%。',
    );
    expect(total!.period).toBe('2024年度');
    expect(change!.period).toBeNull();
    expect(change!.change).toBe('decrease');
  });
});

describe('periods and totals', () => {
  it('reads year ranges, ends a month range at 全年, and keeps 支出合计 whole', () => {
    const facts = parseFacts(
      '2021—2023年项目支出1500万元。1-11月完成投资比例为91.8%，全年项目验收达标率100%。本年支出合计3,198.62万元。',
    );
    expect(facts.map((f) => [f.text, f.period, f.label])).toEqual([
      ['1500万元', '2021—2023年', '项目支出'],
      ['91.8%', '1-11月', '投资比例'],
      ['100%', null, '项目验收达标率'],
      ['3,198.62万元', null, '支出合计'],
    ]);
  });
});

describe('labels in web copies', () => {
  it('ends a clause at a half-width full stop and leaves brackets out of labels', () => {
    const facts = parseFacts(
      '在编人员43人，工勤人员７人.离退休人员１５人。主要用于公务用车运行维护(10.21万元)和公务接待(2.15万元)。',
    );
    expect(facts.map((f) => f.label)).toEqual([
      '在编人员',
      '工勤人员',
      '离退休人员',
      '公务用车运行维护',
      '公务接待',
    ]);
  });
});

describe('targets and outturns', () => {
  it('gives an elliptical outturn the subject of its target, and reads 以上/以下 as bounds', () => {
    const facts = parseFacts('受益群众满意度目标90%，实际为96.3%。满意度达到90%以上，单个项目5万元以下。');
    expect(facts.map((f) => [f.text, f.label, f.comparator ?? null, f.approx])).toEqual([
      ['90%', '受益群众满意度', null, false],
      ['96.3%', '受益群众满意度', null, false],
      ['90%以上', '满意度', '≥', true],
      ['5万元以下', '单个项目', '≤', false],
    ]);
  });
});

describe('long labels', () => {
  it('drops a leading unit name and year, and a verb clause joined by 和', () => {
    const facts = parseFacts(
      '上海市普陀区财政局2024年度收入支出决算总计2995.39万元。严格对照基层党支部“五化”建设要求和开福区基层党建业务指导20条。编报绩效目标的2024年度项目4个。',
    );
    expect(facts.map((f) => f.label)).toEqual([
      '收入支出决算',
      '开福区基层党建业务指导',
      '编报绩效目标的2024年度项目',
    ]);
  });
});

describe('parts placed in their whole', () => {
  it('labels 基本支出中人员经费 as 人员经费', () => {
    expect(parseFacts('基本支出中人员经费968.30万元，公用经费198.50万元。').map((f) => f.label)).toEqual([
      '人员经费',
      '公用经费',
    ]);
  });
});
