import { describe, expect, it } from 'vitest';
import { parseFacts } from './facts.ts';

const rows = (text: string) =>
  parseFacts(text).map((f) => ({
    text: f.text,
    value: f.value,
    unit: f.unit,
    label: f.label,
    unitSource: f.unitSource,
  }));

describe('tables', () => {
  it('takes the unit from the table declaration and labels from row + column', () => {
    const text = '单位：万元\n项目\t预算数\t执行数\n基本支出\t1509.2\t1771.06\n项目支出\t1085\t2775.71\n';
    expect(rows(text)).toEqual([
      { text: '1509.2', value: 1509.2, unit: '万元', label: '基本支出·预算数', unitSource: 'table' },
      { text: '1771.06', value: 1771.06, unit: '万元', label: '基本支出·执行数', unitSource: 'table' },
      { text: '1085', value: 1085, unit: '万元', label: '项目支出·预算数', unitSource: 'table' },
      { text: '2775.71', value: 2775.71, unit: '万元', label: '项目支出·执行数', unitSource: 'table' },
    ]);
    const facts = parseFacts(text);
    expect(facts[0]!.basis).toBe('plan');
    expect(facts[1]!.basis).toBe('actual');
  });

  it('takes the unit from a column header, and from an adjacent unit cell', () => {
    const text =
      '| 三级指标 | 年度指标值 | 实际完成值（人） | 分值 |\n|---|---|---|---|\n| 培训人数 | ≥100人 | 120 | 10 |\n| 补助资金 | 30 | 万元 | 5 |\n';
    expect(rows(text)).toEqual([
      { text: '100人', value: 100, unit: '人', label: '培训人数·年度指标值', unitSource: 'inline' },
      { text: '120', value: 120, unit: '人', label: '培训人数·实际完成值', unitSource: 'header' },
      { text: '10', value: 10, unit: '分', label: '培训人数·分值', unitSource: 'header' },
      { text: '30', value: 30, unit: '万元', label: '补助资金·年度指标值', unitSource: 'cell' },
      { text: '5', value: 5, unit: '分', label: '补助资金·分值', unitSource: 'header' },
    ]);
  });

  it('leaves bare numbers without any unit alone, and ends a declaration with its table', () => {
    const text = '单位：万元\n项目\t金额\n基本支出\t100\n\n其他说明\n序号\t名称\n1\t本级\n';
    expect(rows(text).map((r) => r.text)).toEqual(['100']);
  });
});
