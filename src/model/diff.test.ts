import { describe, expect, it } from 'vitest';
import { diffModels } from './diff.ts';
import { SelfEvaluationShape } from './schema.ts';

const base = SelfEvaluationShape.parse({ unit: { name: '示例单位' }, fiscalYear: 2020 });

describe('diffModels', () => {
  it('names each changed field in Chinese and leaves equal fields out', () => {
    const after = structuredClone(base);
    after.budget.generalPublic.total.actual = 123_400;
    after.problems = ['资金拨付滞后'];
    const changes = diffModels(base, after);
    expect(changes).toEqual([
      {
        path: 'budget.generalPublic.total.actual',
        label: '一般公共预算支出合计·全年执行数',
        before: null,
        after: 123_400,
      },
      { path: 'problems[0]', label: '存在的问题·第1项', before: null, after: '资金拨付滞后' },
    ]);
    expect(diffModels(base, structuredClone(base))).toEqual([]);
  });
});
