import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flattenSections, parseChineseNumeral, parseSections, titleKey } from './sections.ts';
import type { Section } from './types.ts';

const yuehu = readFileSync(new URL('../../../shared/samples/yuehu-2020.txt', import.meta.url), 'utf8');
const putuo = readFileSync(
  new URL('../../../shared/samples/more/shanghai-putuo-final-accounts.txt', import.meta.url),
  'utf8',
);

/** `[level] number title` lines, children indented: the tree at a glance. */
function outline(sections: readonly Section[], depth = Number.POSITIVE_INFINITY): string[] {
  return flattenSections(sections)
    .filter((s) => s.level <= depth)
    .map((s) => `${'  '.repeat(s.level - 1)}${s.number ?? ''}${s.title}`);
}

function only(text: string): Section {
  const all = flattenSections(parseSections(text));
  expect(all).toHaveLength(1);
  return all[0]!;
}

describe('parseChineseNumeral and titleKey', () => {
  it('reads Chinese numerals', () => {
    expect(['一', '十', '十一', '二十', '二十六', '一百零五', '两'].map(parseChineseNumeral)).toEqual([
      1, 10, 11, 20, 26, 105, 2,
    ]);
    expect(parseChineseNumeral('零')).toBeNull();
  });

  it('compares titles by meaning', () => {
    expect(titleKey('部门、单位基本情况')).toBe(titleKey('部门基本情况'));
    expect(titleKey('部门（单位）基本情况')).toBe(titleKey('单位基本情况'));
    expect(titleKey('2020年度一般公共预算支出情况')).toBe('一般公共预算支出');
    expect(titleKey('其他需要说明的情况')).toBe('其他需要说明');
  });
});

describe('heading styles', () => {
  const cases: [line: string, number: string, ordinal: number, style: string, title: string][] = [
    ['一、部门基本情况', '一、', 1, 'cn-dun', '部门基本情况'],
    ['十一、其他重要事项说明', '十一、', 11, 'cn-dun', '其他重要事项说明'],
    ['（一）基本情况。', '（一）', 1, 'cn-paren', '基本情况'],
    ['(二)人员情况', '(二)', 2, 'cn-paren', '人员情况'],
    ['1．主要职能。', '1．', 1, 'arabic-dot', '主要职能'],
    ['2.机构情况', '2.', 2, 'arabic-dot', '机构情况'],
    ['1、强化基层党建，筑牢发展根基', '1、', 1, 'arabic-dun', '强化基层党建，筑牢发展根基'],
    [
      '（1）狠抓学习教育，强化理论武装。始终把政治理论学习摆在突出位置。',
      '（1）',
      1,
      'arabic-paren',
      '狠抓学习教育，强化理论武装',
    ],
    ['(3)强化监督执纪审查', '(3)', 3, 'arabic-paren', '强化监督执纪审查'],
    ['1）项目资金到位情况', '1）', 1, 'arabic-half-paren', '项目资金到位情况'],
    ['③资金使用合规性', '③', 3, 'circled', '资金使用合规性'],
    ['第一部分 部门概况', '第一部分', 1, 'cn-part', '部门概况'],
    ['第二章 绩效目标完成情况', '第二章', 2, 'cn-chapter', '绩效目标完成情况'],
    ['4.其他：', '4.', 4, 'arabic-dot', '其他'],
  ];
  it.each(cases)('%s', (line, number, ordinal, style, title) => {
    const text = `\n  ${line}\n`;
    const s = only(text);
    expect(s).toMatchObject({ number, ordinal, style, title, level: 1 });
    expect(text.slice(s.start, s.headingEnd).startsWith(number)).toBe(true);
    expect(s.end).toBe(text.length);
  });

  it('splits an inline title from the body on the same line', () => {
    const text = '3．人员情况。2020年本单位年末实有人数57人，其中在职在编人员44人。';
    const s = only(text);
    expect(s.title).toBe('人员情况');
    expect(text.slice(s.start, s.headingEnd)).toBe('3．人员情况。');
  });

  it('does not read decimals, years or sentences as numbers', () => {
    const text = '2020年街道一般公共预算支出4546.77万元。\n3.5万元用于办公设备购置。\n一是退休人员增加。\n';
    expect(parseSections(text)).toEqual([]);
  });

  it('takes the title of a bare 第一部分 from the next line', () => {
    const text = '第一部分\n\n上海市普陀区财政局概况\n\n一、主要职能\n负责全区财政工作。\n';
    const [part] = parseSections(text);
    expect(part).toMatchObject({ number: '第一部分', title: '上海市普陀区财政局概况', level: 1 });
    expect(part!.children.map((c) => c.title)).toEqual(['主要职能']);
    expect(text.slice(part!.start, part!.headingEnd)).toBe('第一部分\n\n上海市普陀区财政局概况');
  });
});

