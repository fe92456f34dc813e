/**
 * Generalisation corpus: reports written in the styles of other provinces, units and years (test/corpus/).
 * Asserts only behaviour that is already right and matters: key figures (value, unit, label), sum relations,
 * the expected findings on a deliberately defective report and the absence of false ones on tricky text.
 * Known problems are listed as todos at the end, not asserted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Extraction, Fact } from '../src/extract/index.ts';
import { createReviewDocument } from '../src/review/document.ts';
import { review } from '../src/review/engine.ts';
import type { Finding } from '../src/review/rule.ts';

function load(name: string) {
  const text = readFileSync(new URL(`./corpus/${name}`, import.meta.url), 'utf8');
  const doc = createReviewDocument(text);
  const result = review(doc);
  return { text, x: doc.extraction, findings: result.findings };
}

/** The n-th fact (0-based) whose quoted text is exactly `quote`. */
function fact(x: Extraction, quote: string, n = 0): Fact {
  const found = x.facts.filter((f) => f.text === quote)[n];
  if (!found) throw new Error(`no fact «${quote}» #${n}`);
  return found;
}

/** value, unit and label of a fact, for compact assertions. */
const vul = (f: Fact) => [f.value, f.unit, f.label];

function sums(x: Extraction): string[] {
  return x.relations.map(
    (r) =>
      `${x.facts[r.total]!.text}=${r.parts.map((p) => x.facts[p]!.text).join('+')}:${r.holds ? 'ok' : 'bad'}`,
  );
}

const ofRule = (findings: Finding[], rule: string) => findings.filter((f) => f.rule === rule);
const quotes = (f: Finding) => f.spans.map((s) => s.text);

function expectExactSpans(text: string, x: Extraction) {
  for (const f of x.facts) expect(text.slice(f.start, f.end), `${f.text}@${f.start}`).toBe(f.text);
}

describe('(a) 浙江县级部门整体支出自评（收支、其中：、三公比上年、编制）', () => {
  const { text, x, findings } = load('a-zhejiang-county-bureau.txt');

  it('reads income and expenditure with their 其中 items', () => {
    expectExactSpans(text, x);
    expect(vul(fact(x, '2,987.35万元'))).toEqual([2987.35, '万元', '一般公共预算财政拨款收入']);
    expect(vul(fact(x, '150.00万元'))).toEqual([150, '万元', '政府性基金预算财政拨款收入']);
    expect(vul(fact(x, '119.13万元'))).toEqual([119.13, '万元', '其他收入']);
    expect(vul(fact(x, '1,842.17万元'))).toEqual([1842.17, '万元', '基本支出']);
    expect(vul(fact(x, '1,356.45万元'))).toEqual([1356.45, '万元', '项目支出']);
    expect(vul(fact(x, '1,605.33万元'))).toEqual([1605.33, '万元', '人员经费']);
    expect(vul(fact(x, '236.84万元'))).toEqual([236.84, '万元', '公用经费']);
    expect(fact(x, '3,256.48万元').period).toBe('2022年度');
  });

  it('reads 三公经费 and its year-on-year changes', () => {
    expect(vul(fact(x, '12.36万元'))).toEqual([12.36, '万元', '“三公”经费支出']);
    expect(vul(fact(x, '2.15万元'))).toEqual([2.15, '万元', '公务接待费']);
    expect(vul(fact(x, '10.21万元'))).toEqual([10.21, '万元', '公务用车运行维护费']);
    expect(fact(x, '3.52万元').change).toBe('decrease');
    expect([fact(x, '22.2%').value, fact(x, '22.2%').change]).toEqual([22.2, 'decrease']);
    expect([fact(x, '7.0%').value, fact(x, '7.0%').change]).toEqual([7, 'increase']);
  });

  it('reads staffing, budget execution and output figures', () => {
    expect(vul(fact(x, '14名'))).toEqual([14, '名', '核定行政编制']);
    expect(vul(fact(x, '71人'))).toEqual([71, '人', '年末实有人员']);
    const plan = fact(x, '3,412.60万元');
    const actual = fact(x, '3,198.62万元', 1);
    expect([plan.value, plan.basis, actual.value, actual.basis]).toEqual([3412.6, 'plan', 3198.62, 'actual']);
    expect(vul(fact(x, '93.73%'))).toEqual([93.73, '%', '预算执行率']);
    expect(vul(fact(x, '126场'))).toEqual([126, '场', '送戏下乡演出']);
    expect(vul(fact(x, '52.36亿元'))).toEqual([52.36, '亿元', '旅游总收入']);
    expect(vul(fact(x, '96.2%'))).toEqual([96.2, '%', '群众满意度']);
  });

  it('finds the income and expenditure sums, which hold', () => {
    expect(sums(x)).toEqual(
      expect.arrayContaining([
        '3,256.48万元=2,987.35万元+150.00万元+119.13万元:ok',
        '3,198.62万元=1,842.17万元+1,356.45万元:ok',
      ]),
    );
  });

  it('raises no arithmetic or consistency finding on correct figures', () => {
    for (const rule of ['sum-mismatch', 'percent-inconsistent', 'figure-inconsistent', 'plan-actual-gap'])
      expect(ofRule(findings, rule), rule).toEqual([]);
  });
});

