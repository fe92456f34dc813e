import { describe, expect, it } from 'vitest';
import type { Extraction, Fact, Section } from '../../extract/types.ts';
import { formatJson, formatText } from './extract-run.ts';

const TEXT = '一、支出情况\n合计100万元，其中基本支出60.5万元、项目支出39.6万元。\n';

function fact(text: string, value: number, decimals: number, label: string | null): Fact {
  const start = TEXT.indexOf(text);
  return {
    kind: 'amount',
    value,
    unit: '万元',
    text,
    start,
    end: start + text.length,
    label,
    approx: false,
    period: null,
    decimals,
    unitSource: 'inline',
  };
}

const SECTION: Section = {
  number: '一、',
  ordinal: 1,
  style: 'cn-dun',
  title: '支出情况',
  level: 1,
  start: 0,
  end: TEXT.length,
  headingEnd: 6,
  children: [],
};

const EXTRACTION: Extraction = {
  text: TEXT,
  sections: [SECTION],
  facts: [
    fact('100万元', 100, 0, '合计'),
    fact('60.5万元', 60.5, 1, '基本支出'),
    fact('39.6万元', 39.6, 1, null),
  ],
  relations: [
    {
      type: 'sum',
      total: 0,
      parts: [1, 2],
      holds: false,
      withinRounding: false,
      computed: { low: 99.95, high: 100.25 },
    },
  ],
};

describe('extract output', () => {
  it('lays out the outline, an aligned fact table and the relations', () => {
    expect(formatText(EXTRACTION)).toBe(
      [
        '章节（1）',
        '  行  标题',
        '   1  一、支出情况',
        '',
        '数字（3）',
        '  位置  类型  数值  单位  标签      期间  约数  原文',
        '  2:3   金额  100   万元  合计      —     —     100万元',
        '  2:15  金额  60.5  万元  基本支出  —     —     60.5万元',
        '  2:26  金额  39.6  万元  —         —     —     39.6万元',
        '',
        '合计关系（1）',
        '  ✗ 2:3 100万元 ≠ 2:15 60.5万元 + 2:26 39.6万元（分项之和 99.95～100.25万元）',
        '',
      ].join('\n'),
    );
  });

  it('marks a sum that holds without the computed range', () => {
    const relation = { ...EXTRACTION.relations[0]!, holds: true };
    expect(formatText({ ...EXTRACTION, relations: [relation] })).toContain(
      '合计关系（1）\n  ✓ 2:3 100万元 = 2:15 60.5万元 + 2:26 39.6万元\n',
    );
  });

  it('says so when nothing was found', () => {
    expect(formatText({ text: 'x', sections: [], facts: [], relations: [] })).toBe(
      '章节（0）\n（无）\n\n数字（0）\n（无）\n\n合计关系（0）\n（无）\n',
    );
  });

  it('prints exactly text, sections, facts, relations and writtenTwice as JSON', () => {
    const json = JSON.parse(formatJson({ ...EXTRACTION, extra: 1 } as Extraction));
    expect(Object.keys(json)).toEqual(['text', 'sections', 'facts', 'relations', 'writtenTwice']);
    expect(json.facts[1]).toEqual(EXTRACTION.facts[1]);
  });
});
