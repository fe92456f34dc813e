import { describe, expect, it } from 'vitest';
import numbering, { formatNumber, type NumberingOptions, toChineseNumeral } from './numbering.ts';
import { messageOf, readSample, runRule, skipReasonOf } from './testing.ts';

const yuehu = readSample();
const putuo = readSample('more/shanghai-putuo-final-accounts.txt');

const run = (text: string, options?: Partial<NumberingOptions>) => runRule(numbering, text, options);

const ids = (text: string, options?: Partial<NumberingOptions>) =>
  run(text, options).map((f) => [f.messageId, f.quote]);

describe('numbering on the 月湖街道 sample', () => {
  const findings = run(yuehu);

  it('reports the unnumbered top-level headings, the mixed 1、/2., and the misplaced （三）', () => {
    expect(findings.map((f) => [f.messageId, f.quote])).toEqual([
      ['unnumbered', '部门、单位基本情况'],
      ['mixedStyle', '1、'],
      ['misplacedLevel', '（三）'],
      ['unnumbered', '一般公共预算支出情况'],
      ['unnumbered', '项目支出情况'],
    ]);
  });

  it('suggests the number each heading should carry', () => {
    const data = findings.map((f) => f.report.data?.expected);
    expect(data).toEqual(['一、', '1.', '3.', '二、', '（二）']);
    expect(messageOf(numbering, findings[2]!)).toContain('「1、」「2.」');
  });

  it('fills every placeholder and spans real words', () => {
    for (const f of findings) {
      expect(messageOf(numbering, f)).not.toMatch(/\{\w+\}/);
      for (const span of f.report.spans) expect(yuehu.slice(span.start, span.end).trim()).not.toBe('');
    }
  });
});

describe('numbering on other documents', () => {
  it('only hints at 1、 in the 普陀区 final accounts (tables and lists are not headings)', () => {
    expect(ids(putuo)).toEqual([['arabicDun', '1、']]);
    expect(run(putuo)[0]!.report.data?.count).toBe(11);
  });

  it('passes a clean four-level report', () => {
    const text =
      '一、部门基本情况\n（一）部门职能\n1.主要职责\n（1）贯彻执行法律法规。\n（2）完成交办任务。\n2.机构设置\n（二）人员情况\n二、支出情况\n';
    expect(ids(text)).toEqual([]);
  });

  it('skips when there are no headings', () => {
    expect(skipReasonOf(numbering, '全年支出4546.77万元。')).toMatch(/未识别到章节标题/);
  });
});

describe('sequence findings', () => {
  it('reports duplicates, restarts, reversed order and a bad first number', () => {
    const body = '本单位为正科级单位。';
    expect(ids(`一、部门基本情况\n${body}\n一、支出情况\n${body}\n`)).toEqual([['duplicate', '一、']]);
    expect(ids(`一、基本情况\n${body}\n二、支出情况\n${body}\n一、绩效情况\n${body}\n`)).toEqual([
      ['restart', '一、'],
    ]);
    expect(ids(`一、基本情况\n${body}\n三、支出情况\n${body}\n二、绩效情况\n${body}\n`)).toEqual([
      ['gap', '三、'],
      ['outOfOrder', '二、'],
    ]);
    expect(ids(`一、基本情况\n（二）部门职能\n${body}\n（三）人员情况\n${body}\n`)).toEqual([
      ['badStart', '（二）'],
    ]);
  });

  it('does not cascade after one slip', () => {
    const text = '一、甲情况\n正文。\n三、乙情况\n正文。\n四、丙情况\n正文。\n五、丁情况\n正文。\n';
    expect(ids(text)).toEqual([['gap', '三、']]);
  });

  it('counts unnumbered siblings when checking the next number', () => {
    const text = '（一）基本支出情况\n正文。\n项目支出情况\n正文。\n（三）其他支出情况\n正文。\n';
    expect(ids(text)).toEqual([['unnumbered', '项目支出情况']]);
  });

  it('leaves front and back matter unnumbered', () => {
    const text = '目录\n一、基本情况\n二、支出情况\n一、基本情况\n正文。\n二、支出情况\n正文。\n附件\n';
    expect(ids(text)).toEqual([]);
  });
});

describe('style findings', () => {
  it('reports half-width brackets and 1、 once per group, and can be switched off', () => {
    const text =
      '一、基本情况\n(一)部门职能\n正文。\n(二)人员情况\n正文。\n（三）机构设置\n1、内设机构\n正文。\n2、下属单位\n正文。\n';
    expect(ids(text)).toEqual([
      ['halfWidthParen', '(一)'],
      ['arabicDun', '1、'],
    ]);
    expect(ids(text, { halfWidthParen: false, arabicDun: false })).toEqual([]);
  });

  it('reports a skipped level once, at the first child', () => {
    const text = '一、部门基本情况\n1.部门职能\n正文。\n2.人员情况\n正文。\n';
    expect(ids(text)).toEqual([['skippedLevel', '1.']]);
    expect(ids(text, { skippedLevel: false })).toEqual([]);
  });
});

describe('number formatting', () => {
  it('writes numbers in the standard form of a style', () => {
    expect([1, 10, 11, 20, 26, 100, 105, 110].map(toChineseNumeral)).toEqual([
      '一',
      '十',
      '十一',
      '二十',
      '二十六',
      '一百',
      '一百零五',
      '一百一十',
    ]);
    expect(formatNumber('cn-dun', 3)).toBe('三、');
    expect(formatNumber('cn-paren', 2)).toBe('（二）');
    expect(formatNumber('arabic-dun', 3)).toBe('3.');
    expect(formatNumber('arabic-paren', 4)).toBe('（4）');
    expect(formatNumber('circled', 2)).toBe('②');
    expect(formatNumber('cn-part', 2)).toBe('第二部分');
  });
});
