import { describe, expect, it } from 'vitest';
import { readSample, runRule } from './testing.ts';
import rule, { type TypoOptions } from './typo.ts';

const run = (text: string, options?: Partial<TypoOptions>) => runRule(rule, text, options);
const quotes = (text: string, options?: Partial<TypoOptions>) => run(text, options).map((f) => f.quote);

describe('typo', () => {
  it('finds 年未实有人数 in the sample, and nothing else', () => {
    const text = readSample();
    const found = run(text);
    expect(found.map((f) => f.quote)).toEqual(['年未']);
    expect(text.slice(found[0]!.report.spans[0]!.start, found[0]!.report.spans[0]!.end + 4)).toBe(
      '年未实有人数',
    );
    expect(found[0]!.report.data).toMatchObject({ wrong: '年未', right: '年末' });
  });

  it('reads 年未 as 年末 only before a year-end noun', () => {
    expect(quotes('年未在职人员44人，年未余额12万元，年末数为0。')).toEqual(['年未', '年未']);
    expect(quotes('本年未完成的任务，全年未发生事故，当年未使用资金。')).toEqual([]);
    expect(quotes('年末结转和结余23万元；年未结转和结余23万元。')).toEqual(['年未']);
    expect(quotes('本年未结转资金，本年未结余资金。')).toEqual([]);
    expect(quotes('本年未数据化的档案')).toEqual([]);
  });

  it('applies the 截止 / 截至 context', () => {
    expect(quotes('截止目前，已完成。截止到2020年底，共拨付。')).toEqual(['截止', '截止到']);
    expect(quotes('截止日期为6月30日，截止时间为17时，报名截止2020年5月。')).toEqual([]);
  });

  it('keeps 帐 compounds and leaves 帐篷 alone', () => {
    expect(quotes('规范台帐管理，及时入帐；搭建帐篷，发放入帐篷物资。')).toEqual(['台帐', '入帐']);
  });

  it('handles the 既…又 exception and 建全 prefixes', () => {
    expect(quotes('既使资金拨付及时，又保证专款专用。')).toEqual([]);
    expect(quotes('既使困难再大，我们仍然坚持。')).toEqual(['既使']);
    expect(quotes('组建全市网格队伍，新建全长3公里道路，构建全体系。')).toEqual([]);
    expect(quotes('不断建全制度，建全机制。')).toEqual(['建全', '建全']);
    expect(quotes('既使用财政资金')).toEqual([]);
  });

  it('prefers the longer entry at one place', () => {
    expect(quotes('进一步建立建全制度')).toEqual(['建立建全']);
    expect(quotes('加强党风廉正建设')).toEqual(['党风廉正']);
  });

  it('does not flag words that merely contain the letters', () => {
    const clean = [
      '一贯切实履行职责',
      '全部份额已认购',
      '完成份额分配',
      '上报消防部门，通报消息',
      '按装修标准，按装机容量',
      '一座落成于1990年的建筑',
      '为了了解群众需求，除了了解情况外',
      '实实在在做事，现在在岗人员',
      '在在职人员中开展',
      '实事求是是党的思想路线',
      '针对对象开展帮扶',
      '一把把钥匙，请领导把把关',
      '达到预期目的的项目',
      '的的确确取得了成效',
      '坚持不泄露个人信息',
      '防止过度期望',
      '破坏境内生态',
      '鼓励行业协会参与',
      '参与与配合',
      '做为民服务的实事',
      '个人材料已归档',
    ];
    for (const text of clean) expect(quotes(text), text).toEqual([]);
  });

  it('reports doubled function words with their own message id', () => {
    const found = run('居民的的幸福感，完成了了任务，在在社区开展。');
    expect(found.map((f) => [f.messageId, f.quote])).toEqual([
      ['doubled', '的的'],
      ['doubled', '了了'],
      ['doubled', '在在'],
    ]);
  });

  it('reports style preferences only when asked', () => {
    expect(quotes('其它支出721.61万元，作好准备。')).toEqual([]);
    const found = run('其它支出721.61万元，作好准备。', { style: true });
    expect(found.map((f) => [f.messageId, f.quote])).toEqual([
      ['style', '其它'],
      ['style', '作好'],
    ]);
    expect(quotes('认真工作好好学习', { style: true })).toEqual([]);
  });

  it('honours the ignore option', () => {
    expect(quotes('规范台帐管理', { ignore: ['台帐'] })).toEqual([]);
  });

  it('spans are exact and in the original text (full-width digits folded only for context)', () => {
    const text = '截止２０２０年１２月３１日';
    const found = run(text);
    expect(found.map((f) => f.quote)).toEqual(['截止']);
  });
});
