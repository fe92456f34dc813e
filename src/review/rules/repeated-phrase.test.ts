import { describe, expect, it } from 'vitest';
import { nextRepeat } from './repeated-phrase.ts';

/** The definition the scan replaces: the leftmost place, the longest unit there. */
const DEFINITION = /([\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3007]{2,20})\1/g;

function allRepeats(
  find: (text: string, from: number) => { start: number; unit: number } | null,
  text: string,
) {
  const found: string[] = [];
  for (let hit = find(text, 0); hit; ) {
    const unit = text.slice(hit.start, hit.start + hit.unit);
    found.push(`${hit.start}:${unit}`);
    hit = find(text, hit.start + 2 * hit.unit);
  }
  return found;
}

function byDefinition(text: string, from: number) {
  DEFINITION.lastIndex = from;
  const m = DEFINITION.exec(text);
  return m ? { start: m.index, unit: m[1]!.length } : null;
}

/** Small alphabets make repeats (and near-repeats) common; punctuation and Latin letters break runs. */
function randomText(seed: number, length: number): string {
  const alphabet = ['情', '况', '主', '要', '用', '于', '〇', '二', '，', 'a', '1', '。', '\n', '㐀', '豈'];
  let state = seed;
  let text = '';
  for (let i = 0; i < length; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    text += alphabet[(state >>> 16) % (i % 7 === 0 ? alphabet.length : 5)];
  }
  return text;
}

describe('nextRepeat', () => {
  it('finds what the regular expression finds, place and unit, on random text', () => {
    for (let seed = 1; seed <= 300; seed++) {
      const text = randomText(seed, 40 + (seed % 90));
      expect(allRepeats(nextRepeat, text), text).toEqual(allRepeats(byDefinition, text));
    }
  });

  it('takes the longest unit at the leftmost place and stops at 20 characters', () => {
    expect(nextRepeat('具体原因是具体原因是部分', 0)).toEqual({ start: 0, unit: 5 });
    expect(nextRepeat('，，情况情况', 0)).toEqual({ start: 2, unit: 2 });
    const long = '一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子';
    expect(nextRepeat(long + long, 0)).toBeNull();
    expect(nextRepeat('情况，情况', 0)).toBeNull();
  });
});
