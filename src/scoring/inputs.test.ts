import { describe, expect, it } from 'vitest';
import example from '../../test/fixtures/model-example.json' with { type: 'json' };
import { SelfEvaluationShape } from '../model/schema.ts';
import { INPUTS, parseEvaluatorValue, resolveInput } from './inputs.ts';

const model = SelfEvaluationShape.parse(example);

describe('resolveInput', () => {
  it('reads a model field with its path and shows money in 万元', () => {
    expect(resolveInput(model, 'budget_completed', '预算完成数', {})).toEqual({
      name: 'budget_completed',
      label: '预算完成数',
      value: 4_546_770_000,
      display: '4546.77万元',
      source: 'model',
      paths: ['budget.generalPublic.total.actual'],
      sourceText: 'budget.generalPublic.total.actual',
      missingPaths: [],
    });
  });

  it('sums the four 三公 items, and is missing when one of them is', () => {
    // 0 + 0 + 10 + 2 万元
    expect(resolveInput(model, 'sangong_current', undefined, {}).value).toBe(12_000_000);
    const partial = SelfEvaluationShape.parse({
      ...example,
      budget: { ...example.budget, sangong: { ...example.budget.sangong, abroad: { budget: null } } },
    });
    const missing = resolveInput(partial, 'sangong_current', undefined, {});
    expect(missing).toMatchObject({
      value: null,
      display: '未填写',
      missingPaths: ['budget.sangong.abroad.budget'],
    });
    expect(missing.label).toBe('本年度“三公经费”预算数');
  });

  it('says when a value comes from a derived total', () => {
    const input = resolveInput(
      model,
      'budget_completed',
      undefined,
      {},
      new Set(['budget.generalPublic.total.actual']),
    );
    expect(input.note).toBe('budget.generalPublic.total.actual 由分项合计得出');
  });

  it('takes evaluator inputs from the options only', () => {
    expect(resolveInput(model, 'violations', '不合规情形数', {})).toMatchObject({
      value: null,
      display: '未提供',
      source: 'evaluator',
    });
    expect(resolveInput(model, 'violations', '不合规情形数', { violations: 2 })).toMatchObject({
      value: 2,
      display: '2例',
    });
    expect(INPUTS.violations!.read).toBeUndefined();
  });
});

describe('parseEvaluatorValue', () => {
  it('reads money in 万元 into 分, counts as integers', () => {
    expect(parseEvaluatorValue('balance_current', '12.5')).toBe(12_500_000);
    expect(parseEvaluatorValue('violations', '2')).toBe(2);
    expect(parseEvaluatorValue('violations', '1.5')).toBeNull();
    expect(parseEvaluatorValue('violations', '-1')).toBeNull();
    expect(parseEvaluatorValue('violations', '两例')).toBeNull();
  });
});
