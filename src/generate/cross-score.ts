/**
 * Recall and precision of the cross-report rules against the generator's planted CrossMarks. A finding
 * hits a mark when the rule and the file are the same and the finding's own span (its first) overlaps the
 * mark's span; an outlier mark has no span (the unit's ratio is off everywhere), so any outlier finding in
 * that file hits it. A planted mark is found when some finding hits it; a finding that hits no mark counts
 * against precision, whatever it found: the generator's unplanted text is meant to pass.
 */
import type { CrossFinding } from '../review/cross/types.ts';
import type { CrossMark } from './corpus.ts';
import type { RuleScore } from './score.ts';

export interface MarkedFile {
  file: string;
  cross: readonly CrossMark[];
}

function hits(mark: CrossMark, finding: CrossFinding): boolean {
  if (mark.start === undefined || mark.end === undefined) return true;
  const own = finding.spans[0]!;
  return own.start < mark.end && mark.start < own.end;
}

export function scoreCross(
  files: readonly MarkedFile[],
  findings: readonly CrossFinding[],
  rules: readonly string[],
): RuleScore[] {
  const marksByFile = new Map<string, CrossMark[]>();
  for (const f of files) marksByFile.set(f.file, [...f.cross]);
  const scores = new Map<string, RuleScore>(
    rules.map((rule) => [rule, { rule, planted: 0, found: 0, findings: 0, matched: 0 }]),
  );
  for (const marks of marksByFile.values()) for (const m of marks) scores.get(m.rule)!.planted++;
  const found = new Set<CrossMark>();
  for (const finding of findings) {
    const score = scores.get(finding.rule)!;
    score.findings++;
    const hit = (marksByFile.get(finding.file) ?? []).filter(
      (m) => m.rule === finding.rule && hits(m, finding),
    );
    if (hit.length > 0) score.matched++;
    for (const m of hit) found.add(m);
  }
  for (const m of found) scores.get(m.rule)!.found++;
  return [...scores.values()];
}
