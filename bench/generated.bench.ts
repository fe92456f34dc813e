/**
 * The planted-defect corpus at the acceptance size: `jixiao generate` writes 1,000 reports (seed 2026,
 * defect rate 0.3) as TXT, DOCX, HTML and PDF; every file is read back with jixiao's ingest, its planted
 * defects are located in the decoded text (from the generator's own plain text, regenerated from the
 * seed, so a reader change is measured, not the manifest of an older reader) and the review's findings
 * are matched to them. Recall and precision per rule per format go into BENCHMARKS.md below the marker,
 * between this bench's own comment lines. `npm run bench -- --filter generated`.
 *
 * JIXIAO_GENERATED_DIR reuses a corpus already written there with the same options (1,000 PDFs take
 * LibreOffice a quarter of an hour on two cores); JIXIAO_GENERATED_COUNT sets another size. PDF is
 * skipped, with the install command, when LibreOffice is missing. XLSX is not scored: the 自评表 holds
 * the model's figures, not the report's sentences, where the defects are planted.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GenerateFormat } from '../src/cli/commands/generate.ts';
import { type Manifest, runGenerate } from '../src/cli/commands/generate-run.ts';
import { type CorpusEntry, generateCorpus } from '../src/generate/corpus.ts';
import { scoreCross } from '../src/generate/cross-score.ts';
import { locateDefects } from '../src/generate/locate.ts';
import { type RuleScore, ratios, reviewSpans, Scoreboard } from '../src/generate/score.ts';
import { loadBytes } from '../src/ingest/load.ts';
import { recordOfText } from '../src/review/cross/examples.ts';
import { crossRules, reviewAcross } from '../src/review/cross/index.ts';
import { INSTALL_HINT, missingForSoffice } from '../test/soffice.ts';
import { loadBench, markdownTable, ROOT } from './harness.ts';

const COUNT = Number(process.env.JIXIAO_GENERATED_COUNT ?? 1000);
const SEED = 2026;
const RATE = 0.3;
/** The arithmetic and consistency rules, held to 0.95 in every format. */
const CORE_RULES = [
  'sum-mismatch',
  'figure-inconsistent',
  'percent-inconsistent',
  'count-mismatch',
  'plan-actual-gap',
];
const SECTION_START = '<!-- generated-corpus: bench/generated.bench.ts -->';
const SECTION_END = '<!-- /generated-corpus -->';

interface FormatRun {
  format: GenerateFormat;
  files: number;
  bytes: number;
  unlocated: number;
  /** Reading and reviewing every file of the format. */
  seconds: number;
  scores: RuleScore[];
}

function wantedFormats(): GenerateFormat[] {
  const missing = missingForSoffice();
  if (missing === null) return ['txt', 'docx', 'html', 'pdf'];
  process.stderr.write(`generated.bench: 跳过 PDF，缺少 ${missing}；安装：${INSTALL_HINT}\n`);
  return ['txt', 'docx', 'html'];
}

/** A corpus with these options in `dir` already, or null. */
function reusable(dir: string, formats: GenerateFormat[]): Manifest | null {
  const path = join(dir, 'manifest.json');
  if (!existsSync(path)) return null;
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  const g = manifest.generator;
  const same = g.seed === SEED && g.count === COUNT && g.defectRate === RATE;
  return same && formats.every((f) => g.formats.includes(f)) ? manifest : null;
}

