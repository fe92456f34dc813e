import crossData from '../../../../data/cross/figures.json' with { type: 'json' };
import type { CrossContext, CrossRecord } from '../types.ts';
import { defineCrossRule } from '../types.ts';

interface Options {
  minGroup: number;
  minFactor: number;
  maxDeviation: number;
}

const unitText = (name: string, personnel: string, staff: number) =>
  `2020年度开福区${name}部门整体支出绩效自评报告\n2020年本单位年末实有人数${staff}人。\n2020年基本支出500.00万元，其中人员经费${personnel}，公用经费50.00万元。\n`;
const REGION: [string, string, number][] = [
  ['教育局', '200.00万元', 20],
  ['民政局', '180.00万元', 18],
  ['财政局', '210.00万元', 20],
  ['水利局', '190.00万元', 19],
];

export default defineCrossRule<Options>({
  id: 'outlier',
  category: 'arithmetic',
  severity: 'info',
  title: '与本地区其他单位差异过大的比率',
  description:
    '按地区和年度分组，比较各单位的人均人员经费、人均公用经费等比率（data/cross/figures.json）：与本组中位数相差数倍、且远超本组的离散程度（以中位数绝对偏差计）的单位列出，请核对数字或说明原因。地区取自单位名称中的第一级行政区划（如“开福区教育局”属开福区）。',
  options: { minGroup: 5, minFactor: 2, maxDeviation: 4 },
  optionDescriptions: {
    minGroup: '一组（同一地区、同一年度）至少有这么多单位才比较',
    minFactor: '与本组中位数至少相差的倍数',
    maxDeviation: '与本组中位数的距离至少为中位数绝对偏差的这么多倍（按对数计）',
  },
  messages: {
    outlier: '{metric}{value}万元/人，为{region}{year}年{count}个单位中位数（{median}万元/人）的{factor}倍',
  },
  examples: {
    valid: [
      {
        name: '比率相近',
        reports: REGION.concat([['卫健局', '205.00万元', 21]]).map(([name, personnel, staff], i) => ({
          file: `${i}.txt`,
          text: unitText(name, personnel, staff),
        })),
      },
    ],
    invalid: [
      {
        name: '人均人员经费约为他单位的三倍',
        reports: REGION.concat([['卫健局', '600.00万元', 20]]).map(([name, personnel, staff], i) => ({
          file: `${i}.txt`,
          text: unitText(name, personnel, staff),
        })),
        expect: [{ file: '4.txt', messageId: 'outlier', quote: '600.00万元' }],
      },
    ],
  },
  check(context) {
    const groups = groupByRegionYear(context.corpus.records);
    let compared = 0;
    for (const [key, members] of groups) {
      if (members.length < context.options.minGroup) continue;
      for (const metric of crossData.metrics) {
        compared += checkMetric(context, metric, key, members);
      }
    }
    if (compared === 0) context.skip(`没有单位数不少于 ${context.options.minGroup} 的地区年度分组`);
  },
});

type Metric = (typeof crossData.metrics)[number];

function groupByRegionYear(records: readonly CrossRecord[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  records.forEach((r, i) => {
    if (r.region === null || r.year === null) return;
    const key = `${r.region}\u0000${r.year}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  });
  return groups;
}

/** A record's ratio: the numerator over the first denominator the report states. */
function ratioOf(record: CrossRecord, metric: Metric): number | null {
  const numerator = record.figures[metric.numerator];
  const denominator = metric.denominators.map((id) => record.figures[id]).find((f) => f && f.value > 0);
  if (!numerator || !denominator || numerator.value <= 0) return null;
  return numerator.value / denominator.value;
}

function median(sorted: readonly number[]): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Compares one metric within one group on a log scale (ratios are skewed); returns the units compared. */
function checkMetric(context: CrossContext<Options>, metric: Metric, key: string, members: number[]): number {
  const { records } = context.corpus;
  const values = members.flatMap((i) => {
    const ratio = ratioOf(records[i]!, metric);
    return ratio === null ? [] : [{ record: i, ratio, log: Math.log(ratio) }];
  });
  if (values.length < context.options.minGroup) return 0;
  const center = median(values.map((v) => v.log).sort((a, b) => a - b));
  const spread = median(values.map((v) => Math.abs(v.log - center)).sort((a, b) => a - b));
  const [region, year] = key.split('\u0000');
  for (const v of values) {
    const distance = Math.abs(v.log - center);
    if (distance < Math.log(context.options.minFactor)) continue;
    if (spread > 0 && distance < context.options.maxDeviation * spread) continue;
    const place = records[v.record]!.figures[metric.numerator]!;
    const factor = Math.exp(v.log - center);
    context.report({
      messageId: 'outlier',
      data: {
        metric: metric.title,
        value: (v.ratio / 1_000_000).toFixed(2),
        region: region!,
        year: year!,
        count: values.length,
        median: (Math.exp(center) / 1_000_000).toFixed(2),
        factor: factor >= 1 ? factor.toFixed(1) : factor.toFixed(2),
      },
      spans: [{ record: v.record, start: place.start, end: place.end }],
    });
  }
  return values.length;
}
