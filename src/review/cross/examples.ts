/**
 * Runs a cross rule's examples the way the batch runs reports: each text through extract → model →
 * CrossRecord, then the rule over all of them. Used by the catalogue test and by the rule docs.
 */
import { extract } from '../../extract/index.ts';
import { buildModel } from '../../model/from-report.ts';
import { crossRecord } from './features.ts';
import { type AnyCrossRule, reviewAcross } from './index.ts';
import type { CrossExample, CrossFinding, CrossRecord } from './types.ts';

export function recordOfText(file: string, text: string): CrossRecord {
  const extraction = extract(text);
  const { model, provenance } = buildModel(extraction);
  return crossRecord({ file, text, model, provenance, sections: extraction.sections });
}

export function runCrossExample(rule: AnyCrossRule, example: CrossExample<object>): CrossFinding[] {
  const records = example.reports.map((r) => recordOfText(r.file, r.text));
  return reviewAcross(records, {
    rules: [rule],
    options: example.options ? { [rule.id]: example.options } : {},
    quote: (i, start, end) => example.reports[i]!.text.slice(start, end),
  }).findings;
}

/** Every problem with the rule's examples (empty when each behaves as labelled). */
export function verifyCrossRule(rule: AnyCrossRule): string[] {
  const problems: string[] = [];
  rule.examples.valid.forEach((example: CrossExample<object>, i: number) => {
    const found = runCrossExample(rule, example);
    if (found.length > 0) problems.push(`valid[${i}] gave ${found.map((f) => f.message).join('; ')}`);
  });
  rule.examples.invalid.forEach(
    (
      example: CrossExample<object> & { expect: { file: string; messageId: string; quote: string }[] },
      i: number,
    ) => {
      const got = runCrossExample(rule, example).map((f) => ({
        file: f.file,
        messageId: f.messageId,
        quote: f.spans[0]!.text,
      }));
      if (JSON.stringify(got) !== JSON.stringify(example.expect)) {
        problems.push(`invalid[${i}] expected ${JSON.stringify(example.expect)}, got ${JSON.stringify(got)}`);
      }
    },
  );
  const used = new Set(
    rule.examples.invalid.flatMap((e: { expect: { messageId: string }[] }) =>
      e.expect.map((x) => x.messageId),
    ),
  );
  for (const id of Object.keys(rule.messages))
    if (!used.has(id)) problems.push(`message "${id}" has no invalid example`);
  return problems;
}
