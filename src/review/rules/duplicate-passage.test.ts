import { describe, expect, it } from 'vitest';
import { createReviewDocument } from '../document.ts';
import rule, { type DuplicatePassageOptions, findRepeatedRuns } from './duplicate-passage.ts';
import { readSample, runRule } from './testing.ts';

/** The rule's reports, each with the words of the earlier copy it cites (its second span). */
function run(text: string, options?: Partial<DuplicatePassageOptions>) {
  return runRule(rule, text, options).map((f) => {
    const earlier = f.report.spans[1]!;
    return { ...f, original: text.slice(earlier.start, earlier.end) };
  });
}

const P1 =
  '疫情发生后，我街常态做好防控工作，外防输入、内防反弹，做到宣传全覆盖，核实大数据信息2968人，' +
  '自行摸排中高风险来长人员819人，隔离密切接触人员162人，接待境外回长人员58人，确保了数据核查日清日结。';
const P2 =
  '紧抓重点对象约谈走访，稳妥推进遗留问题化解，成功签约8户，促成有望全部化解对象4户，另有4户纳入重点跟进对象；' +
  '积极开展“大走访、大调研”活动，对新签约11户拆迁群众进行小范围分房。';

describe('duplicate-passage', () => {
  it('finds the achievements of part 一 pasted into part 三（二）', () => {
    const text = readSample();
    const found = run(text);
    const partThree = text.indexOf('（二）绩效目标完成情况');
    const partOneEnd = text.indexOf('一般公共预算支出情况');
    expect(found.length).toBeGreaterThanOrEqual(8);
    for (const f of found) {
      const [later, earlier] = f.report.spans as [
        { start: number; end: number },
        { start: number; end: number },
      ];
      expect(later.start).toBeGreaterThan(partThree);
      expect(earlier.end).toBeLessThan(partOneEnd);
      expect(f.report.details!.length as number).toBeGreaterThanOrEqual(100);
    }
    // Maximal runs, not one finding per window; the largest passages are several hundred characters.
    expect(
      found.some((f) => f.quote.startsWith('全力帮助企业复工复产') && f.quote.endsWith('进度率124.36%')),
    ).toBe(true);
    expect(
      found.some(
        (f) => f.quote.startsWith('紧抓重点对象约谈走访') && f.quote.endsWith('全年未发生一起安全责任事故'),
      ),
    ).toBe(true);
  });

  it('cites the later copy first and the earlier original second, with exact spans', () => {
    const text = `一、成效\n${P1}\n二、完成情况\n公共服务项目支出740.59万元，${P1}`;
    const [f, ...rest] = run(text);
    expect(rest).toEqual([]);
    expect(f!.report.spans[0]!.start).toBeGreaterThan(f!.report.spans[1]!.start);
    expect(f!.quote).toBe(P1.slice(0, -1)); // the closing 。 is not part of the words
    expect(f!.original).toBe(P1.slice(0, -1));
  });

  it('matches through punctuation, spacing and width differences', () => {
    const retouched = P1.replace(/，/g, ',').replace(/、/g, ' ').replace('2968', '２９６８');
    const found = run(`${P1}\n${retouched}`);
    expect(found).toHaveLength(1);
    expect(found[0]!.original).toBe(P1.slice(0, -1));
    expect(found[0]!.quote).toBe(retouched.slice(0, -1));
  });

  it('merges runs split by a dropped list number into one finding', () => {
    const text = `（1）${P1}（2）${P2}\n另：${P1}${P2}`;
    const found = run(text);
    expect(found).toHaveLength(1);
    expect(found[0]!.quote).toBe(`${P1}${P2}`.slice(0, -1));
  });

  it('reports separate passages separately', () => {
    const text = `${P1}\n${P2}\n中间另有一段完全不同的内容，用于隔开两段重复文字。\n${P2}\n${P1}`;
    const found = run(text);
    expect(found.map((f) => f.quote)).toEqual([P2.slice(0, -1), P1.slice(0, -1)]);
  });

  it('ignores runs that are figures or table cells', () => {
    const row = '0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\n';
    expect(run(`${row.repeat(3)}\n其他内容\n${row.repeat(3)}`)).toEqual([]);
    const header =
      '一级指标\n二级指标\n三级指标\n项目名称\n年初预算数\n全年预算数\n全年执行数\n分值\n执行率\n得分\n偏差原因分析\n改进措施\n备注说明\n';
    expect(header.replace(/\n/g, '').length).toBeGreaterThan(50);
    expect(run(`${header}甲\n${header}乙`)).toEqual([]);
    expect(run(`${header}甲\n${header}乙`, { minHanRatio: 0 }).length).toBe(0);
  });

  it('respects minLength', () => {
    const short = '深入学习贯彻党的十九大精神和十九届五中全会精神';
    expect(run(`${short}。\n${short}。`)).toEqual([]);
    expect(run(`${short}。\n${short}。`, { minLength: 20 })).toHaveLength(1);
  });

  it('finds runs with a rolling hash: a self-check on random data', () => {
    let seed = 7;
    const next = () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return seed;
    };
    const codes = new Uint16Array(5000);
    for (let i = 0; i < codes.length; i++) codes[i] = 0x4e00 + (next() % 3000);
    codes.set(codes.subarray(100, 400), 3000); // one 300-character copy
    const runs = findRepeatedRuns(codes, 50);
    expect(runs).toEqual([{ a: 100, b: 3000, len: 300 }]);
  });

  it('stays fast on a large report', () => {
    const doc = createReviewDocument(readSample().repeat(60));
    let findings = 0;
    const t0 = performance.now();
    rule.check({ doc, options: rule.options, report: () => findings++, skip: () => {} });
    expect(performance.now() - t0).toBeLessThan(1000);
    // Every later copy of the whole sample is one passage, not thousands of windows.
    expect(findings).toBeLessThan(40);
  });
});