describe('(b) 项目支出自评（年初/全年预算数、指标值、自评得分）', () => {
  const { text, x, findings } = load('b-project-self-eval.txt');

  it('reads the funding figures with plan/actual basis', () => {
    expectExactSpans(text, x);
    expect([...vul(fact(x, '800.00万元')), fact(x, '800.00万元').basis]).toEqual([
      800,
      '万元',
      '项目年初预算数',
      'plan',
    ]);
    expect([fact(x, '960.00万元').value, fact(x, '960.00万元').basis]).toEqual([960, 'plan']);
    expect([...vul(fact(x, '912.48万元')), fact(x, '912.48万元').basis]).toEqual([
      912.48,
      '万元',
      '执行数',
      'actual',
    ]);
    expect(vul(fact(x, '95.05%'))).toEqual([95.05, '%', '预算执行率']);
    expect(vul(fact(x, '160.00万元'))).toEqual([160, '万元', '县级配套资金']);
  });

  it('reads indicator targets with their comparators', () => {
    const target = (q: string) => [
      fact(x, q).value,
      fact(x, q).unit,
      fact(x, q).comparator,
      fact(x, q).label,
    ];
    expect(target('1.2万亩')).toEqual([1.2, '万亩', '≥', '高标准农田面积目标值']);
    expect(target('500人次')).toEqual([500, '人次', '≥', '农民技术培训']);
    expect(target('95%')).toEqual([95, '%', '≥', '工程验收合格率']);
    expect(target('800元')).toEqual([800, '元', '≤', '亩均建设成本']);
    expect(target('3000户')).toEqual([3000, '户', '≥', '受益农户']);
    expect(target('90%')).toEqual([90, '%', '≥', '受益群众满意度']);
    expect([fact(x, '1.25万亩').value, fact(x, '620人次').value, fact(x, '3268户').value]).toEqual([
      1.25, 620, 3268,
    ]);
  });

  it('reads the self-score and takes no figure from the document number', () => {
    const score = fact(x, '92.5分');
    expect([score.value, score.unit]).toEqual([92.5, '分']);
    expect(score.label).toContain('自评得分');
    const doc = text.indexOf('粤财农〔2022〕58号');
    expect(x.facts.filter((f) => f.start < doc + 12 && f.end > doc)).toEqual([]);
  });

  it('does not question a correct execution rate', () => {
    expect(ofRule(findings, 'percent-inconsistent')).toEqual([]);
    expect(ofRule(findings, 'sum-mismatch')).toEqual([]);
  });
});

describe('(c) 学校自评（制表符预算表、| 分隔评分表）', () => {
  const { text, x, findings } = load('c-school-tables.txt');

  it('reads the budget table with row·column labels, declared unit and basis', () => {
    expectExactSpans(text, x);
    const cell = (q: string) => {
      const f = fact(x, q);
      return [f.value, f.unit, f.label, f.unitSource, f.basis];
    };
    expect(cell('1,250.00')).toEqual([1250, '万元', '基本支出·年初预算', 'table', 'plan']);
    expect(cell('1,312.40')).toEqual([1312.4, '万元', '基本支出·调整预算', 'table', 'plan']);
    expect(cell('1,298.76')).toEqual([1298.76, '万元', '基本支出·决算数', 'table', 'actual']);
    expect(cell('1,120.35')).toEqual([1120.35, '万元', '人员经费·决算数', 'table', 'actual']);
    expect(cell('1,750.94')).toEqual([1750.94, '万元', '合计·决算数', 'table', 'actual']);
    expect(vul(fact(x, '98.96%'))).toEqual([98.96, '%', '基本支出·执行率']);
  });

  it('checks the table rates against 调整预算 and finds them right', () => {
    expect(ofRule(findings, 'percent-inconsistent')).toEqual([]);
  });

  it('reads the | score sheet rows', () => {
    expect(vul(fact(x, '9'))).toEqual([9, '分', '预算编制·得分']);
    expect(vul(fact(x, '24'))).toEqual([24, '分', '社会效益与满意度·得分']);
  });

  it('reads pupils and their breakdown', () => {
    expect(vul(fact(x, '1,856人'))).toEqual([1856, '人', '在校学生']);
    expect(sums(x)).toContain('1,856人=1,102人+754人:ok');
    expect(vul(fact(x, '2.1个百分点'))).toEqual([2.1, '个百分点', '较上年提高']);
    expect(ofRule(findings, 'count-mismatch')).toEqual([]);
  });
});

