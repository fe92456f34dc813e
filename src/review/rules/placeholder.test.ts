import { describe, expect, it } from 'vitest';
import rule from './placeholder.ts';
import { quotesOf, readSample, runRule } from './testing.ts';

const run = (text: string) => runRule(rule, text);
const ids = (text: string) => quotesOf(rule, text);

describe('placeholder', () => {
  it('finds nothing in the sample', () => {
    expect(run(readSample())).toEqual([]);
  });

  it('finds XX-style placeholders but not Latin words or model numbers', () => {
    expect(ids('对XX市XX社区开展走访，由×××同志负责，xxx单位配合。')).toEqual([
      'placeholder:XX',
      'placeholder:XX',
      'placeholder:×××',
      'placeholder:xxx',
    ]);
    expect(ids('ＸＸ街道')).toEqual(['placeholder:ＸＸ']);
    const clean = [
      '采购XXL码服装',
      '配备Xbox',
      'X光机1台',
      '网址www.xxgk.gov.cn',
      '型号RX100',
      '邮箱xxgk@163.com',
      '3×4米',
    ];
    for (const text of clean) expect(ids(text), text).toEqual([]);
  });

  it('joins a placeholder date into one finding', () => {
    expect(ids('报告日期：20XX年X月X日')).toEqual(['placeholder:20XX年X月X日']);
    expect(ids('于6月x日完成，XX年预算')).toEqual(['placeholder:6月x日', 'placeholder:XX年']);
    expect(ids('9月上旬完成，2020年12月31日')).toEqual([]);
  });

  it('finds asterisk placeholders but not masks or separators', () => {
    expect(ids('全年支出***万元，项目名称：***。')).toEqual(['placeholder:***', 'placeholder:***']);
    const clean = ['联系电话138****5678', '身份证号430105********1234', '***', '张***同志', '联系人：***，'];
    for (const text of clean) expect(ids(text), text).toEqual([]);
  });

  it('finds fill-in prompts only where they stand alone', () => {
    // 待填写/待补充 are the unfilled rule's (see unfilled.test.ts)
    expect(ids('（二）绩效目标完成情况（待补充）\n单位名称：待填写')).toEqual([]);
    expect(ids('（此处填写具体情况）')).toEqual(['prompt:此处填写']);
    expect(ids('报告日期：单击或点击此处输入文字。')).toEqual(['prompt:单击或点击此处输入文字']);
  });

  it('finds bracketed prompts but not 文号 or real headings', () => {
    expect(ids('名称：【请填写】，【项目名称】绩效自评报告，[请输入金额]')).toEqual([
      'prompt:【请填写】',
      'prompt:【项目名称】',
      'prompt:[请输入金额]',
    ]);
    expect(ids('【XX】')).toEqual(['prompt:【XX】']);
    expect(ids('湘财绩〔2020〕7号，【典型做法】建立“五包一”机制')).toEqual([]);
  });

  it('finds （略） in both widths', () => {
    expect(ids('2．机构情况（略）；附表(略)')).toEqual(['omitted:（略）', 'omitted:(略)']);
    expect(ids('（略有增加）')).toEqual([]);
  });
});
