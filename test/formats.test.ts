/**
 * Acceptance: the sample report converted by LibreOffice to DOCX, PDF and HTML reads to the same facts and
 * the same findings as the original text, through the same path the CLI takes (loadDocument → extract /
 * runCheck). Plus robustness: damaged PDFs fail with a JixiaoError, quickly, never a crash or a hang.
 *
 * Needs LibreOffice and a CJK font (and poppler for the page check); without them these tests are skipped
 * and say what to install. CI installs them (.ci/run).
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCheck } from '../src/cli/commands/check-run.ts';
import { formatJson } from '../src/cli/commands/extract-run.ts';
import { JixiaoError } from '../src/errors.ts';
import { extract } from '../src/extract/index.ts';
import type { Fact } from '../src/extract/types.ts';
import { readPdf } from '../src/ingest/formats/pdf.ts';
import { buildPdf, cjk, latin } from '../src/ingest/formats/pdf-fixtures.ts';
import { type LoadedDocument, loadDocument } from '../src/ingest/load.ts';
import { sourceInfo } from '../src/ingest/pages.ts';
import { DEFAULT_LIMITS } from '../src/ingest/types.ts';
import type { JsonReview } from '../src/render/findings-json.ts';
import {
  convertText,
  hasCommand,
  INSTALL_HINT,
  missingForSoffice,
  pdftotextPage,
  type Target,
} from './soffice.ts';

const SAMPLE = fileURLToPath(new URL('../../shared/samples/yuehu-2020.txt', import.meta.url));
const missing = missingForSoffice();
const hasPdftotext = hasCommand('pdftotext');

function skipNote(what: string | null): string {
  return what === null ? '' : `（已跳过：缺少 ${what}；安装：${INSTALL_HINT}）`;
}

if (missing !== null) {
  console.warn(
    `test/formats.test.ts: format acceptance tests skipped, ${missing} missing. Install: ${INSTALL_HINT}`,
  );
}

let dir: string;
const converted = new Map<Target, string>();
let text: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jixiao-formats-'));
  text = join(dir, 'yuehu-2020.txt');
  copyFileSync(SAMPLE, text);
  if (missing !== null) return;
  for (const target of ['docx', 'pdf', 'html'] as const) {
    converted.set(target, convertText(text, target, dir, join(dir, `profile-${target}`)));
  }
}, 120_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** What a fact is, independent of where it stands: the acceptance criterion's values, units and labels. */
function factKey(fact: Fact): string {
  return `${fact.kind} ${fact.value} ${fact.unit} ${fact.label ?? '—'}`;
}

async function facts(path: string): Promise<string[]> {
  const document = await loadDocument(path);
  return extract(document.text).facts.map(factKey).sort();
}

async function review(path: string): Promise<JsonReview> {
  let output = '';
  await runCheck(
    path,
    { format: 'json', rule: [] },
    { cwd: dir, color: false, write: (s) => (output += s), warn: () => {} },
  );
  return JSON.parse(output) as JsonReview;
}

/** Rule and quoted words of each finding's primary span. */
function findingKeys(result: JsonReview): string[] {
  return result.findings.map((f) => `${f.rule}「${f.spans[0]?.text ?? ''}」`).sort();
}

describe.each(['docx', 'pdf', 'html'] as const)('%s converted by LibreOffice', (target) => {
  it.skipIf(missing !== null)(`reads to the same facts as the text${skipNote(missing)}`, async () => {
    const expected = await facts(text);
    expect(expected.length).toBeGreaterThan(50);
    expect(await facts(converted.get(target)!)).toEqual(expected);
  });

  // Whitespace is the one unavoidable difference: LibreOffice lays out `设置 2个` with CJK–Latin
  // auto-spacing, which the PDF reader drops with the rest of the layout spacing, and PDF/HTML have no
  // blank lines between paragraphs. Neither changes a fact or a finding.
  it.skipIf(missing !== null)(`gives the same findings as the text${skipNote(missing)}`, async () => {
    const expected = findingKeys(await review(text));
    expect(expected.length).toBeGreaterThan(10);
    expect(findingKeys(await review(converted.get(target)!))).toEqual(expected);
  });
});

