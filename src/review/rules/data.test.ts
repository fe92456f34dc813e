/** Shape and behaviour checks for the wording data files (data/typos.json, data/placeholders.json). */
import { describe, expect, it } from 'vitest';
import placeholderData from '../../../data/placeholders.json' with { type: 'json' };
import typoData from '../../../data/typos.json' with { type: 'json' };
import { normalize } from '../../text/normalize.ts';
import { findPlaceholders, loadPlaceholders } from './placeholder.ts';
import { runRule } from './testing.ts';
import typoRule, { loadTypos } from './typo.ts';

const HAN = /[\u4e00-\u9fff]/;

/** Words the typo rule flags in `text`, style preferences included. */
const typoQuotes = (text: string) => runRule(typoRule, text, { style: true, ignore: [] }).map((f) => f.quote);

describe('data/typos.json', () => {
  const entries = loadTypos(typoData);

  it('loads, and rejects malformed entries', () => {
    expect(entries.length).toBeGreaterThan(100);
    expect(() => loadTypos({ schema_version: 2, entries: [] })).toThrow();
    expect(() =>
      loadTypos({ schema_version: 1, entries: [{ wrong: '年未', right: '年未', note: 'x', source: 'y' }] }),
    ).toThrow();
    expect(() =>
      loadTypos({
        schema_version: 1,
        entries: [{ wrong: '年未', right: '年末', note: 'x', source: 'y', before: [] }],
      }),
    ).toThrow(/unknown field/);
  });

  it('has well-formed entries', () => {
    for (const e of entries) {
      const where = e.wrong;
      expect(e.wrong, where).not.toBe(e.right);
      expect(HAN.test(e.note), where).toBe(true);
      expect(e.source, where).toMatch(/^domain §5\.1 \[(V|V-sample|S|R)\]$/);
      for (const list of [e.notBefore, e.notAfter, e.onlyBefore, e.onlyAfter, e.notLaterInSentence]) {
        expect(new Set(list).size, `${where}: duplicates`).toBe(list.length);
      }
      // A context both required and forbidden can never match.
      expect(
        e.onlyBefore.filter((s) => e.notBefore.includes(s)),
        where,
      ).toEqual([]);
      expect(
        e.onlyAfter.filter((s) => e.notAfter.includes(s)),
        where,
      ).toEqual([]);
      if (e.kind === 'doubled') expect(e.wrong, where).toBe(e.right.repeat(2));
    }
  });

  it('covers the whole domain §5.1 table', () => {
    const wrongs = new Set(entries.map((e) => e.wrong));
    const table = [
      '年未',
      '建立建全',
      '建全',
      '既使',
      '既将',
      '即然',
      '即定',
      '截止',
      '截止到',
      '帐户',
      '帐号',
      '帐目',
      '报帐',
      '台帐',
      '拔付',
      '拔款',
      '下拔',
      '划拔',
      '拔给',
      '布署',
      '部暑',
      '再接再励',
      '励行',
      '贯切',
      '部份',
      '成份',
      '峻工',
      '座落',
      '复盖',
      '幅射',
      '按装',
      '防碍',
      '必竟',
      '冒然',
      '暴光',
      '报消',
      '核消',
      '年出预算',
      '过度期',
      '过度阶段',
      '过度时期',
      '发辉',
      '疫情防空',
      '坏境',
      '党风廉正',
      '廉正建设',
      '公共经费',
      '结转节余',
      '人材',
      '做为',
      '称做',
      '一如继往',
      '名符其实',
      '迫不急待',
      '按步就班',
      '变本加利',
      '不径而走',
      '莫明其妙',
      '一股作气',
      '穿流不息',
      '再所难免',
      '丰富多采',
      '一愁莫展',
      '默守成规',
      '走头无路',
      '出奇不意',
      '美仑美奂',
      '重迭',
      '松驰',
      '针贬',
      '渲泄',
      '陷井',
      '急燥',
      '烦燥',
      '寒喧',
      '编缉',
      '录象',
      '气慨',
      '格尽职守',
      '竞竞业业',
      '功坚克难',
      '付之实施',
      '付之行动',
      '坚持不泄',
      '如火如茶',
      '趋之若骛',
      '相辅相承',
      '抵砺前行',
      '迫在眉捷',
      '有条不絮',
      '不言而谕',
      '一支独秀',
      '度过难关',
      '其它',
      '作好',
      '的的',
      '了了',
      '在在',
      '是是',
      '和和',
      '与与',
      '对对',
      '将将',
      '把把',
      '被被',
    ];
    expect(table.filter((w) => !wrongs.has(w))).toEqual([]);
  });

  it('every entry is reachable in its own context, and its correction is not flagged', () => {
    for (const e of entries) {
      const before = e.onlyAfter[0] ?? '';
      const after = e.onlyBefore[0] ?? '';
      expect(typoQuotes(`${before}${e.wrong}${after}。`), e.wrong).toEqual([e.wrong]);
      expect(typoQuotes(`${before}${e.right}${after}。`), e.right).toEqual([]);
    }
  });

  it('reports nothing in the correct usages each entry lists (notTypo)', () => {
    const cases = entries.flatMap((e) => e.notTypo.map((text) => [e.wrong, text] as const));
    expect(cases.length).toBeGreaterThan(60);
    for (const [wrong, text] of cases) expect(typoQuotes(text), `${wrong}: ${text}`).toEqual([]);
  });
});

