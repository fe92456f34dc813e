import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ReviewResult } from '../review/engine.ts';
import type { Finding } from '../review/rule.ts';
import { escapeAttr, escapeHtml, renderFindingsHtml, renderHighlightedText } from './findings-html.ts';
import { findingAt, REPORT, resultOf, SECTIONS } from './fixtures.ts';

const findings = [
  findingAt('sum-mismatch', 'error', '100万元', '合计<b>100万元</b>与分项 "90万元" 不符', {
    also: ['60万元'],
  }),
  findingAt('privacy', 'warning', '张三', '疑似个人姓名'),
  findingAt('typo', 'info', '基本支出60', '提示'),
];
const checks = [
  { rule: 'privacy', status: 'failed' as const, count: 1 },
  { rule: 'missing-section', status: 'skipped' as const, count: 0, reason: '未识别出<章节>' },
];
const page = renderFindingsHtml({
  text: REPORT,
  sections: SECTIONS,
  result: resultOf(findings, checks),
  path: 'in/<img src=x onerror=alert(1)>.txt',
});

function article(html: string): string {
  const match = /<article[^>]*>([\s\S]*)<\/article>/.exec(html);
  if (!match) throw new Error('no article');
  return match[1] as string;
}

function decodeEntities(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function stripMarks(html: string): string {
  return decodeEntities(html.replace(/<mark[^>]*>|<\/mark>/g, ''));
}

/** [piece text, data-f] for each mark. */
function marks(html: string): [string, string][] {
  return [...html.matchAll(/<mark[^>]*data-f="([^"]*)"[^>]*>([^<]*)<\/mark>/g)].map((m) => [
    decodeEntities(m[2] as string),
    m[1] as string,
  ]);
}

describe('renderFindingsHtml: safety', () => {
  it('keeps a report <script> inert: the only script element is ours', () => {
    expect(page.match(/<script/gi)).toHaveLength(1);
    expect(article(page)).toContain('联系人：&lt;script&gt;alert("x")&lt;/script&gt; &amp; ');
  });

  it('escapes the path, messages and reasons', () => {
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;.txt');
    expect(page).toContain('合计&lt;b&gt;100万元&lt;/b&gt;与分项 "90万元" 不符');
    expect(page).toContain(
      'title="错误 sum-mismatch：合计&lt;b&gt;100万元&lt;/b&gt;与分项 &quot;90万元&quot; 不符"',
    );
    expect(page).toContain('未识别出&lt;章节&gt;');
  });

  it('loads nothing from outside and allows only its own script by hash', () => {
    expect(page).not.toMatch(/<[^>]*\s(src|href|action)=/i);
    expect(page).not.toMatch(/@import|url\(/i);
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] as string;
    const hash = createHash('sha256').update(script).digest('base64');
    const csp = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(page)?.[1];
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain(`script-src 'sha256-${hash}'`);
  });

  it('embeds a script that parses and cannot close its own element early', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(page)?.[1] as string;
    expect(script).not.toContain('</');
    expect(() => new Function(script)).not.toThrow();
  });

  it('escapes the five HTML specials', () => {
    expect(escapeHtml(`<a href="x">&'`)).toBe(`&lt;a href="x"&gt;&amp;'`);
    expect(escapeAttr(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
  });
});

describe('renderFindingsHtml: page', () => {
  it('is a Chinese, self-contained document', () => {
    expect(page.startsWith('<!doctype html>\n<html lang="zh-CN">')).toBe(true);
    expect(page).toContain('<meta charset="utf-8">');
    expect(page).toMatch(/font-family|--ui-font: "PingFang SC"/);
    expect(page).toContain('"Noto Sans CJK SC"');
  });

  it('shows the summary counts and rule coverage', () => {
    expect(page).toContain('共 3 处问题：错误 1，警告 1，提示 1');
    expect(page).toContain('规则 2 条：通过 0，发现问题 1，跳过 1');
  });

  it('lists every finding with its rule, severity, position and section', () => {
    const items = [
      ...page.matchAll(
        /<li class="jx-item" id="jx-item-(\d+)" data-i="\d+" data-rule="([^"]+)" data-sev="(\w+)">/g,
      ),
    ];
    expect(items.map((m) => [m[1], m[2], m[3]])).toEqual([
      ['0', 'sum-mismatch', 'error'],
      ['1', 'typo', 'info'],
      ['2', 'privacy', 'warning'],
    ]);
    expect(page).toContain('<h2>三、部门整体支出绩效情况 › （二）绩效目标完成情况</h2>');
    expect(page).toContain('<span class="jx-pos">4:7</span>');
    expect(page).toContain('另见 4:19「60万元」');
  });

  it('offers filters for each severity and rule present, with counts', () => {
    const filters = [...page.matchAll(/data-filter="(sev|rule)" value="([^"]+)"/g)].map(
      (m) => `${m[1]}:${m[2]}`,
    );
    expect(filters).toEqual([
      'sev:error',
      'sev:warning',
      'sev:info',
      'rule:privacy',
      'rule:sum-mismatch',
      'rule:typo',
    ]);
  });

  it('says when there are no findings', () => {
    const empty = renderFindingsHtml({ text: REPORT, sections: SECTIONS, result: resultOf([]) });
    expect(empty).toContain('未发现问题。');
    expect(empty).not.toContain('<mark');
    expect(stripMarks(article(empty))).toBe(REPORT);
  });
});