describe('PDF pages', () => {
  const needs = missing ?? (hasPdftotext ? null : 'poppler-utils（pdftotext）');

  it.skipIf(needs !== null)(
    `puts every finding and fact on the page poppler finds its words on${skipNote(needs)}`,
    async () => {
      const pdf = converted.get('pdf')!;
      const result = await review(pdf);
      expect(result.source?.format).toBe('pdf');
      expect(result.source?.pages?.length).toBe(5);
      const pageText = new Map<number, string>();
      const onPage = (page: number) => {
        if (!pageText.has(page)) pageText.set(page, pdftotextPage(pdf, page).replace(/\s+/g, ''));
        return pageText.get(page)!;
      };
      const quoted = result.findings
        .map((f) => f.spans[0]!)
        .filter((span) => /\p{Script=Han}{2}/u.test(span.text));
      expect(quoted.length).toBeGreaterThan(10);
      // A span is on the page where it starts; a long quote (a duplicated passage) may run onto the next.
      const start = (quote: string) => [...quote.replace(/\s+/g, '')].slice(0, 6).join('');
      for (const span of quoted) {
        expect(span.page, span.text).toBeTypeOf('number');
        expect(onPage(span.page!), `「${span.text}」 on page ${span.page}`).toContain(start(span.text));
      }
      const pages = new Set(quoted.map((span) => span.page));
      expect(pages.size).toBeGreaterThan(2);

      const document = await loadDocument(pdf);
      const json = JSON.parse(formatJson(extract(document.text), sourceInfo(document)));
      for (const fact of json.facts as (Fact & { page: number })[]) {
        expect(onPage(fact.page), `${fact.text} on page ${fact.page}`).toContain(start(fact.text));
      }
    },
  );
});

describe('LibreOffice itself', () => {
  it.skipIf(missing !== null)(`read the UTF-8 sample as UTF-8${skipNote(missing)}`, async () => {
    const document: LoadedDocument = await loadDocument(converted.get('docx')!);
    expect(document.format).toBe('docx');
    expect(document.text).toContain('月湖街道整体支出绩效自评报告');
    expect(document.text).toContain('2020年街道一般公共预算支出4546.77万元');
  });
});

describe('damaged PDFs: a JixiaoError, never a crash or a hang', () => {
  const small = buildPdf(
    [1, 2].map((n) => ({
      content: `${cjk(72, 700, 12, `${n}、部门整体支出情况`)}${latin(72, 680, 12, `4546.77 ${n}`)}`,
    })),
  );
  const sources: [string, () => Uint8Array][] = [['a small hand-made PDF', () => small]];
  if (missing === null) {
    sources.push(['the LibreOffice sample', () => new Uint8Array(readFileSync(converted.get('pdf')!))]);
  }
  const LIMIT_MS = 2000;

  async function readsOrRefuses(bytes: Uint8Array): Promise<void> {
    const started = performance.now();
    try {
      const result = await readPdf(bytes, {
        name: 'fuzz.pdf',
        limits: { ...DEFAULT_LIMITS, timeoutMs: LIMIT_MS },
      });
      expect(typeof result.text).toBe('string');
    } catch (error) {
      expect(error).toBeInstanceOf(JixiaoError);
    }
    expect(performance.now() - started).toBeLessThan(LIMIT_MS + 500);
  }

  it.each(sources)(
    'truncated anywhere: %s',
    async (_name, source) => {
      const bytes = source();
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: bytes.length - 1 }), async (cut) =>
          readsOrRefuses(bytes.slice(0, cut)),
        ),
        { numRuns: 25, seed: 20_201_231 },
      );
    },
    60_000,
  );

  it.each(sources)(
    'bit-flipped: %s',
    async (_name, source) => {
      const bytes = source();
      const flips = fc.array(
        fc.tuple(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 7 })),
        {
          minLength: 1,
          maxLength: 40,
        },
      );
      await fc.assert(
        fc.asyncProperty(flips, async (positions) => {
          const damaged = bytes.slice();
          for (const [at, bit] of positions) damaged[at]! ^= 1 << bit;
          await readsOrRefuses(damaged);
        }),
        { numRuns: 25, seed: 20_210_630 },
      );
    },
    60_000,
  );
});
