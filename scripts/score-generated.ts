/**
 * Recall and precision per rule of `jixiao check` over a corpus made by `jixiao generate`:
 *   npx tsx scripts/score-generated.ts DIR [--json] [--details]
 * Every file in DIR/manifest.json is read with jixiao's ingest and reviewed with the default rules; the
 * findings are matched to the planted defects (same rule, overlapping spans). --details lists each miss
 * and each false positive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Manifest } from '../src/cli/commands/generate-run.ts';
import { reviewSpans, Scoreboard, scoreTable } from '../src/generate/score.ts';
import { loadDocument } from '../src/ingest/load.ts';

const args = process.argv.slice(2);
const dir = args.find((a) => !a.startsWith('--'));
if (!dir) {
  process.stderr.write('用法：npx tsx scripts/score-generated.ts 目录 [--json] [--details]\n');
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
const board = new Scoreboard();
const byFormat = new Map<string, Scoreboard>();
const started = performance.now();
for (const file of manifest.files) {
  const loaded = await loadDocument(join(dir, file.path));
  const findings = reviewSpans(loaded.text);
  const { missed, extra } = board.add(file.defects, findings);
  if (!byFormat.has(file.format)) byFormat.set(file.format, new Scoreboard());
  byFormat.get(file.format)!.add(file.defects, findings);
  if (args.includes('--details')) {
    for (const m of missed) {
      process.stdout.write(
        `漏报 ${file.path} ${m.rule} ${JSON.stringify(loaded.text.slice(m.start, m.end))}\n`,
      );
    }
    for (const x of extra) {
      const quote = x.spans.map((s) => loaded.text.slice(s.start, s.end)).join(' / ');
      process.stdout.write(`误报 ${file.path} ${x.rule} ${JSON.stringify(quote)} ${x.message ?? ''}\n`);
    }
  }
}
const seconds = (performance.now() - started) / 1000;
const unlocated = manifest.files.reduce((n, f) => n + f.unlocated.length, 0);
if (args.includes('--json')) {
  process.stdout.write(
    `${JSON.stringify({ files: manifest.files.length, unlocated, seconds, rules: board.scores(), formats: Object.fromEntries([...byFormat].map(([f, b]) => [f, b.scores()])) }, null, 1)}\n`,
  );
} else {
  process.stdout.write(
    `${manifest.files.length} 个文件（${[...byFormat.keys()].join('、')}），未能定位的植入缺陷 ${unlocated} 处，审查用时 ${seconds.toFixed(1)} 秒\n\n${scoreTable(board.scores())}\n`,
  );
}