describe('(d) 网页转贴（半角标点、全角数字）', () => {
  const { text, x, findings } = load('d-web-copy-ascii.txt');

  it('reads full-width digits with exact spans', () => {
    expectExactSpans(text, x);
    expect(vul(fact(x, '６５名'))).toEqual([65, '名', '核定编制']);
    expect(vul(fact(x, '６１人'))).toEqual([61, '人', '年末实有人数']);
    expect(vul(fact(x, '８,６５２.３８万元'))).toEqual([8652.38, '万元', '部门收入']);
    expect(vul(fact(x, '８,４１０.２０万元'))).toEqual([8410.2, '万元', '财政拨款收入']);
    expect(vul(fact(x, '１,９８６.４５万元'))).toEqual([1986.45, '万元', '基本支出']);
    expect(vul(fact(x, '６,５２１.４６万元'))).toEqual([6521.46, '万元', '项目支出']);
    expect(vul(fact(x, '１５.６２万元'))).toEqual([15.62, '万元', '"三公"经费支出']);
    expect([fact(x, '１２.５％').value, fact(x, '１２.５％').change]).toEqual([12.5, 'decrease']);
    expect(vul(fact(x, '１,２８６万平方米'))).toEqual([1286, '万平方米', '清扫保洁道路面积']);
    expect(vul(fact(x, '１３２宗'))).toEqual([132, '宗', '查处违法建设案件']);
    expect(vul(fact(x, '９９.２％'))).toEqual([99.2, '%', '按时办结率']);
  });

  it('finds the sums after ASCII colons and commas', () => {
    expect(sums(x)).toEqual(
      expect.arrayContaining([
        '８,６５２.３８万元=８,４１０.２０万元+２４２.１８万元:ok',
        '８,５０７.９１万元=１,９８６.４５万元+６,５２１.４６万元:ok',
      ]),
    );
  });

  it('takes nothing from the page chrome (date, time, view count, 【打印本页】)', () => {
    const body = text.indexOf('一、部门概况');
    expect(x.facts.filter((f) => f.start < body)).toEqual([]);
    expect(ofRule(findings, 'placeholder')).toEqual([]);
    expect(ofRule(findings, 'sum-mismatch')).toEqual([]);
  });

  it('reports the half-width punctuation as warnings, the commas used throughout as one finding', () => {
    const marks = ofRule(findings, 'punctuation');
    expect(marks.every((f) => f.severity === 'warning')).toBe(true);
    const commas = marks.filter((f) => f.messageId === 'halfWidthMany');
    expect(commas).toHaveLength(1);
    expect(commas[0]!.spans.length).toBeGreaterThan(10);
    expect(commas[0]!.spans.every((s) => s.text === ',')).toBe(true);
    expect(marks.length).toBeLessThan(25);
  });
});

describe('(e) 有意设置缺陷的报告', () => {
  const { x, findings } = load('e-defects.txt');

  it('flags the expenditure total that does not add up', () => {
    const found = ofRule(findings, 'sum-mismatch');
    expect(found.map(quotes)).toEqual([['2,456.80万元', '1,523.40万元', '943.10万元']]);
    expect(found[0]!.severity).toBe('error');
    expect(sums(x)).toContain('1,523.40万元=1,302.15万元+221.25万元:ok');
  });

  it('flags the staff count whose parts exceed it', () => {
    expect(ofRule(findings, 'count-mismatch').map(quotes)).toEqual([['45人', '36人', '11人']]);
  });

  it('flags the execution rate that contradicts its figures', () => {
    const found = ofRule(findings, 'percent-inconsistent');
    expect(found.map(quotes)).toEqual([['96.5%', '736.50万元', '800.00万元']]);
    expect(found[0]!.message).toContain('92.06%');
  });

  it('flags the placeholders, typos and the mobile number', () => {
    expect(ofRule(findings, 'placeholder').map((f) => f.spans[0]!.text)).toEqual([
      'XX',
      'XX',
      '20XX年X月X日',
    ]);
    expect(
      ofRule(findings, 'typo')
        .map((f) => f.spans[0]!.text)
        .sort(),
    ).toEqual(['建立建全', '截止', '拔付'].sort());
    const phone = ofRule(findings, 'privacy');
    expect(phone.map((f) => [f.messageId, f.spans[0]!.text])).toEqual([['mobile', '13907314862']]);
  });

  it('reports 项目支出 943.10万元 against its outturn 736.50万元', () => {
    expect(ofRule(findings, 'figure-inconsistent').map(quotes)).toEqual([['736.50万元', '943.10万元']]);
  });
});