async function corpus(
  formats: GenerateFormat[],
): Promise<{ dir: string; manifest: Manifest; seconds: number | null }> {
  const dir = process.env.JIXIAO_GENERATED_DIR ?? mkdtempSync(join(tmpdir(), 'jixiao-generated-'));
  const existing = reusable(dir, formats);
  if (existing) return { dir, manifest: existing, seconds: null };
  const started = performance.now();
  await runGenerate({
    count: String(COUNT),
    seed: String(SEED),
    formats: formats.join(','),
    out: dir,
    defects: String(RATE),
  });
  const seconds = (performance.now() - started) / 1000;
  return { dir, manifest: JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')), seconds };
}

async function score(dir: string, manifest: Manifest, formats: GenerateFormat[]): Promise<FormatRun[]> {
  // Only what scoring needs of each report: its plain text and planted defects.
  const entries = new Map<string, Pick<CorpusEntry, 'text' | 'defects'>>();
  for (const entry of generateCorpus({ count: COUNT, seed: SEED, defectRate: RATE })) {
    entries.set(entry.id, { text: entry.text, defects: entry.defects });
  }
  const runs: FormatRun[] = [];
  for (const format of formats) {
    const board = new Scoreboard();
    const run: FormatRun = { format, files: 0, bytes: 0, unlocated: 0, seconds: 0, scores: [] };
    const started = performance.now();
    for (const file of manifest.files.filter((f) => f.format === format)) {
      const entry = entries.get(file.path.replace(/\.[a-z]+$/, ''))!;
      const bytes = readFileSync(join(dir, file.path));
      const loaded = await loadBytes(bytes, file.path);
      const { defects, unlocated } = locateDefects(entry.text, entry.defects, loaded.text);
      board.add(defects, reviewSpans(loaded.text));
      run.files++;
      run.bytes += bytes.length;
      run.unlocated += unlocated.length;
    }
    run.seconds = (performance.now() - started) / 1000;
    run.scores = board.scores();
    runs.push(run);
  }
  return runs;
}

interface CrossRun {
  scores: RuleScore[];
  /** The cross pass alone (records built beforehand). */
  seconds: number;
}

/** The cross-report rules over the corpus's TXT texts, scored against the planted CrossMarks. */
export function scoreCrossRules(): CrossRun {
  const files: { file: string; cross: CorpusEntry['cross'] }[] = [];
  const texts: string[] = [];
  const records = [];
  for (const entry of generateCorpus({ count: COUNT, seed: SEED, defectRate: RATE })) {
    const file = `${entry.id}.txt`;
    files.push({ file, cross: entry.cross });
    texts.push(entry.text);
    records.push(recordOfText(file, entry.text));
  }
  const started = performance.now();
  const { findings } = reviewAcross(records, { quote: (i, start, end) => texts[i]!.slice(start, end) });
  const seconds = (performance.now() - started) / 1000;
  return {
    scores: scoreCross(
      files,
      findings,
      crossRules.map((r) => r.id),
    ),
    seconds,
  };
}

/** Exported for a run of the cross part alone (it needs no LibreOffice and takes a minute). */
export function crossSection(run: CrossRun): string {
  const table = markdownTable(
    ['跨报告规则 / cross rule', '植入 / planted', '发现 / findings', '召回 / recall', '精确 / precision'],
    run.scores.map((s) => {
      const { recall, precision } = ratios(s);
      return [
        `\`${s.rule}\``,
        String(s.planted),
        String(s.findings),
        recall.toFixed(3),
        precision.toFixed(3),
      ];
    }),
  );
  return `### 跨报告规则 / Cross-report rules

同一语料的 TXT 文本，每份报告经 extract → 模型 → CrossRecord，再对全部 ${COUNT} 份运行跨报告规则（用时 ${run.seconds.toFixed(1)} s，不含逐份读取）。
植入的跨报告缺陷见 manifest 的 \`cross\`：同一地区同年几个单位报告中的同一段（duplicate-passage-across）、沿用上年“主要事业成效”原文
（year-over-year）、人均人员经费约为本地区其他单位 3 倍的单位（outlier）。命中：规则与文件相同，且发现的第一个片段与植入片段重叠
（outlier 的植入不带片段，该文件的任一 outlier 发现即命中）；未命中任何植入的发现都算误报（src/generate/cross-score.ts）。
/ A finding hits a mark when rule and file match and its own span overlaps the mark's (outlier marks have no span: any
outlier finding in the file hits); every finding that hits nothing counts against precision. Floors:
test/generated-floors.json \`cross\`, checked by test/generated-cross.test.ts.

${table}

误报从何而来 / where the false positives come from: 生成器的叙述句库有限（每个主题要点约五句、每类单位四个成效要点），同一地区
同类单位偶尔抽到同样的几句、数字又相近，规则把它们当作相同段落报告——真实报告中这就是可疑的雷同，但不在植入清单里；同一单位
相邻两年抽到同样的问题与措施（year-over-year）同理。/ The generator's sentence pools are small, so units of a kind in
one region sometimes draw the same sentences, and a unit sometimes draws the same problems and measures two years running.`;
}

function cell(score: RuleScore | undefined): string {
  if (!score) return '—';
  const { recall, precision } = ratios(score);
  return `${recall.toFixed(3)} / ${precision.toFixed(3)}`;
}

function section(runs: readonly FormatRun[], generateSeconds: number | null, cross: CrossRun): string {
  const rules = [...new Set(runs.flatMap((r) => r.scores.map((s) => s.rule)))].sort(
    (a, b) => Number(!CORE_RULES.includes(a)) - Number(!CORE_RULES.includes(b)) || a.localeCompare(b),
  );
  const byFormat = runs.map((r) => new Map(r.scores.map((s) => [s.rule, s])));
  const rows = rules.map((rule) => {
    const planted = byFormat.map((m) => String(m.get(rule)?.planted ?? 0));
    const counts = new Set(planted).size === 1 ? planted[0]! : planted.join(' / ');
    return [
      CORE_RULES.includes(rule) ? `**\`${rule}\`**` : `\`${rule}\``,
      counts,
      ...byFormat.map((m) => cell(m.get(rule))),
    ];
  });
  const table = markdownTable(
    ['规则 / rule', '植入 / planted', ...runs.map((r) => `${r.format.toUpperCase()} 召回 / 精确`)],
    rows,
  );
  const formats = markdownTable(
    [
      '格式 / format',
      '文件 / files',
      '平均大小 / mean size',
      '未能定位 / unlocated',
      '读取+审查 / read+review',
    ],
    runs.map((r) => [
      r.format.toUpperCase(),
      String(r.files),
      `${(r.bytes / r.files / 1000).toFixed(1)} KB`,
      String(r.unlocated),
      `${r.seconds.toFixed(1)} s（${((r.seconds * 1000) / r.files).toFixed(1)} ms/份）`,
    ]),
  );
  const made =
    generateSeconds === null
      ? '语料取自 JIXIAO_GENERATED_DIR 中已生成的同参数语料 / corpus reused from JIXIAO_GENERATED_DIR'
      : `生成用时 / generation time（全部格式 / all formats）: ${generateSeconds.toFixed(0)} s`;
  return `${SECTION_START}
## 植入缺陷语料 / Planted-defect corpus

由 \`npm run bench -- --filter generated\`（bench/generated.bench.ts）写入。\`jixiao generate --count ${COUNT} --seed ${SEED} --defects ${RATE}\`
生成的报告逐一用 jixiao 读取、定位植入的缺陷并审查；发现与植入缺陷规则相同且位置重叠即为命中，其余发现（任何规则）都算误报。
粗体为算术与一致性规则（目标：各格式召回率、精确率均 ≥ 0.95）。/ Each generated report is read back with jixiao's ingest,
its planted defects located in the decoded text, and reviewed; a finding hits when its rule matches and its span overlaps,
every other finding counts against precision. Bold: the arithmetic and consistency rules (target ≥ 0.95 in every format).

- 日期 / date: ${new Date().toISOString().slice(0, 10)}
- ${made}

${table}

${formats}

${crossSection(cross)}
${SECTION_END}`;
}

/** Replaces this bench's section below the marker of BENCHMARKS.md, or appends it there. */
export function writeSection(text: string): void {
  const path = join(ROOT, 'BENCHMARKS.md');
  const current = readFileSync(path, 'utf8');
  const start = current.indexOf(SECTION_START);
  const end = current.indexOf(SECTION_END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${text}${current.slice(end + SECTION_END.length)}`
      : `${current.trimEnd()}\n\n${text}\n`;
  writeFileSync(path, next);
}

loadBench({
  name: 'generated corpus: recall and precision per rule per format',
  note: `jixiao generate ${COUNT} 份报告（TXT、DOCX、HTML、PDF），逐一读取、定位植入缺陷并审查；结果写入 BENCHMARKS.md“植入缺陷语料”一节`,
  run: async () => {
    const formats = wantedFormats();
    const { dir, manifest, seconds } = await corpus(formats);
    const runs = await score(dir, manifest, formats);
    const text = section(runs, seconds, scoreCrossRules());
    writeSection(text);
    process.stdout.write(`${text}\n`);
    return [];
  },
});
