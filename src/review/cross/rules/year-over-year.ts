import crossData from '../../../../data/cross/figures.json' with { type: 'json' };
import type { CrossContext, CrossCorpus, CrossRecord } from '../types.ts';
import { defineCrossRule } from '../types.ts';
import { boilerplateTest, clusterMembers, paragraphSpan } from './clusters.ts';

const ACHIEVEMENT =
  '全年新增公办学位380个，改扩建中小学校3所，新建学校食堂2个，有效缓解了城区学校大班额问题，群众满意度明显提升。\n全年资助家庭经济困难学生516人次，发放资助资金86.40万元，做到资助对象精准、资金发放及时，未发生一起漏助错助。';
const title = (year: number) => `${year}年度开福区教育局部门整体支出绩效自评报告`;
const spending = (year: number, total: string) =>
  `${year}年一般公共预算支出${total}，其中基本支出100.00万元。`;

export default defineCrossRule({
  id: 'year-over-year',
  category: 'consistency',
  severity: 'warning',
  title: '与上年报告相比',
  description:
    '同一单位相邻两年的报告：今年连续几段与上年报告相同或几乎相同（沿用上年原文只改了年份），或主要支出数字比上年变化过大（请核对是否填错或说明原因）。单位按报告中的单位名称识别，年度按报告所属年度。',
  options: {
    similarity: 0.9,
    minParagraphs: 2,
    maxChange: 1,
    boilerplateShare: 0.4,
    boilerplateMinUnits: 10,
    boilerplateSimilarity: 0.75,
  },
  optionDescriptions: {
    similarity: '两段视为相同的最低相似度（5 字片段集合的 Jaccard 相似度估计）',
    minParagraphs: '连续沿用至少这么多段才报告（单独一句年年相同的套话不算）',
    maxChange: '支出数字与上年相比的最大变化幅度（1 表示增加一倍或减少一半）',
    boilerplateShare: '同一地区同一年度中，超过这一比例的单位都有的段落视为通用表述，不报告',
    boilerplateMinUnits: '同一地区同一年度的单位不少于这一数量时才判断通用表述',
    boilerplateSimilarity:
      '判断通用表述时，段落归为同一写法的相似度（略低于 similarity：改了一两个字或多打了几个字的模板句仍算同一写法）',
  },
  messages: {
    reused: '连续 {count} 段与本单位{previousYear}年报告（{previous}）相同或几乎相同，可能沿用了上年原文',
    changed: '{figure}{value}万元，{previousYear}年报告为{previousValue}万元，变化{change}，请核对或说明原因',
  },
  examples: {
    valid: [
      {
        name: '隔年或不同单位的报告不比较',
        reports: [
          { file: 'a-2020.txt', text: `${title(2020)}\n${ACHIEVEMENT}\n` },
          { file: 'a-2022.txt', text: `${title(2022)}\n${ACHIEVEMENT}\n` },
        ],
      },
    ],
    invalid: [
      {
        name: '沿用上年原文',
        reports: [
          { file: 'a-2020.txt', text: `${title(2020)}\n一、主要工作成效\n${ACHIEVEMENT}\n` },
          { file: 'a-2021.txt', text: `${title(2021)}\n一、主要工作成效\n${ACHIEVEMENT}\n` },
        ],
        expect: [{ file: 'a-2021.txt', messageId: 'reused', quote: ACHIEVEMENT }],
      },
      {
        name: '支出比上年增加数倍',
        reports: [
          { file: 'a-2020.txt', text: `${title(2020)}\n${spending(2020, '300.00万元')}\n` },
          { file: 'a-2021.txt', text: `${title(2021)}\n${spending(2021, '3000.00万元')}\n` },
        ],
        expect: [{ file: 'a-2021.txt', messageId: 'changed', quote: '3000.00万元' }],
      },
    ],
  },
  check(context) {
    const { corpus, options } = context;
    const previous = previousReports(corpus.records);
    if (previous.size === 0) {
      context.skip('没有同一单位相邻两年的报告');
      return;
    }
    const roots = corpus.clusters(options.similarity);
    const members = clusterMembers(roots);
    const boilerplate = boilerplateTest(corpus, options);
    // Current paragraph → the paragraph of last year's report it repeats.
    const reused = new Map<number, number>();
    for (const paragraphs of members.values()) {
      // The cluster's paragraphs by report: last year's are looked up, not searched (clusters reach thousands).
      const byRecord = new Map<number, number[]>();
      for (const p of paragraphs) {
        const r = corpus.paragraphRecord[p]!;
        const list = byRecord.get(r);
        if (list) list.push(p);
        else byRecord.set(r, [p]);
      }
      for (const p of paragraphs) {
        const last = previous.get(corpus.paragraphRecord[p]!);
        if (last === undefined || boilerplate(p)) continue;
        const earlier = byRecord.get(last)?.find((q) => corpus.similarity(p, q) >= options.similarity);
        if (earlier !== undefined) reused.set(p, earlier);
      }
    }
    for (const run of consecutiveRuns(
      [...reused.keys()].sort((a, b) => a - b),
      corpus,
    )) {
      if (run.length < options.minParagraphs) continue;
      const first = paragraphSpan(corpus, run[0]!);
      const lastSpan = paragraphSpan(corpus, run.at(-1)!);
      const earlier = reused.get(run[0]!)!;
      const before = corpus.records[corpus.paragraphRecord[earlier]!]!;
      context.report({
        messageId: 'reused',
        data: { previousYear: before.year!, previous: before.file, count: run.length },
        spans: [{ ...first, end: lastSpan.end }, ...run.map((p) => paragraphSpan(corpus, reused.get(p)!))],
      });
    }
    for (const [record, last] of previous) reportChanges(context, corpus, record, last, options.maxChange);
  },
});

