import { describe, expect, it } from 'vitest';
import wordingData from '../../../data/wording/hunan-dept-overall-2020.json' with { type: 'json' };
import { SelfEvaluationShape } from '../../model/schema.ts';
import { getOutline } from '../../review/outlines.ts';
import { findPlaceholders, UNFILLED } from '../../review/rules/placeholder.ts';
import { buildReport } from './document.ts';
import { fill, getWording, validateWording, writeParagraph } from './wording.ts';

const MODEL = SelfEvaluationShape.parse({
  unit: { name: '月湖街道' },
  fiscalYear: 2020,
  budget: {
    generalPublic: {
      total: { actual: 4546770000 },
      basic: { total: { actual: 1771060000, initial: 1509200000 } },
      project: { total: { actual: 2775710000 } },
    },
    govFund: { actual: 0 },
  },
});

describe('the wording data', () => {
  it('is valid and covers every section of its outline', () => {
    expect(validateWording(wordingData)).toEqual([]);
    const outline = getOutline('hunan-dept-overall-2020')!;
    const keys = (sections: typeof outline.sections): string[] =>
      sections.flatMap((s) => [s.key, ...keys(s.children ?? [])]);
    expect(Object.keys(wordingData.sections).sort()).toEqual(keys(outline.sections).sort());
  });

  it("has a placeholder that jixiao check's unfilled rule flags", () => {
    const text = fill(wordingData.placeholder, { fields: 'budget.govFund' })!.text;
    expect(findPlaceholders(text, UNFILLED).map((hit) => text.slice(hit.start, hit.end))).toEqual(['待填写']);
  });

  it('rejects a malformed file', () => {
    expect(validateWording({ ...wordingData, titleLines: 'x' })).toContain('titleLines: string array');
    const broken = { ...wordingData, sections: { gpb: { fields: [], paragraphs: [{ table: 'nope' }] } } };
    expect(validateWording(broken)).toEqual(['sections.gpb.paragraphs[0].table: unknown table']);
  });
});

describe('filling templates', () => {
  it('writes a fragment only when every variable has a value', () => {
    expect(fill('支出{a}', { a: '1万元' })).toEqual({ text: '支出1万元', usedData: true });
    expect(fill('支出{a}', { a: null })).toBeNull();
    expect(fill('{year}年', { year: '2020' })).toEqual({ text: '2020年', usedData: false });
  });

  it('drops optional fragments, needs the lead one, and never writes a paragraph of context alone', () => {
    const block = { parts: ['{year}年支出{a}', '其中{b}', '另有{c}'], sep: '，', end: '。' };
    expect(writeParagraph(block, { year: '2020', a: '3万元', b: null, c: '1万元' })).toEqual([
      '2020年支出3万元，另有1万元。',
    ]);
    expect(writeParagraph(block, { year: '2020', a: null, b: '1万元', c: null })).toEqual([]);
    expect(writeParagraph({ parts: ['{year}年度'] }, { year: '2020' })).toEqual([]);
  });

  it('writes one paragraph per item, the last with its own ending', () => {
    const block = { each: 'list', parts: ['{index}）{text}；'], lastParts: ['{index}）{text}。'] };
    expect(writeParagraph(block, { list: [{ text: '甲' }, { text: '乙' }] })).toEqual(['1）甲；', '2）乙。']);
  });
});

describe('the report structure', () => {
  const report = buildReport(MODEL);
  const texts = report.blocks.flatMap((b) => (b.type === 'paragraph' ? [b.text] : []));

  it('writes the figures as sentences', () => {
    expect(report.title).toBe('月湖街道2020年度部门整体支出绩效自评报告');
    expect(texts).toContain(
      '2020年一般公共预算支出4546.77万元，其中基本支出1771.06万元，项目支出2775.71万元。',
    );
    expect(texts).toContain('基本支出年初预算1509.2万元，执行率117.35%。');
    expect(texts).toContain('本年度无政府性基金预算支出。');
  });

  it('numbers the outline headings and marks sections without data', () => {
    const headings = report.blocks.flatMap((b) => (b.type === 'heading' ? [`${b.number}${b.text}`] : []));
    expect(headings.slice(0, 3)).toEqual(['一、部门基本情况', '（一）部门职能', '（二）机构设置']);
    expect(headings).toContain('十、其他需要说明的情况');
    const placeholders = report.blocks.filter((b) => b.type === 'paragraph' && b.placeholder);
    expect(placeholders.map((b) => (b as { text: string }).text)).toContain('（待填写，模型字段：duties）');
    expect(texts.some((t) => /国有资本经营预算支出\d/.test(t))).toBe(false);
  });

  it('loads the bundled wording', () => {
    expect(getWording('hunan-dept-overall-2020')?.outline).toBe('hunan-dept-overall-2020');
    expect(getWording('nowhere')).toBeUndefined();
  });
});
