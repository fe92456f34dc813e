/** Report → partial SelfEvaluation, every field with its provenance. (Being implemented.) */
import type { Extraction } from '../extract/types.ts';
import { type SelfEvaluation, SelfEvaluationShape } from './schema.ts';

export interface Provenance {
  start: number;
  end: number;
  text: string;
  /** 0–1: how sure the builder is that this figure belongs in this field. */
  confidence: number;
}

export interface BuiltModel {
  model: SelfEvaluation;
  /** JSON pointer (e.g. `/budget/generalPublic/basic/total/actual`) → where the value was read. */
  provenance: Record<string, Provenance>;
  /** JSON pointers of fields the report did not supply. */
  missing: string[];
}

export function buildModel(extraction: Extraction): BuiltModel {
  return {
    model: SelfEvaluationShape.parse({ unit: { name: '未知单位' }, fiscalYear: 2020 }),
    provenance: {},
    missing: [],
  };
}
