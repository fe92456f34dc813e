import { type CrossContext, type CrossCorpus, defineCrossRule } from '../types.ts';
import {
  type BoilerplateOptions,
  boilerplateTest,
  clusterMembers,
  paragraphLength,
  paragraphSpan,
  recordIds,
} from './clusters.ts';

interface Options extends BoilerplateOptions {
  similarity: number;
  minLength: number;
  maxQuoted: number;
}

const SHORT = '严格落实中央八项规定精神，坚持厉行节约、反对浪费，从严控制一般性支出。';
const title = (unit: string) => `2020年度开福区${unit}部门整体支出绩效自评报告`;
const A =
  '为进一步加强财政资金管理，本单位严格执行预算管理制度，将绩效理念贯穿预算编制、执行和监督全过程，取得了明显成效。';

export default defineCrossRule<Options>({
  id: 'duplicate-passage-across',
  category: 'wording',
  severity: 'warning',
  title: '不同单位报告中的相同段落',
  description:
    '同一地区同一年度的报告中，不同单位的报告含有相同或几乎相同的段落（逐段 MinHash 签名，经 LSH 分桶找出候选，不做两两比较），常见于互相抄袭或套用他人报告。每份报告就同一段只报告一次，注明另有几个单位的报告含有此段，并引用其中几处。“职能职责”“机构设置”等照录三定方案的章节不比较；短于一定字数的段落（如“严格落实中央八项规定精神”一类套话）不报告；同一地区同一年度中超过一定比例的单位都有的段落视为通用表述（如财政部门下发的模板句式），也不报告。',
  options: {
    similarity: 0.9,
    minLength: 50,
    maxQuoted: 3,
    boilerplateShare: 0.4,
    boilerplateMinUnits: 10,
    boilerplateSimilarity: 0.75,
  },
  optionDescriptions: {
    similarity: '两段视为相同的最低相似度（5 字片段集合的 Jaccard 相似度估计）',
    minLength: '短于这一字数的段落不报告（常见的政策套话多为一两句短句）',
    maxQuoted: '每处发现最多引用其他单位报告中的这么多段',
    boilerplateShare: '同一地区同一年度中，超过这一比例的单位都有的段落视为通用表述，不报告',
    boilerplateMinUnits: '同一地区同一年度的单位不少于这一数量时才判断通用表述（单位太少时无从判断）',
    boilerplateSimilarity:
      '判断通用表述时，段落归为同一写法的相似度（略低于 similarity：改了一两个字或多打了几个字的模板句仍算同一写法）',
  },
  messages: {
    shared: '此段与本地区同年另外 {others} 个单位报告中的段落相同或几乎相同（如 {example}）',
  },
  examples: {
    valid: [
      {
        name: '同一单位不同年度的相同段落由 year-over-year 检查',
        reports: [
          { file: 'a-2020.txt', text: `2020年度开福区教育局部门整体支出绩效自评报告\n${A}\n` },
          { file: 'a-2021.txt', text: `2021年度开福区教育局部门整体支出绩效自评报告\n${A}\n` },
        ],
      },
      {
        name: '短句套话不报告',
        reports: [
          { file: 'a.txt', text: `${title('教育局')}\n${SHORT}\n` },
          { file: 'b.txt', text: `${title('民政局')}\n${SHORT}\n` },
        ],
      },
      {
        name: '本地区大多数单位都有的段落是通用表述',
        options: { boilerplateMinUnits: 3 },
        reports: ['教育局', '民政局', '水利局'].map((unit, i) => ({
          file: `${i}.txt`,
          text: `${title(unit)}\n${A}\n`,
        })),
      },
    ],
    invalid: [
      {
        name: '两个单位的报告有同一段',
        reports: [
          { file: 'a.txt', text: `2020年度开福区教育局部门整体支出绩效自评报告\n${A}\n` },
          { file: 'b.txt', text: `2020年度开福区民政局部门整体支出绩效自评报告\n一、基本情况\n${A}\n` },
        ],
        expect: [
          { file: 'a.txt', messageId: 'shared', quote: A },
          { file: 'b.txt', messageId: 'shared', quote: A },
        ],
      },
    ],
  },
  check(context) {
    const { corpus, options } = context;
    if (corpus.paragraphRecord.length === 0) {
      context.skip('没有可比较的段落');
      return;
    }
    const roots = corpus.clusters(options.similarity);
    const members = clusterMembers(roots);
    const boilerplate = boilerplateTest(corpus, options);
    for (const paragraphs of members.values()) {
      const long = paragraphs.filter((p) => paragraphLength(corpus, p) >= options.minLength);
      for (const group of byRegionYear(corpus, long).values()) {
        if (!boilerplate(group[0]!)) reportGroup(context, group);
      }
    }
  },
});

/** A cluster's paragraphs by the region and year of their reports. */
function byRegionYear(corpus: CrossCorpus, paragraphs: number[]): Map<number, number[]> {
  const { group } = recordIds(corpus);
  const groups = new Map<number, number[]>();
  for (const p of paragraphs) {
    const key = group[corpus.paragraphRecord[p]!]!;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return groups;
}

/**
 * One finding per report of the group (its first paragraph in the cluster), naming how many other units
 * share the passage and quoting at most `maxQuoted` of them: a passage in n reports is n findings, not n².
 */
function reportGroup(context: CrossContext<Options>, paragraphs: number[]): void {
  const { corpus, options } = context;
  const { unit: units } = recordIds(corpus);
  const unitOf = (p: number) => units[corpus.paragraphRecord[p]!]!;
  if (new Set(paragraphs.map(unitOf)).size < 2) return;
  const reported = new Set<number>();
  for (const p of paragraphs) {
    const record = corpus.paragraphRecord[p]!;
    if (reported.has(record)) continue;
    // Other units whose paragraph is itself close to this one (not merely chained to it through the cluster).
    const own = unitOf(p);
    const others = new Map<number, number>();
    for (const q of paragraphs) {
      const unit = unitOf(q);
      if (unit !== own && !others.has(unit) && corpus.similarity(p, q) >= options.similarity)
        others.set(unit, q);
    }
    if (others.size === 0) continue;
    reported.add(record);
    const quoted = [...others.values()].slice(0, options.maxQuoted);
    context.report({
      messageId: 'shared',
      data: { others: others.size, example: corpus.records[corpus.paragraphRecord[quoted[0]!]!]!.file },
      spans: [paragraphSpan(corpus, p), ...quoted.map((q) => paragraphSpan(corpus, q))],
    });
  }
}
