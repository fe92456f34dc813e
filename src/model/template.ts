/**
 * `jixiao model --template`: an empty SelfEvaluation with every field present (null or []), valid as it
 * stands, for a unit to fill in and render. The item shapes of the lists are in
 * schemas/self-evaluation.schema.json.
 */
import { type SelfEvaluation, SelfEvaluationShape } from './schema.ts';

export interface TemplateOptions {
  unit?: string;
  year?: number;
}

/** The placeholder unit name: a visible prompt, never mistaken for a real unit. */
export const TEMPLATE_UNIT = '（请填写单位名称）';

export function emptyModel(options: TemplateOptions = {}): SelfEvaluation {
  return SelfEvaluationShape.parse({
    unit: { name: options.unit ?? TEMPLATE_UNIT },
    fiscalYear: options.year ?? new Date().getFullYear() - 1,
  });
}