/** Each report whose unit also has a report for the year before → that report's index. */
function previousReports(records: readonly CrossRecord[]): Map<number, number> {
  const byUnitYear = new Map<string, number>();
  records.forEach((r, i) => {
    if (r.unit !== null && r.year !== null) byUnitYear.set(`${r.unit}\u0000${r.year}`, i);
  });
  const out = new Map<number, number>();
  records.forEach((r, i) => {
    if (r.unit === null || r.year === null) return;
    const last = byUnitYear.get(`${r.unit}\u0000${r.year - 1}`);
    if (last !== undefined) out.set(i, last);
  });
  return out;
}

function reportChanges(
  context: CrossContext<object>,
  corpus: CrossCorpus,
  record: number,
  last: number,
  maxChange: number,
): void {
  const now = corpus.records[record]!;
  const before = corpus.records[last]!;
  for (const id of crossData.changes) {
    const a = now.figures[id];
    const b = before.figures[id];
    if (!a || !b || b.value <= 0 || a.value <= 0) continue;
    const ratio = a.value / b.value;
    if (ratio <= 1 + maxChange && ratio >= 1 / (1 + maxChange)) continue;
    const figure = crossData.figures.find((f) => f.id === id)!;
    context.report({
      messageId: 'changed',
      data: {
        figure: figure.title,
        value: wan(a.value),
        previousYear: before.year!,
        previousValue: wan(b.value),
        change: `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(0)}%`,
      },
      spans: [
        { record, start: a.start, end: a.end },
        { record: last, start: b.start, end: b.end },
      ],
    });
  }
}

/** Model amounts are in 分. */
function wan(cents: number): string {
  return (cents / 1_000_000).toFixed(2);
}

/** Paragraph ids that follow each other within one report, grouped into runs. */
function consecutiveRuns(sorted: number[], corpus: CrossCorpus): number[][] {
  const runs: number[][] = [];
  for (const p of sorted) {
    const run = runs.at(-1);
    const follows =
      run && run.at(-1) === p - 1 && corpus.paragraphRecord[p - 1] === corpus.paragraphRecord[p];
    if (follows) run.push(p);
    else runs.push([p]);
  }
  return runs;
}