describe('(f) 正确但易误报的文字', () => {
  const { text, x, findings } = load('f-tricky-clean.txt');

  it('raises no error and nothing beyond the outline check', () => {
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.filter((f) => f.rule !== 'missing-section')).toEqual([]);
  });

  it('takes no quantity from dates, document numbers, ranks, codes, hotlines or slogans', () => {
    const tricky = [
      '湘财绩〔2020〕7号',
      '2021年4月6日',
      '5号楼',
      '十四五',
      '两个维护',
      '三重一大',
      '一把手',
      '1-11月',
      '第3名',
      '12345热线',
      'GB/T 9704-2012',
    ];
    for (const phrase of tricky) {
      for (let at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
        const hit = x.facts.filter((f) => f.start < at + phrase.length && f.end > at);
        expect(hit, phrase).toEqual([]);
      }
    }
  });

  it('reads the real figures, with the 1-11月 period where it is stated', () => {
    expectExactSpans(text, x);
    expect(vul(fact(x, '48人'))).toEqual([48, '人', '年末实有人数']);
    expect([...vul(fact(x, '1,862.40万元')), fact(x, '1,862.40万元').period]).toEqual([
      1862.4,
      '万元',
      '一般公共预算支出',
      '2020年',
    ]);
    expect(vul(fact(x, '8.42万元'))).toEqual([8.42, '万元', '“三公”经费支出']);
    expect([fact(x, '3.5%').value, fact(x, '3.5%').change]).toEqual([3.5, 'decrease']);
    expect([fact(x, '91.8%').label, fact(x, '91.8%').period]).toEqual(['空气质量优良天数比例', '1-11月']);
    expect([fact(x, '1,236件').value, fact(x, '1,236件').unit]).toEqual([1236, '件']);
    expect(vul(fact(x, '98.02%'))).toEqual([98.02, '%', '预算执行率']);
    expect(sums(x)).toEqual(
      expect.arrayContaining(['1,862.40万元=1,126.80万元+735.60万元:ok', '48人=40人+8人:ok']),
    );
  });
});

describe('no false alarms on correct reports', () => {
  const errorsOf = (name: string) =>
    load(name)
      .findings.filter((f) => f.severity === 'error')
      .map((f) => `${f.rule}: ${f.spans[0]!.text}`);

  it.each([
    'a-zhejiang-county-bureau.txt',
    'b-project-self-eval.txt',
    'c-school-tables.txt',
    'd-web-copy-ascii.txt',
    'f-tricky-clean.txt',
  ])('%s has no error-severity finding', (name) => {
    expect(errorsOf(name)).toEqual([]);
  });

  it('checks the 部门整体 outline only on 部门整体 reports', () => {
    const skipped = (name: string) => !load(name).findings.some((f) => f.rule === 'missing-section');
    expect(skipped('b-project-self-eval.txt')).toBe(true);
    expect(skipped('e-defects.txt')).toBe(false);
  });

  it('reads a 其中： list of 三公经费 whose items carry year-on-year changes', () => {
    const { x } = load('a-zhejiang-county-bureau.txt');
    expect(sums(x).some((r) => r.startsWith('12.36万元='))).toBe(true);
  });

  it('keeps blank table cells in place and a corner-cell unit for the whole table', () => {
    const { x } = load('c-school-tables.txt');
    expect(vul(fact(x, '100'))).toEqual([100, '分', '合计·分值']);
    expect(vul(fact(x, '94'))).toEqual([94, '分', '合计·得分']);
    expect(vul(fact(x, '1,798.70'))).toEqual([1798.7, '万元', '合计·调整预算']);
  });

  it('does not read 三项经费 as a count, and ends 1-11月 at 全年', () => {
    const { x } = load('f-tricky-clean.txt');
    expect(x.facts.some((f) => f.text.startsWith('三项'))).toBe(false);
  });
});
