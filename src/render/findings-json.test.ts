import { describe, expect, it } from 'vitest';
import { renderFindingsJson } from './findings-json.ts';
import { findingAt, REPORT, resultOf } from './fixtures.ts';

describe('renderFindingsJson', () => {
  const finding = { ...findingAt('privacy', 'warning', '张三', '疑似个人姓名'), data: { kind: 'name' } };
  const checks = [
    { rule: 'privacy', status: 'failed' as const, count: 1 },
    { rule: 'typo', status: 'passed' as const, count: 0 },
    { rule: 'sum-mismatch', status: 'skipped' as const, count: 0, reason: '没有找到合计关系' },
  ];
  const json = JSON.parse(renderFindingsJson(resultOf([finding], checks)));

  it('has findings with spans into the decoded text', () => {
    expect(json.findings).toEqual([
      {
        rule: 'privacy',
        messageId: 'm',
        severity: 'warning',
        message: '疑似个人姓名',
        spans: [{ start: REPORT.indexOf('张三'), end: REPORT.indexOf('张三') + 2, text: '张三' }],
        data: { kind: 'name' },
      },
    ]);
    const span = json.findings[0].spans[0];
    expect(REPORT.slice(span.start, span.end)).toBe(span.text);
  });

  it('has the summary and one check per rule, with a reason only where skipped', () => {
    expect(json.summary).toEqual({ error: 0, warning: 1, info: 0 });
    expect(json.checks).toEqual(checks);
    expect(Object.keys(json)).toEqual(['findings', 'summary', 'checks']);
  });

  it('keeps report text as data (no escaping surprises) and ends with a newline', () => {
    const script = findingAt('privacy', 'warning', '<script>alert("x")</script>', '含有"引号"');
    const out = renderFindingsJson(resultOf([script]));
    expect(out.endsWith('}\n')).toBe(true);
    expect(JSON.parse(out).findings[0].spans[0].text).toBe('<script>alert("x")</script>');
  });
});
