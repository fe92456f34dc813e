/**
 * Wording defects and template residue on texts written for them (test/corpus/wording-*.txt, invented
 * units): every planted defect is found with its exact words, and the clean counter-text — legitimate
 * reduplication, fixed phrases written in full, codes beside numbers, balanced document numbers, ellipses and
 * dashes — raises nothing at all.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createReviewDocument } from '../src/review/document.ts';
import { review } from '../src/review/engine.ts';

function findingsOf(name: string) {
  const text = readFileSync(new URL(`./corpus/${name}`, import.meta.url), 'utf8');
  return review(createReviewDocument(text)).findings;
}

/** `rule:messageId:quote` of every finding, in text order. */
const keys = (name: string, skip: (messageId: string) => boolean = () => false) =>
  findingsOf(name)
    .filter((f) => !skip(f.messageId))
    .map((f) => `${f.rule}:${f.messageId}:${f.spans[0]!.text}`);

describe('wording-defects.txt: every planted defect, nothing else', () => {
  it('finds them in text order with their exact words', () => {
    expect(keys('wording-defects.txt')).toEqual([
      'heading-truncated:truncated:本情况',
      'typo:typo:统筹兼',
      'repeated-phrase:repeated:主要用于主要用于',
      'heading-truncated:truncated:目资金使用情况',
      'letter-in-number:letter:2O22',
      'typo:typo:拔付',
      'punctuation:doubledSign:%%',
      'stray-unit:stray:8.5% 万元',
      'malformed-date:date:2022915日',
      'malformed-date:date:20231月',
      'punctuation:mismatched:〔2021)',
      'punctuation:doubledSign:≥≥',
      'repeated-phrase:repeated:具体原因是具体原因是',
      'punctuation:doubled:，，',
      'letter-in-number:letter:l5',
      'placeholder:prompt:结合自评情况，说明项目总体绩效目标完成情况（300字以内）',
      'placeholder:placeholder:**',
    ]);
  });

  it('suggests the intended form', () => {
    const byRule = (rule: string) => findingsOf('wording-defects.txt').filter((f) => f.rule === rule);
    expect(byRule('malformed-date').map((f) => f.message)).toEqual([
      expect.stringContaining('2022年9月15日'),
      expect.stringContaining('2023年1月'),
    ]);
    expect(byRule('heading-truncated').map((f) => f.data.heading)).toEqual(['基本情况', '项目资金使用情况']);
    expect(byRule('letter-in-number').map((f) => f.data.intended)).toEqual(['2022', '15']);
  });

  it('keeps wording at warning: only template residue is an error', () => {
    const errors = findingsOf('wording-defects.txt').filter((f) => f.severity === 'error');
    expect(errors.map((f) => f.rule)).toEqual(['placeholder', 'placeholder']);
  });
});

describe('wording-web-copy.txt: the same defects in an ASCII-punctuation web copy', () => {
  it('finds each one (half-width marks aside)', () => {
    expect(keys('wording-web-copy.txt', (id) => id === 'halfWidth' || id === 'halfWidthMany')).toEqual([
      'repeated-phrase:repeated:主要用于主要用于',
      'punctuation:doubled:,,',
      'stray-unit:stray:3.2%万元',
      'malformed-date:date:2023816日',
      'letter-in-number:letter:202l',
      'punctuation:doubledSign:≥≥',
    ]);
  });
});

describe('wording-clean.txt: the counter-examples', () => {
  it('raises no finding at all', () => {
    expect(keys('wording-clean.txt')).toEqual([]);
  });
});
