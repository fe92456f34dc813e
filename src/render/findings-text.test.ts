import { describe, expect, it } from 'vitest';
import { renderFindingsText } from './findings-text.ts';
import { findingAt, REPORT, resultOf, SECTIONS } from './fixtures.ts';

const findings = [
  findingAt('sum-mismatch', 'error', '100万元', '分项之和90万元与合计100万元不符', {
    also: ['60万元', '30万元'],
  }),
  findingAt('privacy', 'warning', '张三', '疑似个人姓名'),
  findingAt('typo', 'info', '月湖街道', '示例提示'),
];
const checks = [
  { rule: 'privacy', status: 'failed' as const, count: 1 },
  { rule: 'sum-mismatch', status: 'failed' as const, count: 1 },
  { rule: 'numbering', status: 'passed' as const, count: 0 },
  { rule: 'missing-section', status: 'skipped' as const, count: 0, reason: '未识别出章节结构' },
];
const ESC = String.fromCharCode(27);
const render = (color = false) =>
  renderFindingsText({ text: REPORT, sections: SECTIONS, result: resultOf(findings, checks), color });

describe('renderFindingsText', () => {
  it('groups findings under the innermost section path, in reading order', () => {
    const out = render();
    const lines = out.split('\n');
    const heading = lines.indexOf('三、部门整体支出绩效情况 › （二）绩效目标完成情况');
    expect(heading).toBeGreaterThan(-1);
    expect(lines[heading + 1]).toMatch(/sum-mismatch/);
    expect(out.indexOf('（未归入章节）')).toBeLessThan(out.indexOf('三、部门整体支出绩效情况'));
    expect(out.indexOf('三、部门整体支出绩效情况')).toBeLessThan(out.indexOf('\n四、存在的问题\n'));
    expect(lines[lines.indexOf('四、存在的问题') + 1]).toMatch(/privacy/);
  });

  it('gives 1-based line:column of the primary span', () => {
    const out = render();
    // 全年支出合计 is 6 characters, so 100万元 starts at column 7 of line 4.
    expect(out).toMatch(/^ {2}4:7 +错误 {2}sum-mismatch {2}分项之和90万元与合计100万元不符$/m);
    expect(out).toMatch(/^ {2}1:1 +提示 {2}typo {10}示例提示$/m);
    expect(out).toMatch(/^ +另见 4:19 「60万元」$/m);
  });

  it('shows the quoted words and about 15 characters of context on one line', () => {
    const line = render()
      .split('\n')
      .find((l) => l.includes('「张三」'));
    expect(line).toBeDefined();
    // 15 characters before 张三 on its line, nothing after it: the text ends there.
    expect(line).toMatch(/「张三」 {2}…x"\)<\/script> & 张三$/);
    const context = render()
      .split('\n')
      .find((l) => l.includes('「100万元」'));
    // The line break before 全年 becomes a space; both ends cut with ….
    expect(context).toContain(
      '「100万元」  …绩效目标完成情况 全年支出合计100万元，其中基本支出60万元，项目支…',
    );
  });

  it('ends with the summary and the coverage line with skip reasons', () => {
    const tail = render().trimEnd().split('\n').slice(-3);
    expect(tail).toEqual([
      '共 3 处问题：错误 1，警告 1，提示 1',
      '规则 4 条：通过 1，发现问题 2，跳过 1',
      '  跳过 missing-section：未识别出章节结构',
    ]);
  });

  it('uses no escape codes without colour, and colours severity with it', () => {
    expect(render(false)).not.toContain('\x1b[');
    const coloured = render(true);
    expect(coloured).toContain('\x1b[1;31m错误\x1b[0m');
    expect(coloured).toContain('\x1b[1;33m警告\x1b[0m');
    expect(coloured).toContain('\x1b[1;36m提示\x1b[0m');
    expect(coloured.replace(new RegExp(`${ESC}\\[[0-9;]*m`, 'g'), '')).toBe(render(false));
  });

  it('says so when there is nothing to report', () => {
    const out = renderFindingsText({ text: REPORT, sections: SECTIONS, result: resultOf([]) });
    expect(out).toBe(
      '未发现问题。\n\n共 0 处问题：错误 0，警告 0，提示 0\n规则 0 条：通过 0，发现问题 0，跳过 0\n',
    );
  });

  it('prints the path first when given', () => {
    const out = renderFindingsText({ text: REPORT, sections: [], result: resultOf([]), path: 'a/报告.txt' });
    expect(out.startsWith('a/报告.txt\n\n')).toBe(true);
  });

  it('keeps multi-line and long quotes on one line', () => {
    const text = `开头\n${'很长的一段重复文字'.repeat(10)}\n结尾`;
    const finding = {
      rule: 'duplicate-passage',
      severity: 'warning' as const,
      message: '重复段落',
      messageId: 'm',
      spans: [{ start: 0, end: text.length, text }],
      data: {},
    };
    const out = renderFindingsText({ text, sections: [], result: resultOf([finding]) });
    const quoteLine = out.split('\n').find((l) => l.includes('「'));
    expect(quoteLine).toMatch(/「开头 很长的一段重复文字.*….*结尾」/);
    expect(out.split('\n').filter((l) => l.includes('「'))).toHaveLength(1);
  });
});
