/**
 * Corpus texts for the forms real reports arrive in (test/corpus/g-, h-, i-): one 自评表 block in the five
 * table encodings of copies, the figure forms of web and document-site copies, and the sum relations prose
 * states or implies — with the checks a reviewer makes on them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Extraction, Fact } from '../src/extract/index.ts';
import { createReviewDocument } from '../src/review/document.ts';
import { review } from '../src/review/engine.ts';

function load(name: string) {
  const text = readFileSync(new URL(`./corpus/${name}`, import.meta.url), 'utf8');
  const doc = createReviewDocument(text);
  return { text, x: doc.extraction, findings: review(doc).findings };
}

const labelled = (x: Extraction, label: string) => x.facts.filter((f) => f.label === label);
const values = (facts: Fact[]) => facts.map((f) => f.value);
const sums = (x: Extraction) =>
  x.relations.map(
    (r) =>
      `${x.facts[r.total]!.text}=${r.parts.map((p) => x.facts[p]!.text).join('+')}:${r.holds ? 'ok' : 'bad'}`,
  );

describe('(g) 自评表资金与指标行的五种文本编码', () => {
  const { x, findings } = load('g-table-encodings.txt');

  it('reads the funds row of every encoding with its row·column label and the corner unit', () => {
    const spent = labelled(x, '年度资金总额·全年执行数');
    expect(values(spent)).toEqual([251.16, 79.9, 118.91, 45.6, 43.6]);
    expect(new Set(spent.map((f) => f.unit))).toEqual(new Set(['万元']));
    expect(values(labelled(x, '年度资金总额·执行率'))).toEqual([96.6, 94, 94, 76, 96.9]);
    expect(values(labelled(x, '财政资金·全年预算数'))).toEqual([220, 85, 126.5, 50, 45]);
  });

  it('relates each funds total to its 其中 rows, and they hold', () => {
    const totals = x.relations
      .filter((r) => x.facts[r.total]!.label === '年度资金总额·全年执行数')
      .map((r) => [x.facts[r.total]!.value, r.parts.map((p) => x.facts[p]!.value), r.holds, r.complete]);
    expect(totals).toEqual([
      [251.16, [213.4, 37.76, 0], true, true],
      [79.9, [79.9, 0], true, true],
      [118.91, [118.91], true, true],
      [45.6, [40.6, 5], true, true],
      [43.6, [43.6, 0], true, true],
    ]);
  });

  it('reads indicator rows with target comparators and measure units', () => {
    const [target] = labelled(x, '更换LED路灯·年度指标值');
    expect(target).toMatchObject({ value: 1800, unit: '盏', comparator: '≥', basis: 'plan' });
    const [area] = labelled(x, '绿地养护面积·实际完成值');
    expect(area).toMatchObject({ value: 36.8, unit: '万平方米', basis: 'actual' });
  });

  it('reports the missed target with the reason cell of its row, and no error', () => {
    const gap = findings.filter((f) => f.rule === 'plan-actual-gap');
    expect(gap.map((f) => f.spans.map((s) => s.text))).toEqual([
      ['1760盏', '1800盏', '部分路段管线迁改滞后，40盏顺延至次年'],
    ]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('(h) 网页与文库转贴中的数字写法', () => {
  const { text, x, findings } = load('h-figure-forms.txt');
  const at = (quote: string) => {
    const f = x.facts.find((g) => g.text === quote);
    if (!f) throw new Error(`no fact «${quote}»`);
    expect(text.slice(f.start, f.end)).toBe(quote);
    return f;
  };

  it('reads a 大写 amount and its 小写 figure as one amount written twice', () => {
    const capital = at('贰佰肆拾万元整');
    expect(capital).toMatchObject({ value: 240, unit: '万元', numeral: 'financial' });
    expect(x.writtenTwice).toEqual([
      { capital: x.facts.indexOf(capital), small: x.facts.indexOf(capital) + 1, equal: true },
    ]);
  });

  it('reads Chinese-numeral counts, bare 万 as 万元, and measures with their unit', () => {
    expect([at('十二个'), at('一座'), at('二座'), at('一套')].map((f) => [f.value, f.unit])).toEqual([
      [12, '个'],
      [1, '座'],
      [2, '座'],
      [1, '套'],
    ]);
    expect(at('231.6万')).toMatchObject({ value: 231.6, unit: '万元' });
    expect([at('12.6km'), at('3,800m'), at('2.4公里'), at('1.86万人')].map((f) => [f.value, f.unit])).toEqual(
      [
        [12.6, 'km'],
        [3800, 'm'],
        [2.4, '公里'],
        [1.86, '万人'],
      ],
    );
  });

  it('joins numbers split by a stray space or a line break, keeping the exact span', () => {
    expect(at('160平方 米')).toMatchObject({ value: 160, unit: '平方米' });
    expect(at('126.\n50万元')).toMatchObject({ value: 126.5, unit: '万元', decimals: 2 });
  });

  it('reads a list item after an ASCII colon, and an elided unit from its clause', () => {
    const item = x.facts.filter((f) => f.text === '240.00万元');
    expect(item.map((f) => text.slice(f.start - 5, f.start))).toContain('资金到位:');
    expect(at('5.16')).toMatchObject({ value: 5.16, unit: '万元', unitSource: 'clause' });
    expect(sums(x)).toEqual(['231.6万=212.3万元+19.3万元:ok']);
  });

  it('takes nothing from the site chrome', () => {
    const chromeEnd = text.indexOf('一、');
    const footer = text.indexOf('全文页数');
    expect(x.facts.filter((f) => f.start < chromeEnd || f.start >= footer)).toEqual([]);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });
});

describe('(i) 文字中写出或隐含的合计关系', () => {
  const { x, findings } = load('i-prose-relations.txt');

  it('finds the stated, bracketed, enumerated and implied relations, each scoped to its own total', () => {
    expect(sums(x)).toEqual([
      '1,050.00万元=600.00万元+280.00万元+170.00万元:ok',
      '170.00万元=120.00万元+50.00万元:ok',
      '1,050.00万元=420.00万元+380.00万元+250.00万元:ok',
      '1,050.00万元=1,012.35万元+20.00万元+17.65万元:ok',
      '36.00万元=32.50万元+3.50万元:ok',
      '1.05万亩=0.42万亩+0.38万亩+0.25万亩:ok',
      '50份=46份+4份:ok',
      '520.00万元=400.00万元+80.00万元+20.00万元:bad',
      '520.00万元=486.20万元+43.80万元:bad',
      '12.00万元=10.50万元+1.05万元:bad',
    ]);
    const implied = x.relations.map((r) => r.implied ?? null).filter(Boolean);
    expect(implied).toEqual(['balance', 'change', 'balance', 'change']);
  });

  it('reports the three broken sums and the execution rate against the fund budget, only in the faulty part', () => {
    const arithmetic = findings
      .filter((f) => ['sum-mismatch', 'percent-inconsistent', 'figure-inconsistent'].includes(f.rule))
      .map((f) => [f.rule, f.messageId, f.severity, f.spans[0]!.text]);
    expect(arithmetic).toEqual([
      ['sum-mismatch', 'mismatch', 'error', '520.00万元'],
      ['sum-mismatch', 'balance', 'error', '520.00万元'],
      ['percent-inconsistent', 'rate', 'warning', '95.2%'],
      ['sum-mismatch', 'change', 'error', '12.00万元'],
    ]);
  });
});

describe('(j) 三公经费逐项列在合计之下、括号内的小计', () => {
  const { x, findings } = load('j-sangong.txt');

  it('relates the 三公 items to their total and the bracketed vehicle items to their sub-total only', () => {
    expect(sums(x)).toEqual([
      '18.60万元=0万元+11.20万元+7.40万元:ok',
      '11.20万元=0万元+11.20万元:ok',
      '46人=38人+8人:ok',
      '38人=29人+9人:ok',
    ]);
  });

  it('takes 公务用车购置费 for a part of 公务用车购置及运行维护费, not the same figure, and checks the derived decline', () => {
    const rules = new Set(['sum-mismatch', 'count-mismatch', 'figure-inconsistent', 'percent-inconsistent']);
    expect(findings.filter((f) => rules.has(f.rule))).toEqual([]);
  });
});
