/**
 * The development corpus (../shared/corpus, texts in the forms real reports arrive in, with gold) run through
 * the built CLI by ../shared/tools/score-corpus. Fails when a figure drops below its floor in
 * test/corpus-floors.json. Skipped, saying why, when the shared corpus or python3 is not there.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const tool = `${root}../shared/tools/score-corpus`;
const corpus = `${root}../shared/corpus`;
const floors = JSON.parse(readFileSync(new URL('./corpus-floors.json', import.meta.url), 'utf8'));

function missing(): string | null {
  if (!existsSync(tool) || !existsSync(corpus))
    return '../shared/corpus or ../shared/tools/score-corpus not found';
  if (spawnSync('python3', ['--version']).status !== 0) return 'python3 not found (apt-get install python3)';
  if (!existsSync(`${root}dist/cli.mjs`)) return 'dist/cli.mjs not built (npm run build)';
  return null;
}

const why = missing();
if (why) console.warn(`test/dev-corpus.test.ts skipped: ${why}`);

/** "70/71" → 70. */
const found = (ratio: string) => Number(ratio.split('/')[0]);

describe('development corpus', () => {
  it.skipIf(why !== null)(
    `stays at or above its floors${why ? ` (skipped: ${why})` : ''}`,
    () => {
      const out = execFileSync('python3', [tool, corpus, '--json'], {
        cwd: root,
        encoding: 'utf8',
        timeout: 170_000,
      });
      const score = JSON.parse(out);
      expect(score.failed_runs).toBeLessThanOrEqual(floors.failed_runs);
      expect(score.figures_recall).toBeGreaterThanOrEqual(floors.figures_recall);
      expect(score.figures_precision).toBeGreaterThanOrEqual(floors.figures_precision);
      expect(found(score.relations_found)).toBeGreaterThanOrEqual(floors.relations_found);
      expect(score.relations_wrong_holds).toBeLessThanOrEqual(floors.relations_wrong_holds);
      expect(found(score.defects_found)).toBeGreaterThanOrEqual(floors.defects_found);
      expect(score.false_errors).toBeLessThanOrEqual(floors.false_errors);
    },
    180_000,
  );
});
