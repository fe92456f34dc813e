import { type CrossContext, type CrossCorpus, defineCrossRule } from '../types.ts';
import { boilerplateTest, clusterMembers, paragraphSpan } from './clusters.ts';

const A =
  '为进一步加强财政资金管理，本单位严格执行预算管理制度，将绩效理念贯穿预算编制、执行和监督全过程，取得了明显成效。';

export default defineCrossRule({
  id: 'duplicate-passage-across',
  category: 'wording',
  severity: 'warning',
  title: '不同单位报告中的相同段落',
  description:
    '同一地区同一年度的报告中，不同单位的报告含有相同或几乎相同的段落（逐段 MinHash 签名，经 LSH 分桶找出候选，不做两两比较），常见于互相抄袭或套用他人报告。“职能职责”“机构设置”等照录三定方案的章节不比较。批内报告较多时，出现在大部分报告中的段落视为通用表述（如财政部门下发的模板句式），不报告。',
  options: { similarity: 0.8, boilerplateShare: 0.2, boilerplateMinReports: 20, boilerplateSimilarity: 0.5 },
  optionDescriptions: {
    similarity: '两段视为相同的最低相似度（5 字片段集合的 Jaccard 相似度估计）',
    boilerplateShare: '出现在超过这一比例的报告中的段落视为通用表述',
    boilerplateMinReports: '批内报告不少于这一数量时才判断通用表述（报告太少时无从判断）',
    boilerplateSimilarity:
      '判断通用表述时，段落归为同一写法的相似度（较低：只改了年份或“本局/本院”的句子算同一写法）',
  },
  messages: {
    shared: '此段与另外 {others} 个单位报告中的段落相同或几乎相同（如 {example}）',
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
    const boilerplate = boilerplateTest(corpus, options);
    for (const paragraphs of clusterMembers(corpus.clusters(options.similarity)).values()) {
      if (boilerplate(paragraphs[0]!)) continue;
      for (const group of byRegionYear(corpus, paragraphs).values()) reportGroup(context, group);
    }
  },
});

/** Reports of one unit count once; a report whose unit is unknown is its own unit. */
function unitKey(records: readonly { unit: string | null; file: string }[], record: number): string {
  const r = records[record]!;
  return r.unit ?? `\u0000${r.file}`;
}

/** A cluster's paragraphs by the region and year of their reports: copying is looked for within a region's year. */
function byRegionYear(corpus: CrossCorpus, paragraphs: number[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (const p of paragraphs) {
    const r = corpus.records[corpus.paragraphRecord[p]!]!;
    const key = `${r.region ?? ''}\u0000${r.year ?? ''}`;
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  return groups;
}

function reportGroup(context: CrossContext<object>, paragraphs: number[]): void {
  const { corpus } = context;
  const unitOf = (p: number) => unitKey(corpus.records, corpus.paragraphRecord[p]!);
  const units = new Set(paragraphs.map(unitOf));
  if (units.size < 2) return;
  for (const p of paragraphs) {
    const own = unitOf(p);
    const seen = new Set<string>([own]);
    const others = paragraphs.filter((q) => !seen.has(unitOf(q)) && seen.add(unitOf(q)) !== undefined);
    context.report({
      messageId: 'shared',
      data: { others: units.size - 1, example: corpus.records[corpus.paragraphRecord[others[0]!]!]!.file },
      spans: [paragraphSpan(corpus, p), ...others.slice(0, 5).map((q) => paragraphSpan(corpus, q))],
    });
  }
}
