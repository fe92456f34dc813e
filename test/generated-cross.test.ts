/**
 * The cross-report rules on the planted-defect corpus: shared passages pasted into several units' reports
 * of a region's year, last year's text reused, units whose 人均人员经费 is far from their region's. Each
 * report as TXT through extract → model → CrossRecord, the cross rules over all of them, recall and
 * precision per rule (src/generate/cross-score.ts) at or above the floors in test/generated-floors.json.
 */
import { describe, expect, it } from 'vitest';
import { generateCorpus } from '../src/generate/corpus.ts';
import { scoreCross } from '../src/generate/cross-score.ts';
import { ratios } from '../src/generate/score.ts';
import { recordOfText } from '../src/review/cross/examples.ts';
import { crossRules, reviewAcross } from '../src/review/cross/index.ts';
import floors from './generated-floors.json' with { type: 'json' };

describe('cross-report rules on the generated corpus', () => {
  it('find the planted shared passages, reused last-year text and outliers at or above the floors', () => {
    const entries = [...generateCorpus(floors.cross.corpus)];
    const records = entries.map((e) => recordOfText(`${e.id}.txt`, e.text));
    const { findings } = reviewAcross(records, {
      quote: (i, start, end) => entries[i]!.text.slice(start, end),
    });
    const scores = scoreCross(
      entries.map((e) => ({ file: `${e.id}.txt`, cross: e.cross })),
      findings,
      crossRules.map((r) => r.id),
    );
    for (const [rule, floor] of Object.entries(floors.cross.rules)) {
      const score = scores.find((s) => s.rule === rule)!;
      expect(score.planted, `${rule} planted`).toBeGreaterThanOrEqual(floors.cross.minPlanted);
      const { recall, precision } = ratios(score);
      expect(recall, `${rule} recall`).toBeGreaterThanOrEqual(floor.recall);
      expect(precision, `${rule} precision`).toBeGreaterThanOrEqual(floor.precision);
    }
  }, 120_000);

  it('reports a shared passage once per report, quoting at most three others', () => {
    const entries = [...generateCorpus({ count: 160, seed: 4, defectRate: 0.5 })];
    const records = entries.map((e) => recordOfText(`${e.id}.txt`, e.text));
    const { findings } = reviewAcross(records, {
      quote: (i, start, end) => entries[i]!.text.slice(start, end),
    });
    const shared = findings.filter((f) => f.rule === 'duplicate-passage-across');
    expect(shared.length).toBeGreaterThan(0);
    const keys = shared.map((f) => `${f.file}:${f.spans[0]!.start}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of shared) {
      expect(f.spans.length).toBeLessThanOrEqual(4);
      expect(new Set(f.spans.map((s) => s.file)).size).toBe(f.spans.length);
    }
  }, 60_000);
});