describe('renderHighlightedText', () => {
  it('keeps the text exactly and marks each finding', () => {
    const html = article(page);
    expect(stripMarks(html)).toBe(REPORT);
    expect(marks(html)).toEqual([
      ['100万元', '0'],
      ['基本支出', '1'],
      ['60', '0 1'],
      ['万元', '0'],
      ['张三', '2'],
    ]);
  });

  it('marks the primary span as jump target and secondary spans as related', () => {
    const html = article(page);
    expect(html).toMatch(/<mark class="jx-mark sev-error" data-f="0" data-p="0"[^>]*>100万元<\/mark>/);
    expect(html).toMatch(/<mark class="jx-mark sev-error jx-related" data-f="0" data-p=""[^>]*>万元<\/mark>/);
    // The overlap takes the highest severity and lists both findings.
    expect(html).toMatch(/<mark class="jx-mark sev-error jx-multi" data-f="0 1" data-p="1"[^>]*>60<\/mark>/);
  });

  it('handles nested and crossing spans', () => {
    const text = 'abcdefghij';
    const f = (start: number, end: number): Finding => ({
      rule: 'r',
      severity: 'warning',
      message: 'm',
      messageId: 'm',
      spans: [{ start, end, text: text.slice(start, end) }],
      data: {},
    });
    const html = renderHighlightedText(text, [f(1, 8), f(3, 5), f(4, 9)]);
    expect(stripMarks(html)).toBe(text);
    expect(marks(html)).toEqual([
      ['bc', '0'],
      ['d', '0 1'],
      ['e', '0 1 2'],
      ['fgh', '0 2'],
      ['i', '2'],
    ]);
  });

  it('shows a zero-width span as an empty caret mark at its place', () => {
    const text = '一二三';
    const finding: Finding = {
      rule: 'missing-section',
      severity: 'error',
      message: '缺少章节',
      messageId: 'm',
      spans: [{ start: 1, end: 1, text: '' }],
      data: {},
    };
    expect(renderHighlightedText(text, [finding])).toMatch(
      /^一<mark class="jx-mark sev-error jx-caret" data-f="0" data-p="0"[^>]*><\/mark>二三$/,
    );
  });

  it('round-trips any text with any spans, and each piece names exactly its covering findings (property)', () => {
    const arbitrary = fc
      .string({ unit: fc.constantFrom('a', '<', '>', '&', '"', '\n', '中', ' '), maxLength: 40 })
      .chain((text) =>
        fc.tuple(
          fc.constant(text),
          fc.array(
            fc.tuple(fc.nat({ max: text.length }), fc.nat({ max: text.length })).map(([a, b]) => ({
              start: Math.min(a, b),
              end: Math.max(a, b),
            })),
            { maxLength: 6 },
          ),
        ),
      );
    fc.assert(
      fc.property(arbitrary, ([text, spans]) => {
        const found: Finding[] = spans.map((s) => ({
          rule: 'r',
          severity: 'info',
          message: 'm',
          messageId: 'm',
          spans: [{ ...s, text: text.slice(s.start, s.end) }],
          data: {},
        }));
        const html = renderHighlightedText(text, found);
        expect(stripMarks(html)).toBe(text);
        expect(html).not.toMatch(/<(?!\/?mark[ >])/);
        let offset = 0;
        for (const m of html.matchAll(/<mark[^>]*data-f="([^"]*)"[^>]*>([^<]*)<\/mark>|([^<]+)/g)) {
          const piece = decodeEntities((m[2] ?? m[3]) as string);
          if (m[1] !== undefined && piece !== '') {
            const covering = spans.flatMap((s, i) =>
              s.start <= offset && offset < s.end ? [String(i)] : [],
            );
            expect(m[1].split(' ')).toEqual(covering);
          }
          offset += piece.length;
        }
      }),
    );
  });
});

describe('pages', () => {
  it('says the page beside line:column for a PDF', () => {
    const text = '第一页的文字\n第二页写错了年未实有人数';
    const at = text.indexOf('年未');
    const result: ReviewResult = {
      findings: [
        {
          rule: 'typo',
          severity: 'warning',
          message: '错别字',
          messageId: 'typo',
          spans: [{ start: at, end: at + 2, text: '年未' }],
          data: {},
        },
      ],
      summary: { error: 0, warning: 1, info: 0 },
      checks: [],
      errors: [],
    };
    const html = renderFindingsHtml({
      text,
      sections: [],
      result,
      pages: [
        { page: 1, start: 0, end: 7 },
        { page: 2, start: 7, end: text.length },
      ],
    });
    expect(html).toContain('2:7 第2页');
  });
});