describe('lists are not headings', () => {
  it('drops a duty list 1）…； even when a few items read like titles', () => {
    const text = [
      '1．主要职能。',
      '1）贯彻执行国家法律、法规、规章和市、区人民政府的决定、命令、指示，完成市、区人民政府部署的各项任务；',
      '2）负责居民区、街巷的环境卫生和绿化美化的管理工作，组织辖区单位和居民开展爱国卫生运动；',
      '3）负责本辖区村的拆迁和安置工作。',
      '4）配合市、区环境保护部门监督环境污染项目的治理；',
      '5）承办区政府交办的其他事项。',
      '2．机构情况',
    ].join('\n');
    expect(outline(parseSections(text))).toEqual(['1．主要职能', '2．机构情况']);
  });

  it('drops a label：content list under a heading of the same family', () => {
    const text = [
      '2．机构情况',
      '1.设置5个党政机构：党政综合办公室、基层党建办公室、城市管理办公室、公共服务办公室、公共安全办公室。',
      '2.设置1个执法机构：综合行政执法队。',
      '3.设置 2个街道所属事业单位：街道政务服务中心、街道网格化综合服务中心。',
      '4.其他：',
      '3．人员情况。2020年本单位年末实有人数57人。',
    ].join('\n');
    expect(outline(parseSections(text))).toEqual(['2．机构情况', '3．人员情况']);
  });

  it('drops PDF-wrapped list items and glossary entries', () => {
    const text = [
      '一、主要职能',
      '（一）贯彻执行国家和本市有关财政工作的法律、法规、规章和方针、政策；研',
      '究拟订本区财政发展战略、规划、政策和改革方案并组织实施。',
      '（二）逐步建立全面规范透明、标准科学、约束有力的预算制度，健全包括一般',
      '公共预算、政府性基金预算、国有资本经营预算在内的政府预算管理体系。',
      '（三）完成区委、区政府交办的其他任务。',
      '二、名词解释',
      '1.财政拨款收入：指单位本年度从本级财政部门取得的财政拨款。',
      '2.事业收入：指事业单位开展专业业务活动及辅助活动所取得的收入。',
    ].join('\n');
    expect(outline(parseSections(text))).toEqual(['一、主要职能', '二、名词解释']);
  });
});

describe('the 月湖街道 2020 sample', () => {
  const tree = parseSections(yuehu);

  it('keeps the document title out and puts the main sections at level 1', () => {
    expect(tree.map((s) => `${s.number ?? ''}${s.title}`)).toEqual([
      '部门、单位基本情况',
      '一般公共预算支出情况',
      '三、部门整体支出绩效情况',
      '四、存在的主要问题及下一步改进措施',
    ]);
    expect(tree.every((s) => s.level === 1)).toBe(true);
    expect(yuehu.slice(0, tree[0]!.start)).toContain('月湖街道整体支出绩效自评报告');
  });

  it('has the expected outline', () => {
    expect(outline(tree)).toEqual([
      '部门、单位基本情况',
      '  （一）基本情况',
      '    1．主要职能',
      '    2．机构情况',
      '    3．人员情况',
      '  （二）当年取得的主要事业成效',
      '    1、强化基层党建，筑牢发展根基',
      '      （1）狠抓学习教育，强化理论武装',
      '      （2）狠抓党内管理，强化作风纪律',
      '      （3）狠抓队伍建设，强化组织力量',
      '    2.化履职担当，践行初心使命',
      '      （1）铆足干劲，狠抓产业项目攻坚',
      '      （2）牢记宗旨，办好民生改善实事',
      '      （3）防范风险，维护社会大局稳定',
      '  （三）强化廉政建设，营造良好氛围',
      '    （1）强化“两个责任”落实',
      '    （2）深化廉洁文化宣传教育',
      '    （3）强化监督执纪审查',
      '一般公共预算支出情况',
      '  （一）基本支出情况',
      '  项目支出情况',
      '三、部门整体支出绩效情况',
      '  （一）绩效目标设置情况',
      '  （二）绩效目标完成情况',
      '四、存在的主要问题及下一步改进措施',
    ]);
  });

  it('records levels, styles and offsets into the original text', () => {
    for (const s of flattenSections(tree)) {
      const heading = yuehu.slice(s.start, s.headingEnd);
      if (s.number) expect(heading.startsWith(s.number)).toBe(true);
      expect(heading).toContain(s.title);
      for (const child of s.children) expect(child.level).toBe(s.level + 1);
    }
    const mixed = tree[0]!.children[1]!.children;
    expect(mixed.map((s) => [s.number, s.style, s.ordinal, s.level])).toEqual([
      ['1、', 'arabic-dun', 1, 3],
      ['2.', 'arabic-dot', 2, 3],
    ]);
    const last = tree.at(-1)!;
    expect(last.end).toBe(yuehu.length);
    expect(tree[2]!.end).toBe(last.start);
  });
});

