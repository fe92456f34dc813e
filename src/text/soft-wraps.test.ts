import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extract } from '../extract/index.ts';
import { joinSoftWraps } from './soft-wraps.ts';
import { displayWidth } from './width.ts';

/** Prose wrapped at a fixed page width (40 columns: a Chinese character takes two, a digit one), as PDF copies are. */
function wrap(paragraphs: string[], width = 40): string {
  return paragraphs
    .map((p) => {
      const lines: string[] = [];
      let line = '';
      for (const ch of p) {
        if (displayWidth(line + ch) > width) {
          lines.push(line);
          line = '';
        }
        line += ch;
      }
      lines.push(line);
      return lines.join('\n');
    })
    .join('\n');
}

const PROSE = [
  '一、收入支出决算总体情况说明',
  '本年度一般公共预算财政拨款支出年初预算为2993.92万元，支出决算为2940.05万元，完成年初预算的98.20%。决算数小于预算数的主要原因是个别信息化项目调减。',
  '（一）基本支出',
  '基本支出2336.91万元，其中人员经费2152.26万元，公用经费184.65万元，主要用于保障机构正常运转和完成日常工作任务。',
];

describe('joinSoftWraps', () => {
  it('joins lines broken at the page width and keeps headings and sentence ends', () => {
    const text = wrap(PROSE);
    const joined = joinSoftWraps(text)!;
    expect(joined.text).toContain('完成年初预算的98.20%');
    expect(joined.text).toContain('\n（一）基本支出\n');
    expect(joined.text.startsWith('一、收入支出决算总体情况说明\n')).toBe(true);
  });

  it('maps offsets back to the original text', () => {
    const text = wrap(PROSE);
    const joined = joinSoftWraps(text)!;
    const at = joined.text.indexOf('98.20%');
    const start = joined.startToOriginal(at);
    const end = joined.endToOriginal(at + '98.20%'.length);
    expect(text.slice(start, end).replace(/\n/g, '')).toBe('98.20%');
  });

  it('leaves text with one paragraph per line alone', () => {
    expect(joinSoftWraps(PROSE.join('\n'))).toBeNull();
    expect(joinSoftWraps('短行\n短行\n')).toBeNull();
  });

  it('maps every joined offset into the original, in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ minLength: 30, maxLength: 120 }), { minLength: 6, maxLength: 12 }),
        (paras) => {
          const text = wrap(paras);
          const joined = joinSoftWraps(text);
          if (!joined) return;
          let last = -1;
          for (let i = 0; i < joined.text.length; i++) {
            const o = joined.startToOriginal(i);
            expect(o).toBeGreaterThan(last);
            expect(text[o]).toBe(joined.text[i]);
            last = o;
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('extract on hard-wrapped text', () => {
  it('reads figures, labels and relations across the wraps, with spans into the original', () => {
    const text = wrap(PROSE);
    const x = extract(text);
    const rate = x.facts.find((f) => f.value === 98.2)!;
    expect(text.slice(rate.start, rate.end)).toBe(rate.text);
    const plan = x.facts.find((f) => f.value === 2993.92)!;
    expect(plan.basis).toBe('plan');
    expect(plan.label?.replace(/\n/g, '')).toBe(
      '本年度一般公共预算财政拨款支出年初预算'.replace('本年度', ''),
    );
    const rel = x.relations.map((r) => [
      x.facts[r.total]!.value,
      r.parts.map((i) => x.facts[i]!.value),
      r.holds,
    ]);
    expect(rel).toEqual([[2336.91, [2152.26, 184.65], true]]);
    for (const f of x.facts) expect(text.slice(f.start, f.end)).toBe(f.text);
  });
});
