import { describe, expect, it } from 'vitest';
import rule from './punctuation.ts';
import { quotesOf, readSample, runRule } from './testing.ts';

const run = (text: string) => runRule(rule, text);
const ids = (text: string) => quotesOf(rule, text);

describe('punctuation', () => {
  it('finds the five half-width marks of the sample (and their pasted copies)', () => {
    const text = readSample();
    const found = run(text);
    expect(found.every((f) => f.messageId === 'halfWidth')).toBe(true);
    const contexts = found.map((f) => text.slice(f.report.spans[0]!.start - 2, f.report.spans[0]!.end + 2));
    for (const hit of ['8场,基层', '3起.其中', '态”,使“', '以上,其中', '增加;二是']) {
      expect(contexts.slice(0, 5), hit).toContain(hit);
    }
    // Part 一 has each once; part 三（二） repeats four of them.
    expect(found).toHaveLength(9);
    expect(found[0]!.report.data).toEqual({ mark: ';', suggestion: '；' });
  });

  it('leaves numbers, times, URLs, Latin words, headings and ellipses alone', () => {
    const clean = [
      '1．主要职能。',
      '3.设置 2个街道所属事业单位：街道政务服务中心。',
      '一.总体情况',
      '(一)基本情况',
      '1)贯彻执行国家法律；2)负责居民区工作；a)其他。',
      '完成固投95.08亿元，上午10:30召开会议，共计1,000人，2020.12.31前完成。',
      '网址：http://www.changsha.gov.cn/xxgk/index.html，欢迎查阅。邮箱：abc@163.com。',
      '使用Excel,Word等软件。',
      '等等......以及……',
      '开展“不忘初心、\n牢记使命”主题教育。',
      '《关于印发〈湖南省预算支出绩效评价管理办法〉的通知》（湘财绩〔2020〕7号）',
      'Xi’an is a city.',
      '第1.2节，图1.主要指标。',
      '①）项目一；②）项目二。',
      '１）贯彻执行；２）负责。',
    ];
    for (const text of clean) expect(ids(text), text).toEqual([]);
  });

  it('flags half-width marks next to figures and labels in Chinese sentences', () => {
    expect(ids('完成率达到95%,较上年提高。')).toEqual(['halfWidth:,']);
    expect(ids('时间:2020年12月,地点:街道会议室;参会人员:全体干部')).toEqual([
      'halfWidth::',
      'halfWidth:,',
      'halfWidth::',
      'halfWidth:;',
      'halfWidth::',
    ]);
    expect(ids('注:本表单位为万元.')).toEqual(['halfWidth::', 'halfWidth:.']);
    expect(ids('这是什么?那是什么!')).toEqual(['halfWidth:?', 'halfWidth:!']);
  });

  it('reports half-width brackets and quotes around Chinese words as one finding with both marks', () => {
    const found = run('公共服务办公室(加挂行政审批服务办公室)、公共安全办公室。');
    expect(found).toHaveLength(1);
    expect(found[0]!.report.spans.map((s) => s.start)).toEqual([7, 19]);
    expect(found[0]!.report.data).toEqual({ mark: '()', suggestion: '（）' });
    expect(ids('开展"两学一做"学习教育')).toEqual(['halfWidth:"']);
    expect(ids('采用PPP(Public Private Partnership)模式')).toEqual([]);
  });

  it('reports straight quotes mixed with curly ones', () => {
    expect(ids('坚持“四种形态"。')).toEqual(['mixedQuotes:"']);
    expect(ids('坚持"四种形态”。')).toEqual(['mixedQuotes:"']);
    expect(ids('采购21"显示器，“四个意识”。')).toEqual([]);
  });

  it('reports the unmatched mark of a pair, per paragraph', () => {
    expect(ids('公共服务办公室（加挂行政审批服务办公室。')).toEqual(['unbalanced:（']);
    expect(ids('详见附件1）。')).toEqual(['unbalanced:）']);
    expect(ids('”四个意识“')).toEqual(['unbalanced:”', 'unbalanced:“']);
    expect(ids('《关于印发绩效管理办法的通知。')).toEqual(['unbalanced:《']);
    // A new paragraph does not close the previous one's bracket.
    expect(ids('（一）基本情况。\n（加挂办公室。\n服务中心）')).toEqual(['unbalanced:（', 'unbalanced:）']);
  });

  it('reports doubled clause marks once per run', () => {
    expect(ids('确保安全无事故。。着力解决，，基本诉求，。')).toEqual([
      'doubled:。。',
      'doubled:，，',
      'doubled:，。',
    ]);
    expect(ids('std::vector')).toEqual([]);
  });

  it('reports in text order', () => {
    const found = run('坚持“四种形态"。党课共8场,基层（加挂');
    const starts = found.map((f) => f.report.spans[0]!.start);
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
  });

  it('reports a document-number year closed by the wrong bracket once, and pairs 〔〕 otherwise', () => {
    expect(ids('（青财农〔2022)41号）')).toEqual(['mismatched:〔2022)']);
    expect(ids('（青财农(2022〕41号）')).toEqual(['mismatched:(2022〕']);
    expect(ids('（湘财绩〔2020〕7号）')).toEqual([]);
    expect(ids('湘财绩〔2020号文。')).toEqual(['unbalanced:〔']);
  });

  it('reports doubled signs and ASCII marks doubled between Chinese, not breadcrumbs or code', () => {
    expect(ids('满意度≥≥95%，执行率96%%，基本生活,,集中供养')).toEqual([
      'doubledSign:≥≥',
      'doubledSign:%%',
      'doubled:,,',
    ]);
    expect(ids('首页 >> 政务公开 >> 财政资金\nf(a,,b)')).toEqual([]);
  });
});
