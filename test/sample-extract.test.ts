/** Acceptance on the real sample report (长沙市开福区月湖街道 2020). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/extract/index.ts';

const text = readFileSync(new URL('../../shared/samples/yuehu-2020.txt', import.meta.url), 'utf8');
const x = extract(text);
const amounts = x.facts.filter((f) => f.kind === 'amount');

describe('月湖街道 2020 sample', () => {
  it('finds well over 100 quantities, about 40 of them amounts, each span exact', () => {
    expect(x.facts.length).toBeGreaterThan(100);
    expect(amounts.length).toBeGreaterThanOrEqual(38);
    for (const f of x.facts) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('labels every amount with its subject', () => {
    const labelled = new Map<string, Set<string>>();
    for (const f of amounts) {
      expect(f.label, `${f.text} @${f.start}`).toBeTruthy();
      const set = labelled.get(f.text) ?? new Set();
      set.add(f.label!);
      labelled.set(f.text, set);
    }
    const expected: [string, string[]][] = [
      ['4546.77万元', ['一般公共预算支出']],
      ['1771.06万元', ['基本支出']],
      ['1560.91万元', ['人员经费支出', '人员经费实际支出']],
      ['210.15万元', ['公用经费支出', '公用经费实际支出']],
      ['2775.71万元', ['项目支出', '一般公共预算项目支出', '业务工作经费支出']],
      ['544.3万元', ['社会管理项目支出']],
      ['740.59万元', ['公共服务项目支出']],
      ['483.13万元', ['城市管理项目支出']],
      ['286.08万元', ['经济发展项目支出']],
      ['721.61万元', ['其他事务支出']],
      ['1509.2万元', ['基本支出']],
      ['1085万元', ['项目支出']],
      ['3075.21万元', ['专项支出']],
      ['331.2万余元', ['扶贫帮困、大病救助、两残补贴等各项资金']],
      ['95.08亿元', ['固投']],
      ['1.53亿元', ['社零总额']],
      ['3685万元', ['规模工业产值']],
      ['6.98亿元', ['其他营利性服务业产值']],
      ['4.6亿元', ['市区两级预期税收']],
      ['656.62万元', ['房产税']],
      ['90亿元', ['进度投资']],
      ['20亿元', ['激活消费']],
    ];
    for (const [quote, labels] of expected)
      expect([...(labelled.get(quote) ?? [])].sort(), quote).toEqual([...labels].sort());
  });

  it('reads the staff counts and their labels', () => {
    const staff = x.facts.filter((f) => f.unit === '人' && f.start < 1200).map((f) => [f.value, f.label]);
    expect(staff).toEqual([
      [57, '年未实有人数'],
      [44, '在职在编人员'],
      [7, '转业士官'],
      [6, '退休人员'],
      [2, '比上年变动'],
    ]);
  });

  it('reports no period or identifier as a quantity', () => {
    const quotes = new Set(x.facts.map((f) => f.text));
    for (const bad of [
      '2020',
      '2020年',
      '1-11月',
      '11月',
      '60号',
      '103号',
      '5号',
      '12345',
      '十九',
      '五中',
      '9月',
      '二次',
      '八项',
    ]) {
      expect(quotes.has(bad), bad).toBe(false);
    }
    const digitsOnly = x.facts.filter((f) => /^(19|20)\d\d$/.test(String(f.value)) && f.unit === '年');
    expect(digitsOnly).toEqual([]);
  });

  it('attaches periods that govern figures', () => {
    const f = x.facts.find((g) => g.text === '95.08亿元')!;
    expect(f.period).toBe('1-11月');
    expect(x.facts.find((g) => g.text === '4546.77万元')!.period).toBe('2020年');
  });

  it('finds the four stated breakdowns and each holds', () => {
    const rel = x.relations.map((r) => ({
      total: x.facts[r.total]!.value,
      parts: r.parts.map((i) => x.facts[i]!.value),
      holds: r.holds,
    }));
    expect(rel).toEqual(
      expect.arrayContaining([
        { total: 4546.77, parts: [1771.06, 2775.71], holds: true },
        { total: 1771.06, parts: [1560.91, 210.15], holds: true },
        { total: 2775.71, parts: [544.3, 740.59, 483.13, 286.08, 721.61], holds: true },
        { total: 57, parts: [44, 7, 6], holds: true },
      ]),
    );
    expect(rel.every((r) => r.holds)).toBe(true);
  });

  it('builds the section tree', () => {
    expect(x.sections.length).toBeGreaterThanOrEqual(3);
    const titles = x.sections.map((s) => s.title);
    expect(titles).toEqual(expect.arrayContaining(['一般公共预算支出情况', '部门整体支出绩效情况']));
  });
});
