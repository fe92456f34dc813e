/**
 * Recall and precision per rule of a review against the planted defects: a finding matches a planted
 * defect when the rule is the same and one of its spans overlaps the defect's span. Every finding that
 * matches nothing is a false positive, whatever its rule: the generator's clean text is meant to pass.
 */
import { createReviewDocument } from '../review/document.ts';
import { review } from '../review/engine.ts';

export interface PlantedSpan {
  rule: string;
  start: number;
  end: number;
}

export interface FoundSpan {
  rule: string;
  spans: { start: number; end: number }[];
  message?: string;
}

export interface RuleScore {
  rule: string;
  planted: number;
  /** Planted defects some finding of the rule overlaps. */
  found: number;
  findings: number;
  /** Findings that overlap a planted defect of their rule. */
  matched: number;
}

export class Scoreboard {
  private readonly rules = new Map<string, RuleScore>();

  private of(rule: string): RuleScore {
    let score = this.rules.get(rule);
    if (!score) {
      score = { rule, planted: 0, found: 0, findings: 0, matched: 0 };
      this.rules.set(rule, score);
    }
    return score;
  }

  /** One file's planted defects against its findings; returns the misses and false positives. */
  add(
    planted: readonly PlantedSpan[],
    findings: readonly FoundSpan[],
  ): { missed: PlantedSpan[]; extra: FoundSpan[] } {
    const overlaps = (p: PlantedSpan, f: FoundSpan) =>
      p.rule === f.rule && f.spans.some((s) => s.start < p.end && p.start < s.end);
    const missed: PlantedSpan[] = [];
    const extra: FoundSpan[] = [];
    for (const p of planted) {
      const score = this.of(p.rule);
      score.planted++;
      if (findings.some((f) => overlaps(p, f))) score.found++;
      else missed.push(p);
    }
    for (const f of findings) {
      const score = this.of(f.rule);
      score.findings++;
      if (planted.some((p) => overlaps(p, f))) score.matched++;
      else extra.push(f);
    }
    return { missed, extra };
  }

  scores(): RuleScore[] {
    return [...this.rules.values()].sort((a, b) => a.rule.localeCompare(b.rule));
  }
}

/** Recall (1 when nothing was planted) and precision (1 when nothing was found). */
export function ratios(score: RuleScore): { recall: number; precision: number } {
  return {
    recall: score.planted === 0 ? 1 : score.found / score.planted,
    precision: score.findings === 0 ? 1 : score.matched / score.findings,
  };
}

export function scoreTable(scores: readonly RuleScore[]): string {
  const lines = [
    '| rule | planted | found | recall | findings | precision |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const s of scores) {
    const { recall, precision } = ratios(s);
    lines.push(
      `| \`${s.rule}\` | ${s.planted} | ${s.found} | ${recall.toFixed(3)} | ${s.findings} | ${precision.toFixed(3)} |`,
    );
  }
  return lines.join('\n');
}

/** jixiao's review of a decoded text, as the spans the scoreboard compares (the same run as `jixiao check`). */
export function reviewSpans(text: string): FoundSpan[] {
  return review(createReviewDocument(text)).findings.map((f) => ({
    rule: f.rule,
    spans: f.spans.map((s) => ({ start: s.start, end: s.end })),
    message: f.message,
  }));
}
