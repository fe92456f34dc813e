/** Acceptance of the review on the real sample report (长沙市开福区月湖街道 2020). */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from '../src/extract/index.ts';
import { createReviewDocument } from '../src/review/document.ts';
import { review } from '../src/review/engine.ts';
import type { Finding } from '../src/review/rule.ts';

const text = readFileSync(new URL('../../shared/samples/yuehu-2020.txt', import.meta.url), 'utf8');
const result = review(createReviewDocument(text));
const of = (rule: string) => result.findings.filter((f) => f.rule === rule);
const quotes = (f: Finding) => f.spans.map((s) => s.text);

describe('check on the 月湖街道 2020 sample', () => {
  it('finds 项目支出 2775.71万元 vs 专项支出 3075.21万元, both places', () => {
    const found = of('figure-inconsistent');
    expect(found).toHaveLength(1);
    expect(quotes(found[0]!)).toEqual(['3075.21万元', '2775.71万元']);
    expect(found[0]!.severity).toBe('error');
  });

  it('finds both execution gaps with their rates', () => {
    const gaps = of('plan-actual-gap').map((f) => ({ quotes: quotes(f), rate: f.data.rate }));
    expect(gaps).toEqual([
      { quotes: ['1771.06万元', '1509.2万元'], rate: 1.1735 },
      { quotes: ['2775.71万元', '1085万元'], rate: 2.5583 },
    ]);
    expect(of('plan-actual-gap').map((f) => f.message)).toEqual([
      expect.stringContaining('117.4%'),
      expect.stringContaining('255.8%'),
    ]);
  });

  it('finds the copied achievements text in part 三（二）, citing both places', () => {
    const copies = of('duplicate-passage');
    expect(copies.length).toBeGreaterThanOrEqual(5);
    const targets = text.indexOf('（二）绩效目标完成情况');
    for (const f of copies) {
      expect(f.spans).toHaveLength(2);
      expect(f.spans[0]!.start).toBeGreaterThan(targets); // the copy
      expect(f.spans[1]!.start).toBeLessThan(targets); // the original in part 一
    }
  });

  it('finds the typo 年未 and the half-width punctuation', () => {
    expect(of('typo').map((f) => f.spans[0]!.text)).toEqual(['年未']);
    const marks = of('punctuation').map((f) => text.slice(f.spans[0]!.start - 3, f.spans[0]!.end + 2));
    marks.push(...of('punctuation').map((f) => text.slice(f.spans[0]!.start - 4, f.spans[0]!.end + 2)));
    expect(marks).toEqual(
      expect.arrayContaining(['共8场,基层', '结案3起.其中', '员增加;二是', '%以上,其中']),
    );
  });

  it('finds the numbering defects', () => {
    const found = of('numbering');
    const headings = found.map((f) => f.spans[0]!.text);
    expect(headings).toEqual(expect.arrayContaining(['部门、单位基本情况', '一般公共预算支出情况']));
    expect(found.some((f) => quotes(f).includes('1、') && quotes(f).includes('2.'))).toBe(true);
  });

  it('finds the missing parts of the default outline and the unquantified targets', () => {
    const missing = of('missing-section')
      .map((f) => f.message)
      .join('\n');
    expect(missing).toContain('政府性基金');
    expect(missing).toMatch(/自评结果.*应用.*公开/);
    const targets = of('unquantified-target');
    expect(targets).toHaveLength(1);
    expect(targets[0]!.spans[0]!.text).toContain('绩效目标设置情况');
  });

  it('reports nothing on the figures that agree', () => {
    expect(of('sum-mismatch')).toEqual([]);
    expect(of('count-mismatch')).toEqual([]);
    const statuses = Object.fromEntries(result.checks.map((c) => [c.rule, c.status]));
    expect(statuses['sum-mismatch']).toBe('passed');
    expect(statuses['count-mismatch']).toBe('passed');
    expect(statuses['percent-inconsistent']).toBe('skipped');
  });

  it('points every finding at the exact words', () => {
    for (const f of result.findings) {
      expect(f.spans.length).toBeGreaterThan(0);
      for (const s of f.spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    }
    expect(result.summary.error).toBe(1);
  });
});

describe('the whole pipeline on arbitrary text', () => {
  it('never throws, and every span quotes its text', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 300 }),
        fc.constantFrom('', '一、基本情况\n', '（一）\t1.\n其中'),
        (s, prefix) => {
          const input = prefix + s;
          const x = extract(input);
          for (const f of x.facts) expect(input.slice(f.start, f.end)).toBe(f.text);
          for (const r of x.relations)
            for (const i of [r.total, ...r.parts]) expect(x.facts[i]).toBeDefined();
          const checked = review(createReviewDocument(input, x));
          for (const f of checked.findings)
            for (const sp of f.spans) expect(input.slice(sp.start, sp.end)).toBe(sp.text);
        },
      ),
      { numRuns: 300 },
    );
  });
});