describe('unnumbered headings', () => {
  it('accepts short heading-like lines and rejects short body and table lines', () => {
    const text = [
      '某单位2020年度整体支出绩效自评报告',
      '部门、单位基本情况',
      '本单位为正科级行政单位，主要负责辖区社会管理和公共服务工作，内设机构5个。',
      '街道财政所。',
      '街道劳动社会保障和最低生活保障管理服务站。',
      '项目支出情况',
      '全年项目支出2775.71万元。',
    ].join('\n');
    expect(outline(parseSections(text))).toEqual(['部门、单位基本情况', '项目支出情况']);
  });

  it('makes an unnumbered heading the parent of a run that starts at （一）', () => {
    const text = '一般公共预算支出情况\n\n全年支出4546.77万元。\n（一）基本支出情况\n基本支出1771.06万元。\n';
    const [gpb] = parseSections(text);
    expect(gpb).toMatchObject({ title: '一般公共预算支出情况', level: 1, number: null, style: 'none' });
    expect(gpb!.children.map((c) => c.title)).toEqual(['基本支出情况']);
  });

  it('does not take table cells or wrapped PDF lines for headings', () => {
    const text = [
      '收入支出决算总表',
      '单位：万元',
      '项目',
      '决算数',
      '一、一般公共预算财政拨款收入',
      '2,940.05',
      '一、一般公共服务支出',
      '二、外交支出',
      '2,106.66',
      '本年收入合计',
      '第三部分上海市普陀区财政局2024年度部门决算情况',
      '说明',
      '一、收入支出决算总体情况说明',
      '上海市普陀区财政局2024年度收入支出总计2995.39万元。与2023年度相比，收入',
      '支出总计减少56.95万元，下降1.87%。',
    ].join('\n');
    expect(outline(parseSections(text))).toEqual([
      '第三部分上海市普陀区财政局2024年度部门决算情况',
      '  一、收入支出决算总体情况说明',
    ]);
  });
});

describe('the 普陀区财政局 2024 final accounts (PDF text)', () => {
  const tree = parseSections(putuo);

  it('reads the table of contents as one node and the parts as level 1', () => {
    expect(outline(tree, 1)).toEqual([
      '目 录',
      '第一部分上海市普陀区财政局概况',
      '第二部分上海市普陀区财政局2024年度部门决算表',
      '第三部分上海市普陀区财政局2024年度部门决算情况',
      '第四部分名词解释',
    ]);
    expect(tree[0]!.children).toEqual([]);
  });

  it('keeps table rows, duty lists and glossary entries out of the tree', () => {
    expect(tree[1]!.children.map((s) => s.title)).toEqual(['主要职能', '部门决算单位构成']);
    expect(tree[2]!.children).toEqual([]);
    expect(tree[3]!.children.map((s) => s.number)).toEqual([
      '一、',
      '二、',
      '三、',
      '四、',
      '五、',
      '六、',
      '七、',
      '八、',
      '九、',
      '十、',
      '十一、',
    ]);
    expect(tree[4]!.children).toEqual([]);
  });
});

