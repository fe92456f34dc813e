import { describe, expect, it } from 'vitest';
import missingSection, { type MissingSectionOptions } from './missing-section.ts';
import { messageOf, readSample, runRule, skipReasonOf } from './testing.ts';

const yuehu = readSample();

/** The rule's reports, each with the outline key it names and its message as the engine fills it. */
const run = (text: string, options?: Partial<MissingSectionOptions>) =>
  runRule(missingSection, text, options).map((f) => ({
    ...f,
    key: f.report.details?.key,
    message: messageOf(missingSection, f),
  }));

const keys = (text: string, options?: Partial<MissingSectionOptions>) => run(text, options).map((f) => f.key);

describe('missing-section on the 月湖街道 sample', () => {
  const findings = run(yuehu);

  it('reports the sections the Hunan outline asks for and the report lacks', () => {
    expect(findings.map((f) => [f.key, f.quote])).toEqual([
      ['gov_fund', '一般公共预算支出情况'],
      ['soe_capital', '一般公共预算支出情况'],
      ['social_insurance', '一般公共预算支出情况'],
      ['use_disclosure', '四、存在的主要问题及下一步改进措施'],
      ['other', '四、存在的主要问题及下一步改进措施'],
    ]);
  });

  it('accepts the sections the report has under other titles', () => {
    const reported = new Set(findings.map((f) => f.key));
    for (const key of ['basic', 'gpb', 'basic_exp', 'project_exp', 'performance', 'problems', 'measures']) {
      expect(reported.has(key)).toBe(false);
    }
  });

  it('writes a complete Chinese message', () => {
    expect(findings[0]!.message).toBe(
      '未找到「政府性基金预算支出情况」部分（湖南省部门整体支出绩效自评报告提纲（2020—2022年度）要求）；' +
        '按提纲顺序，应在「一般公共预算支出情况」之后。',
    );
    for (const f of findings) expect(f.message).not.toMatch(/\{\w+\}/);
    expect(findings[0]!.report.details).toMatchObject({
      template: 'hunan-dept-overall-2020',
      clause: '提纲三',
    });
  });
});

describe('matching by meaning', () => {
  const base = [
    '某局2020年度部门整体支出绩效自评报告',
    '一、部门（单位）基本情况',
    '（一）职能职责',
    '（二）机构设置情况',
    '（三）人员编制情况',
    '二、2020年度一般公共预算支出情况',
    '（一）基本支出',
    '（二）专项支出情况',
    '三、政府性基金、国有资本经营、社会保险基金预算支出情况',
    '本部门均无此类支出。',
    '四、整体支出绩效情况',
    '五、存在的主要问题及下一步改进措施',
    '六、自评结果应用和公开情况',
    '七、其他需说明的情况',
  ];

  it('accepts synonyms, 部门/单位 variants, a year prefix and combined headings', () => {
    expect(keys(base.join('\n'))).toEqual([]);
  });

  it('counts a stated absence in the body as the section', () => {
    const text = base
      .filter((l) => !l.startsWith('三、') && l !== '本部门均无此类支出。')
      .join('\n')
      .replace(
        '（二）专项支出情况',
        '（二）专项支出情况\n本部门无政府性基金预算支出，无国有资本经营预算支出，无社会保险基金预算支出。',
      );
    expect(keys(text)).toEqual([]);
  });

  it('does not take a sentence that merely contains the words for the section', () => {
    const text = base
      .filter((l) => !l.startsWith('七、'))
      .join('\n')
      .replace('（一）职能职责', '（一）职能职责\n负责辖区社会管理，承办区政府交办的其他事项。');
    expect(keys(text)).toEqual(['other']);
  });

  it('points a missing child at its preceding sibling, or at the parent heading', () => {
    const noStaff = run(base.filter((l) => l !== '（三）人员编制情况').join('\n'));
    expect(noStaff.map((f) => [f.messageId, f.key, f.quote])).toEqual([
      ['missingChild', 'staff', '（二）机构设置情况'],
    ]);
    const noDuties = run(base.filter((l) => l !== '（一）职能职责').join('\n'));
    expect(noDuties.map((f) => f.quote)).toEqual(['一、部门（单位）基本情况']);
    expect(keys(base.filter((l) => l !== '（三）人员编制情况').join('\n'), { checkChildren: false })).toEqual(
      [],
    );
  });

  it('points a missing first section at the report title', () => {
    const text = base.filter((_line, i) => i < 1 || i > 4).join('\n');
    expect(run(text).map((f) => [f.key, f.quote])).toEqual([
      ['basic', '某局2020年度部门整体支出绩效自评报告'],
    ]);
  });
});

describe('options and skips', () => {
  it('skips an unknown template and a text without headings', () => {
    expect(skipReasonOf(missingSection, yuehu, { template: 'no-such-outline' })).toMatch(/未知的提纲模板/);
    expect(skipReasonOf(missingSection, '全年支出4546.77万元。', { matchTitle: false })).toMatch(
      /未识别到章节标题/,
    );
    expect(skipReasonOf(missingSection, '', { matchTitle: false })).toMatch(/未识别到章节标题/);
  });

  it('does not hold a project report or a 部门决算 to the department outline', () => {
    const project = '某项目支出绩效自评报告\n一、项目基本情况\n（一）项目概况\n二、绩效目标完成情况\n';
    expect(skipReasonOf(missingSection, project)).toMatch(/未对照该提纲检查/);
    expect(skipReasonOf(missingSection, project, { matchTitle: false })).toBeNull();
    const webCopy = `首页 > 政务公开 > 绩效评价\n${yuehu}`;
    expect(skipReasonOf(missingSection, webCopy)).toBeNull();
  });
});
