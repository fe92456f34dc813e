import { describe, expect, it } from 'vitest';
import { cleanText, endsSentence, mapRadicals, startsLikeHeading } from './pdf-text.ts';

describe('mapRadicals', () => {
  it('maps the CJK Radicals Supplement characters Chromium emits back to ideographs', () => {
    expect(mapRadicals('部⻔预算⻚⻓⻋⻢⻅⻛⻩⻝⻜')).toBe('部门预算页长车马见风黄食飞');
  });

  it('maps Kangxi radicals through NFKC, and only them', () => {
    expect(mapRadicals('⼀是⼋项，⽐上年')).toBe('一是八项，比上年');
    // NFKC on the whole string would also fold these full-width forms; they must stay.
    expect(mapRadicals('（一）１２３，⼀')).toBe('（一）１２３，一');
  });

  it('returns text without radicals unchanged', () => {
    const text = '2020年预算支出4546.77万元。';
    expect(mapRadicals(text)).toBe(text);
  });
});

describe('cleanText', () => {
  it.each([
    ['drops spaces between Chinese characters (justification)', '部 门 整 体 支 出', '部门整体支出'],
    ['drops CJK–Latin auto-spacing', '2020 年支出 1771.06 万元', '2020年支出1771.06万元'],
    ['keeps one space between Latin words', 'Budget   performance  report', 'Budget performance report'],
    ['joins a decimal broken by a space', '支出4546. 77万元', '支出4546.77万元'],
    ['joins a number split before its decimal point', '合计 1771 .06', '合计1771.06'],
    ['keeps a list marker before a number', '1. 2020年完成', '1. 2020年完成'],
    ['removes invisible characters', '预\u200b算\u00ad', '预算'],
    ['trims', '  （一）基本情况　', '（一）基本情况'],
  ])('%s', (_name, input, expected) => {
    expect(cleanText(input)).toBe(expected);
  });
});

describe('endsSentence', () => {
  it.each(['完成。', '任务；', '如下：', '达到了“优秀”。”', '是否完成？'])('%s ends a sentence', (text) => {
    expect(endsSentence(text)).toBe(true);
  });

  // An ASCII full stop at a line end is as likely a number wrapped after its decimal point.
  it.each(['全面完成，', '各项', '支出1771.'])('%s does not', (text) => {
    expect(endsSentence(text)).toBe(false);
  });
});

describe('startsLikeHeading', () => {
  it.each([
    '一、总体情况',
    '（二）绩效目标',
    '(3)项目',
    '1.主要职能',
    '1、机构',
    '2）负责',
    '①人员',
    '第三章 附则',
    '附件1',
  ])('%s', (text) => {
    expect(startsLikeHeading(text)).toBe(true);
  });

  it.each(['2020年街道', '4546.77万元', '3.5万元的', '街道财政所。'])('%s is not a heading', (text) => {
    expect(startsLikeHeading(text)).toBe(false);
  });
});