describe('a report in another layout', () => {
  // 第一部分 / 一、 / （一） / 1. / （1）, a table of contents, CRLF line ends, full-width spaces.
  const text = [
    '××省××厅2021年度部门整体支出绩效自评报告',
    '目录',
    '第一部分　部门概况',
    '第二部分　绩效自评情况',
    '第一部分　部门概况',
    '一、部门职能',
    '主要负责全省××事业的规划、管理和监督工作。',
    '二、机构和人员',
    '（一）机构设置',
    '内设处室12个，直属事业单位3个。',
    '（二）人员情况',
    '1.编制情况',
    '行政编制80名，事业编制120名。',
    '2.实有人数',
    '（1）在职人员。年末在职人员186人。',
    '（2）离退休人员。年末离退休人员64人。',
    '第二部分　绩效自评情况',
    '一、绩效目标完成情况',
    '全年预算执行率98.6%，各项绩效目标基本完成。',
    '二、存在的问题及改进措施',
    '（一）存在的问题',
    '部分项目支出进度偏慢。',
    '（二）改进措施',
    '加强预算执行监控。',
  ].join('\r\n');
  const tree = parseSections(text);

  it('nests 第一部分 → 一、 → （一） → 1. → （1）', () => {
    expect(outline(tree)).toEqual([
      '目录',
      '第一部分部门概况',
      '  一、部门职能',
      '  二、机构和人员',
      '    （一）机构设置',
      '    （二）人员情况',
      '      1.编制情况',
      '      2.实有人数',
      '        （1）在职人员',
      '        （2）离退休人员',
      '第二部分绩效自评情况',
      '  一、绩效目标完成情况',
      '  二、存在的问题及改进措施',
      '    （一）存在的问题',
      '    （二）改进措施',
    ]);
    const deepest = flattenSections(tree).find((s) => s.title === '离退休人员')!;
    expect(deepest).toMatchObject({ level: 5, style: 'arabic-paren', ordinal: 2 });
  });

  it('keeps titles as written and ends sections at the next sibling', () => {
    const [, part1, part2] = tree;
    expect(text.slice(part1!.start, part1!.headingEnd)).toBe('第一部分　部门概况');
    expect(part1!.end).toBe(part2!.start);
    expect(part2!.end).toBe(text.length);
  });

  it('closes 一、 back over minor styles when a number is dropped', () => {
    const dropped =
      '部门基本情况\n（一）部门职能\n负责全省××工作。\n二、一般公共预算支出情况\n全年支出100万元。\n';
    expect(outline(parseSections(dropped))).toEqual([
      '部门基本情况',
      '  （一）部门职能',
      '二、一般公共预算支出情况',
    ]);
  });
});

describe('invariants', () => {
  const fragments = [
    '一、',
    '（一）',
    '(二)',
    '1.',
    '1．',
    '2、',
    '（1）',
    '1）',
    '①',
    '第一部分',
    '目录',
    '基本情况',
    '项目支出情况',
    '。',
    '；',
    '：',
    '2,940.05',
    '全年支出4546.77万元，',
    '\n',
    '\r\n',
    '\f',
    '　',
    ' ',
  ];
  const reportish = fc
    .array(fc.oneof(fc.constantFrom(...fragments), fc.string({ unit: 'binary', maxLength: 8 })), {
      maxLength: 80,
    })
    .map((parts) => parts.join(''));

  function checkTree(text: string, nodes: readonly Section[], parent: Section | null, level: number): void {
    let previousEnd = parent ? parent.headingEnd : 0;
    for (const s of nodes) {
      expect(s.level).toBe(level);
      expect(0 <= s.start && s.start <= s.headingEnd && s.headingEnd <= s.end && s.end <= text.length).toBe(
        true,
      );
      expect(s.start).toBeGreaterThanOrEqual(previousEnd);
      if (parent) expect(s.end).toBeLessThanOrEqual(parent.end);
      if (s.number !== null) expect(text.slice(s.start, s.start + s.number.length)).toBe(s.number);
      previousEnd = s.end;
      checkTree(text, s.children, s, level + 1);
    }
  }

  it('never throws; spans are ordered and nested', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: 'binary' }), reportish), (text) => {
        checkTree(text, parseSections(text), null, 1);
      }),
      { numRuns: 500 },
    );
  });

  it('holds on the samples', () => {
    checkTree(yuehu, parseSections(yuehu), null, 1);
    checkTree(putuo, parseSections(putuo), null, 1);
  });
});
