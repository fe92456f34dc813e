import { describe, expect, it } from 'vitest';
import rule, { isCreditCode, isResidentId, luhnValid } from './privacy.ts';
import { quotesOf, readSample, runRule } from './testing.ts';

const run = (text: string) => runRule(rule, text);
const ids = (text: string) => quotesOf(rule, text);

// GB 11643's own example number and a Luhn-valid test card: not anybody's data.
const ID = '11010519491231002X';
const CARD = '6222020200112233446';

describe('privacy', () => {
  it('finds nothing in the sample', () => {
    expect(run(readSample())).toEqual([]);
  });

  it('validates resident IDs: province, real past date, checksum', () => {
    expect(isResidentId(ID)).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false); // checksum
    expect(isResidentId('990105194912310027')).toBe(false); // no such province
    expect(isResidentId('110105194902300025')).toBe(false); // 30 February
    expect(isResidentId(ID, new Date('1949-12-30'))).toBe(false); // born in the future
  });

  it('never puts the full number into data or the message', () => {
    const [finding] = run(`身份证号${ID}。`);
    expect(finding!.messageId).toBe('idNumber');
    expect(finding!.report.data).toEqual({ kind: '居民身份证号', masked: '110105********002X' });
    expect(JSON.stringify(finding!.report)).not.toContain(ID);
    const [phone] = run('手机13800138000');
    expect(phone!.report.data).toEqual({ kind: '手机号码', masked: '138****8000' });
    expect(JSON.stringify(phone!.report)).not.toContain('13800138000');
  });

  it('finds IDs written with full-width digits, spans in the original text', () => {
    expect(ids('身份证号：１１０１０５１９４９１２３１００２Ｘ')).toEqual([
      'idNumber:１１０１０５１９４９１２３１００２Ｘ',
    ]);
  });

  it('reports a 15-digit legacy ID only under an ID label', () => {
    expect(ids('身份证号：110105491231002，')).toEqual(['legacyId:110105491231002']);
    expect(ids('注册号110105491231002')).toEqual([]);
    expect(ids('合计110105491231002')).toEqual([]);
  });

  it('finds mobile numbers with +86 and 3-4-4 grouping', () => {
    expect(ids('电话：+86 138-0013-8000；13800138000。')).toEqual([
      'mobile:+86 138-0013-8000',
      'mobile:13800138000',
    ]);
  });

  it('does not take figures, masks or longer numbers for mobile numbers', () => {
    const clean = [
      '支出13512345678元',
      '收入13512345678.50',
      '¥13512345678',
      '达到13512345678%',
      '138****5678',
      '编号2013800138000123',
      '订单号：13800138000',
      '12012345678', // 120 is not a mobile prefix
      '合计15000000000',
      'No.13800138000A',
      '联络电话：0731-8690022',
    ];
    for (const text of clean) expect(ids(text), text).toEqual([]);
  });

  it('finds bank cards (Luhn) bare or in groups of four, not IDs or credit codes', () => {
    expect(luhnValid(CARD)).toBe(true);
    expect(ids(`卡号${CARD}`)).toEqual([`bankCard:${CARD}`]);
    expect(ids('卡号：6222 0202 0011 2233 446。')).toEqual(['bankCard:6222 0202 0011 2233 446']);
    expect(ids('卡号6222020200112233445')).toEqual([]); // fails Luhn
    expect(ids('账号1222020200112233446')).toEqual([]); // first digit 1
    expect(ids(`项目编号${CARD}`)).toEqual([]);
    expect(isCreditCode('91350100M000100Y43')).toBe(true);
    expect(ids('统一社会信用代码91350100M000100Y43')).toEqual([]);
  });

  it('reports each number once, in text order', () => {
    expect(ids(`张某，${ID}，13800138000，卡号${CARD}`)).toEqual([
      `idNumber:${ID}`,
      'mobile:13800138000',
      `bankCard:${CARD}`,
    ]);
  });
});
