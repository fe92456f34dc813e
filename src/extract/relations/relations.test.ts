import { describe, expect, it } from 'vitest';
import { parseFacts } from '../facts.ts';
import { displayedInterval, intervalsMeet } from '../interval.ts';
import { findRelations } from './index.ts';

const relate = (text: string) => {
  const facts = parseFacts(text);
  return findRelations(text, facts).map((r) => ({
    total: facts[r.total]!.text,
    parts: r.parts.map((i) => facts[i]!.text),
    holds: r.holds,
    withinRounding: r.withinRounding,
    computed: r.computed,
  }));
};

describe('interval arithmetic', () => {
  it('gives each displayed figure the interval its last decimal implies', () => {
    const i = displayedInterval(544.3, 1);
    expect(i.low).toBeCloseTo(544.25, 10);
    expect(i.high).toBeCloseTo(544.35, 10);
  });

  it('meets when rounding explains the difference and not otherwise', () => {
    expect(intervalsMeet(displayedInterval(10, 0), { low: 10.4, high: 10.6 })).toBe(true);
    expect(intervalsMeet(displayedInterval(10, 1), { low: 10.2, high: 10.3 })).toBe(false);
  });
});

describe('sum relations', () => {
  it('finds X，其中A，B and decides it holds', () => {
    expect(relate('一般公共预算支出4546.77万元，其中基本支出1771.06万元，项目支出2775.71万元。')).toEqual([
      {
        total: '4546.77万元',
        parts: ['1771.06万元', '2775.71万元'],
        holds: true,
        withinRounding: true,
        computed: { low: 4546.76, high: 4546.78 },
      },
    ]);
  });

  it('accepts a sum that differs only by display rounding', () => {
    // 0.1 + 0.1 + 0.1 shown as 0.3 of a total 0.4 → [0.15,0.45] meets [0.35,0.45]
    const [r] = relate('合计0.4万元，其中甲0.1万元，乙0.1万元，丙0.1万元。');
    expect(r).toMatchObject({ holds: false, withinRounding: true });
  });

  it('rejects a sum beyond rounding', () => {
    const [r] = relate(
      '项目支出3075.21万元，其中社会管理544.3万元，公共服务740.59万元，城市管理483.13万元，经济发展286.08万元，其他721.61万元。',
    );
    expect(r!.holds).toBe(false);
    expect(r!.computed).toEqual({ low: 2775.64, high: 2775.78 });
  });

  it('converts units before adding', () => {
    const [r] = relate('公用经费21万元，其中办公费150000元，差旅费60000元。');
    expect(r!.holds).toBe(true);
  });

  it('treats counts as exact and stops at a change clause', () => {
    const [r] = relate('年末实有人数57人，其中在职在编人员44人，转业士官7人，退休人员6人，比上年增加2人。');
    expect(r).toEqual({
      total: '57人',
      parts: ['44人', '7人', '6人'],
      holds: true,
      withinRounding: true,
      computed: { low: 57, high: 57 },
    });
    const [wrong] = relate('实有人数56人，其中在职44人，退休13人。');
    expect(wrong!.holds).toBe(false);
  });

  it('needs two parts in the same sentence', () => {
    expect(
      relate('专项支出3075.21万元，其中社会管理项目支出544.3万元。公共服务项目支出740.59万元。'),
    ).toEqual([]);
    expect(relate('税收4.6亿元，其中完成房产税656.62万元，进度率124.36%。')).toEqual([]);
  });

  it('ignores approximate parts and totals', () => {
    expect(relate('各项资金331.2万余元，其中救助100万元，补贴200万元。')).toEqual([]);
  });
});

describe('breakdown lists', () => {
  it('reads 其中： lists whose items are separated by semicolons', () => {
    const [r] = relate(
      '支出总计12,300.50万元，其中：基本支出3,456.78万元，占28.1%；项目支出8,843.72万元，占71.9%。',
    );
    expect(r).toMatchObject({ total: '12,300.50万元', parts: ['3,456.78万元', '8,843.72万元'], holds: true });
    // without the colon a semicolon still ends the breakdown
    expect(relate('项目支出100万元，其中社区建设60万元；环境整治40万元。')).toEqual([]);
    // …unless the items are the known whole of a named total (data/concepts.json completeBreakdowns)
    expect(relate('基本支出100万元，其中人员经费60万元；公用经费40万元。')).toMatchObject([
      { total: '100万元', parts: ['60万元', '40万元'], holds: true },
    ]);
  });

  it('finds the total of a 其中 that opens the next sentence, and reads a stated zero as exact', () => {
    const [r] = relate(
      '“三公”经费支出合计15.2万元，比上年减少3.1万元，下降16.9%。其中：因公出国（境）费0万元，公务用车购置及运行维护费10.5万元，公务接待费4.7万元。',
    );
    expect(r).toMatchObject({ total: '15.2万元', parts: ['0万元', '10.5万元', '4.7万元'], holds: true });
    expect(r!.computed).toEqual({ low: 15.1, high: 15.3 }); // 0 exact; 10.5 and 4.7 ± 0.05 each
  });
});

describe('a fund shared out without restating it', () => {
  it('relates a 分别为 allocation to the fund broken down just before it in the paragraph', () => {
    const found = relate(
      '补助资金86.50万元，资金来源为中央补助资金60.00万元、省级补助资金16.50万元、县级配套资金10.00万元。按服务量分配，县图书馆、县文化馆、县美术馆分别为34.00万元、30.00万元、22.50万元。',
    );
    expect(found.map((r) => [r.total, r.parts])).toEqual([
      ['86.50万元', ['60.00万元', '16.50万元', '10.00万元']],
      ['86.50万元', ['34.00万元', '30.00万元', '22.50万元']],
    ]);
  });

  it('leaves a 分别为 list alone when the sentence gives its own figures or no fund precedes it', () => {
    expect(relate('预算数和执行数分别为100万元、95万元。')).toEqual([]);
    expect(relate('年初预算100万元。按任务分配，甲乙两镇分别为60万元、40万元。')).toEqual([]);
  });
});

describe('parts listed before their total', () => {
  it('reads A、B，合计X and 共计, and leaves 累计 and lists with changes alone', () => {
    expect(
      relate('人员经费支出1560.91万元、公用经费支出210.15万元，合计1771.06万元。').map((r) => [
        r.total,
        r.parts,
      ]),
    ).toEqual([['1771.06万元', ['1560.91万元', '210.15万元']]]);
    expect(relate('培训干部120人次、群众860人次，共计980人次。').map((r) => r.total)).toEqual(['980人次']);
    expect(relate('本年新增帮扶10户，累计帮扶200户。')).toEqual([]);
    expect(relate('公用经费210万元，比上年减少12万元，合计198万元。')).toEqual([]);
  });
});