describe('data/placeholders.json', () => {
  const entries = loadPlaceholders(placeholderData);

  it('loads, and rejects malformed entries', () => {
    expect(entries.length).toBeGreaterThan(5);
    expect(() => loadPlaceholders({ schema_version: 1, entries: [{ id: 'a', messageId: 'x' }] })).toThrow();
    expect(() =>
      loadPlaceholders({
        schema_version: 1,
        entries: [
          { id: 'a', messageId: 'prompt', label: 'l', pattern: '(', note: 'n', match: [], noMatch: [] },
        ],
      }),
    ).toThrow();
    // `requires` must name what every match contains: an example without it is a load error.
    const entry = {
      id: 'a',
      messageId: 'prompt',
      label: 'l',
      pattern: '请填写',
      note: 'n',
      match: [{ text: '此处请填写', quote: '请填写' }],
      noMatch: [],
    };
    expect(() =>
      loadPlaceholders({ schema_version: 1, entries: [{ ...entry, requires: ['填'] }] }),
    ).not.toThrow();
    expect(() =>
      loadPlaceholders({ schema_version: 1, entries: [{ ...entry, requires: ['写入'] }] }),
    ).toThrow(/contains none of requires/);
    expect(() => loadPlaceholders({ schema_version: 1, entries: [entry] })).toThrow(/requires/);
  });

  it('has unique ids and Chinese labels', () => {
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    for (const e of entries) expect(HAN.test(e.label) && HAN.test(e.note), e.id).toBe(true);
  });

  it('each entry matches its examples and none of its counter-examples', () => {
    for (const e of entries) {
      for (const { text, quote } of e.match) {
        const hits = findPlaceholders(normalize(text), [e]).map((h) => text.slice(h.start, h.end));
        expect(hits, `${e.id}: ${text}`).toContain(quote);
      }
      for (const text of e.noMatch) {
        expect(findPlaceholders(normalize(text), [e]), `${e.id}: ${text}`).toEqual([]);
      }
    }
  });

  it('no counter-example is caught by another entry either', () => {
    for (const e of entries) {
      for (const text of e.noMatch) {
        const hits = findPlaceholders(normalize(text), entries).map(
          (h) => `${h.entry.id}:${text.slice(h.start, h.end)}`,
        );
        expect(hits, `${e.id}: ${text}`).toEqual([]);
      }
    }
  });
});
