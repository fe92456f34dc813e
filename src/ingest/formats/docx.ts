/**
 * DOCX reader: word/document.xml → text in reading order, with a block per paragraph and per table cell,
 * and the indicators of any table that looks like a 自评表. I/O-free.
 *
 * Text layout (what the text engine expects):
 * - A paragraph is a line; a soft break (w:br, w:cr) inside it starts a new line of the same block. Empty
 *   paragraphs give at most one blank line.
 * - Automatic numbering (numbering.xml) is rendered in front of the paragraph text, so headings keep their
 *   `一、` `（一）` `1.`. The level suffix (tab by default) becomes nothing after full-width punctuation
 *   (`一、部门职能`) and one space otherwise (`1. 主要职能`): a real tab would make every heading look like a
 *   table row.
 * - A table row is one line, cells separated by `\t`, with a blank line before and after the table.
 *   Merged cells keep the grid aligned: a horizontal span (gridSpan) is its text followed by empty cells;
 *   a vertical continuation (vMerge) repeats the master's text only when it is a label (no digit in it),
 *   so 一级/二级 indicator names stand on every row while figures are never duplicated (sum rules would
 *   count them twice). Paragraphs inside a cell are joined with a space; a nested table is flattened into
 *   its cell, cells and rows separated by spaces.
 * - Fields show their displayed result (between `separate` and `end`), never the instruction.
 * - Text boxes (DrawingML `wps:txbx` or VML `v:textbox`) are included as lines right after the paragraph
 *   that anchors them (path `…/p[3]/txbx[1]/p[2]`); inside a table cell they join the cell's text. Only
 *   the mc:Choice branch is read, so a text box is never read twice through its mc:Fallback.
 * - Ignored: footnotes/endnotes/comments (their references carry no text), deleted revisions, hidden
 *   text (w:vanish), headers/footers, images.
 */
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { isJixiaoError, JixiaoError } from '../../errors.ts';
import type { Indicator } from '../../model/schema.ts';
import { type GridRow, readScoreSheet } from '../score-sheet.ts';
import type { IngestResult, Reader, ReaderOptions, SourceBlock } from '../types.ts';
import { createDeadline, type Deadline, inspectOle2, isOle2, openZip, type SafeZip } from '../zip.ts';

const FORMAT = 'Word 文档';

export const readDocx: Reader = async (bytes, options) => {
  const deadline = createDeadline(options.limits, options.name, options.signal);
  try {
    // The spreadsheet reader (exceljs, SheetJS) loads only for a misnamed workbook.
    return (
      readDocxSync(bytes, options, deadline) ?? (await (await import('./xlsx.ts')).readXlsx(bytes, options))
    );
  } catch (error) {
    if (isJixiaoError(error)) throw error;
    throw new JixiaoError(
      'JX_CORRUPT',
      { format: FORMAT, reason: '内容无法解析', file: options.name },
      { cause: error },
    );
  }
};

/** Null when the ZIP is a spreadsheet after all (a misnamed .xlsx): the caller hands it to readXlsx. */
function readDocxSync(bytes: Uint8Array, options: ReaderOptions, deadline: Deadline): IngestResult | null {
  const file = options.name;
  if (isOle2(bytes)) refuseOle2(bytes, file);
  const zip = openZip(bytes, { file, format: FORMAT, limits: options.limits, deadline });
  if (zip.has('xl/workbook.xml') && !zip.has('word/document.xml')) return null;
  const parts = locateParts(zip);
  if (!parts) {
    throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '缺少正文 word/document.xml', file });
  }
  const xml = (name: string | null) => {
    const text = name ? zip.readText(name) : null;
    return text === null ? null : parseXml(text, deadline, FORMAT, file);
  };
  const document = xml(parts.document)!;
  const styles = readStyles(xml(parts.styles));
  const numbering = new Numbering(xml(parts.numbering), styles);
  const body = child(child(document, 'document'), 'body');
  if (!body) throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '正文结构缺失', file });
  const walker = new BodyWalker(styles, numbering, deadline);
  walker.blocksAt(body, 'body');
  const { text, blocks } = walker.out.finish();
  if (text.trim() === '') throw new JixiaoError('JX_EMPTY', { file });
  const indicators: Indicator[] = walker.tables.flatMap((rows) => readScoreSheet(rows));
  return { format: 'docx', text, blocks, ...(indicators.length > 0 ? { indicators } : {}) };
}

function refuseOle2(bytes: Uint8Array, file: string): never {
  const kind = inspectOle2(bytes).kind;
  if (kind === 'encrypted-ooxml') throw new JixiaoError('JX_ENCRYPTED', { format: FORMAT, file });
  if (kind === 'word') {
    throw new JixiaoError('JX_UNSUPPORTED_FORMAT', {
      format: 'Word 97-2003 文档（.doc）',
      advice: '请在 Word 或 WPS 中另存为 .docx 后再试',
      file,
    });
  }
  throw new JixiaoError('JX_CORRUPT', { format: FORMAT, reason: '不是 .docx 格式', file });
}

// ---------------------------------------------------------------------------------------------------------
// Package parts

interface Parts {
  document: string;
  styles: string | null;
  numbering: string | null;
}

const REL_OFFICE_DOCUMENT = /\/officeDocument$/;

/** The main part from _rels/.rels, and its styles and numbering parts from the document's own rels. */
function locateParts(zip: SafeZip): Parts | null {
  const rootRels = relationships(zip, '_rels/.rels', '');
  const document = rootRels.find((r) => REL_OFFICE_DOCUMENT.test(r.type))?.target ?? 'word/document.xml';
  if (!zip.has(document)) return null;
  const dir = document.includes('/') ? document.slice(0, document.lastIndexOf('/') + 1) : '';
  const base = document.slice(dir.length);
  const rels = relationships(zip, `${dir}_rels/${base}.rels`, dir);
  const target = (suffix: string, fallback: string) =>
    rels.find((r) => r.type.endsWith(suffix))?.target ?? (zip.has(dir + fallback) ? dir + fallback : null);
  return {
    document,
    styles: target('/styles', 'styles.xml'),
    numbering: target('/numbering', 'numbering.xml'),
  };
}

function relationships(zip: SafeZip, name: string, dir: string): { type: string; target: string }[] {
  const text = zip.readText(name);
  if (text === null) return [];
  const out: { type: string; target: string }[] = [];
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag) => {
    if (localName(tag.name) !== 'Relationship') return;
    const type = tag.attributes.Type;
    const target = tag.attributes.Target;
    if (typeof type === 'string' && typeof target === 'string' && tag.attributes.TargetMode !== 'External') {
      out.push({ type, target: resolvePath(dir, target) });
    }
  });
  parser.write(text).close();
  return out;
}

function resolvePath(dir: string, target: string): string {
  const parts = (target.startsWith('/') ? target.slice(1) : dir + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

// ---------------------------------------------------------------------------------------------------------
// A small XML tree. Element names in the WordprocessingML namespace lose their prefix (`p`, `tbl`),
// markup-compatibility elements become `mc:*`, math `m:*`, everything else `x:<local>`.

interface XNode {
  name: string;
  attrs: Record<string, string>;
  children: XNode[];
  text: string;
}

const NS_W = new Set([
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main',
  'http://purl.oclc.org/ooxml/wordprocessingml/main',
]);
const NS_MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const NS_M = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/math',
  'http://purl.oclc.org/ooxml/officeDocument/math',
]);

/** Subtrees never needed: skipping them keeps the tree small. */
const SKIP = new Set([
  'mc:Fallback',
  'del',
  'moveFrom',
  'instrText',
  'delText',
  'delInstrText',
  'sectPr',
  'tblPr',
  'tblGrid',
  'tblPrEx',
  'rsids',
  'latentStyles',
  'docDefaults',
  // Drawing geometry and picture fills; text boxes (wps:txbx) stay reachable under a:graphic.
  'x:spPr',
  'x:blipFill',
  'x:nvPicPr',
]);
/**
 * Property containers keep only what the reader uses; fonts, sizes, spacing, borders (most of a Word file's
 * elements) are dropped while parsing.
 */
const PROPERTIES = new Set(['rPr', 'pPr', 'tcPr', 'trPr', 'numPr']);
const KEPT_PROPERTIES = new Set([
  'pStyle',
  'numPr',
  'numId',
  'ilvl',
  'outlineLvl',
  'vanish',
  'gridSpan',
  'vMerge',
  'hMerge',
  'gridBefore',
  'gridAfter',
]);
const TEXT_NODES = new Set(['t', 'm:t']);
/**
 * Elements kept in the tree (after the filters above). A 30-page report keeps ~20 000; the cap stops a
 * crafted part from building a tree that would exhaust memory long before the time budget runs out.
 */
const MAX_NODES = 3_000_000;
const USED_ATTRIBUTES = new Set([
  'val',
  'fldCharType',
  'char',
  'font',
  'type',
  'styleId',
  'default',
  'abstractNumId',
  'numId',
  'ilvl',
]);
const CHUNK = 1 << 16;

/**
 * Formatting that Word writes on every run and paragraph (fonts, sizes, revision ids) and that the tree
 * would drop anyway, removed from the string first: a native regex pass over the XML costs a few ms and
 * halves what the XML parser has to tokenise. Only when `w` is bound to WordprocessingML, so the names mean
 * what they say.
 */
const W_FORMATTING =
  /<w:(?:rFonts|sz|szCs|lang|color|kern|spacing|ind|jc|b|bCs|i|iCs|u|shd|highlight|snapToGrid|widowControl|adjustRightInd|autoSpaceDE|autoSpaceDN|tcW|tblW|noProof|vertAlign|w)\b[^>]*\/>/g;
const REVISION_IDS = / w(?:14)?:(?:rsid\w*|paraId|textId)="[^"]*"/g;
const W_BINDING =
  /xmlns:w="http:\/\/(?:schemas\.openxmlformats\.org\/wordprocessingml\/2006\/main|purl\.oclc\.org\/ooxml\/wordprocessingml\/main)"/;

function slim(xml: string): string {
  return W_BINDING.test(xml.slice(0, 16_384)) ? xml.replace(W_FORMATTING, '').replace(REVISION_IDS, '') : xml;
}

function parseXml(raw: string, deadline: Deadline, format: string, file: string): XNode {
  const xml = slim(raw);
  const root: XNode = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XNode[] = [root];
  const prefixes = declaredPrefixes(xml);
  let skipping = 0;
  let count = 0;
  const canon = (qname: string): string => {
    const colon = qname.indexOf(':');
    if (colon < 0) return `x:${qname}`;
    const kind = prefixes.get(qname.slice(0, colon));
    const local = qname.slice(colon + 1);
    if (kind === 'w') return local;
    return kind ? `${kind}:${local}` : `x:${local}`;
  };
  const parser = new SaxesParser({ xmlns: false, position: false });
  parser.on('opentag', (tag: SaxesTagPlain) => {
    if (skipping > 0) {
      skipping++;
      return;
    }
    const name = canon(tag.name);
    const parent = stack.at(-1)!;
    if (SKIP.has(name) || (PROPERTIES.has(parent.name) && !KEPT_PROPERTIES.has(name))) {
      skipping = 1;
      return;
    }
    const attrs: Record<string, string> = {};
    for (const key in tag.attributes) {
      const local = key.slice(key.indexOf(':') + 1);
      const value = tag.attributes[key];
      // Word puts rsid/paraId attributes on every paragraph and run: only WordprocessingML ones we use are kept.
      if (USED_ATTRIBUTES.has(local) && typeof value === 'string' && canon(key) === local)
        attrs[local] = value;
    }
    const node: XNode = { name, attrs, children: [], text: '' };
    if (++count > MAX_NODES) {
      throw new JixiaoError('JX_TOO_LARGE', { size: '超过 300 万个 XML 元素', limit: '300 万个', file });
    }
    parent.children.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    if (skipping > 0) skipping--;
    else stack.pop();
  });
  parser.on('text', (text) => {
    const top = stack.at(-1)!;
    if (skipping === 0 && TEXT_NODES.has(top.name)) top.text += text;
  });
  try {
    for (let at = 0; at < xml.length; ) {
      deadline.check();
      let end = Math.min(xml.length, at + CHUNK);
      if (end < xml.length && isHighSurrogate(xml.charCodeAt(end - 1))) end++;
      parser.write(xml.slice(at, end));
      at = end;
    }
    parser.close();
  } catch (error) {
    if (isJixiaoError(error)) throw error;
    throw new JixiaoError('JX_CORRUPT', { format, reason: 'XML 格式错误', file }, { cause: error });
  }
  return root;
}

/**
 * Prefix → namespace kind from every xmlns declaration in the part, scanned once. OOXML writers declare
 * prefixes on the root (sometimes again on mc:AlternateContent) and never rebind one to another namespace,
 * so one map for the whole part is exact in practice and saves looking at every element's attributes.
 */
function declaredPrefixes(xml: string): Map<string, string> {
  const prefixes = new Map<string, string>([
    ['w', 'w'],
    ['mc', 'mc'],
    ['m', 'm'],
  ]);
  for (const m of xml.matchAll(/xmlns:([\w.-]+)\s*=\s*(["'])(.*?)\2/g)) {
    const [, prefix, , uri] = m;
    if (NS_W.has(uri!)) prefixes.set(prefix!, 'w');
    else if (uri === NS_MC) prefixes.set(prefix!, 'mc');
    else if (NS_M.has(uri!)) prefixes.set(prefix!, 'm');
    else prefixes.delete(prefix!);
  }
  return prefixes;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function localName(qname: string): string {
  return qname.slice(qname.indexOf(':') + 1);
}

function child(node: XNode | undefined, name: string): XNode | undefined {
  return node?.children.find((c) => c.name === name);
}

function val(node: XNode | undefined, attr = 'val'): string | undefined {
  return node?.attrs[attr];
}

function intVal(node: XNode | undefined, fallback: number): number {
  const v = Number.parseInt(val(node) ?? '', 10);
  return Number.isFinite(v) ? v : fallback;
}

/** w:b, w:vanish…: present and not switched off. */
function isOn(node: XNode | undefined): boolean {
  if (!node) return false;
  const v = val(node);
  return v === undefined || !/^(0|false|off)$/i.test(v);
}

// ---------------------------------------------------------------------------------------------------------
// Styles

interface StyleDef {
  name: string;
  basedOn: string | null;
  numId: string | null;
  ilvl: number | null;
  outlineLvl: number | null;
}

interface Styles {
  byId: Map<string, StyleDef>;
  defaultParagraph: string | null;
}

function readStyles(root: XNode | null): Styles {
  const byId = new Map<string, StyleDef>();
  let defaultParagraph: string | null = null;
  for (const style of child(root ?? undefined, 'styles')?.children ?? []) {
    if (style.name !== 'style' || (style.attrs.type ?? 'paragraph') !== 'paragraph') continue;
    const id = style.attrs.styleId;
    if (!id) continue;
    const pPr = child(style, 'pPr');
    const numPr = child(pPr, 'numPr');
    const outline = child(pPr, 'outlineLvl');
    byId.set(id, {
      name: val(child(style, 'name')) ?? id,
      basedOn: val(child(style, 'basedOn')) ?? null,
      numId: val(child(numPr, 'numId')) ?? null,
      ilvl: child(numPr, 'ilvl') ? intVal(child(numPr, 'ilvl'), 0) : null,
      outlineLvl: outline ? intVal(outline, 9) : null,
    });
    if (/^(1|true|on)$/i.test(style.attrs.default ?? '')) defaultParagraph = id;
  }
  return { byId, defaultParagraph };
}

/** The style and its ancestors (basedOn), nearest first, with a cycle guard. */
function styleChain(styles: Styles, id: string | null): StyleDef[] {
  const out: StyleDef[] = [];
  const seen = new Set<string>();
  for (let cur = id; cur && !seen.has(cur) && out.length < 20; ) {
    seen.add(cur);
    const def = styles.byId.get(cur);
    if (!def) break;
    out.push(def);
    cur = def.basedOn;
  }
  return out;
}

const HEADING_NAME = /^(heading\s*[1-9]|title|标题\s*[1-9]?)$/i;

function isHeadingStyle(styles: Styles, id: string | null): boolean {
  for (const def of styleChain(styles, id)) {
    if (HEADING_NAME.test(def.name)) return true;
    if (def.outlineLvl !== null) return def.outlineLvl < 9;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------------------
// Numbering

interface Level {
  start: number;
  format: string;
  text: string;
  restart: number | null;
  suffix: 'tab' | 'space' | 'nothing';
  legal: boolean;
  pStyle: string | null;
}

interface AbstractNum {
  levels: Map<number, Level>;
  numStyleLink: string | null;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start: number | null; level: Level | null }>;
}

/**
 * numbering.xml with Word's counting rules: w:num instances that share an abstractNum share its counters,
 * unless the instance overrides a level (lvlOverride/startOverride: "restart numbering"), which gives it
 * counters of its own. Using a level resets the deeper levels (or as w:lvlRestart says).
 */
class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, Num>();
  private readonly counters = new Map<string, (number | undefined)[]>();

  constructor(
    root: XNode | null,
    private readonly styles: Styles,
  ) {
    for (const node of child(root ?? undefined, 'numbering')?.children ?? []) {
      if (node.name === 'abstractNum' && node.attrs.abstractNumId !== undefined) {
        this.abstracts.set(node.attrs.abstractNumId, readAbstract(node));
      } else if (node.name === 'num' && node.attrs.numId !== undefined) {
        this.nums.set(node.attrs.numId, readNum(node));
      }
    }
  }

  /** The level a style is linked to inside a list (w:lvl/w:pStyle), for heading styles without w:ilvl. */
  levelOfStyle(numId: string, styleId: string | null): number | null {
    const resolved = this.resolve(numId);
    if (!resolved || !styleId) return null;
    for (const [ilvl, level] of resolved.abstract.levels) if (level.pStyle === styleId) return ilvl;
    return null;
  }

  /** The rendered number with its suffix for the next paragraph of this list level, or ''. */
  next(numId: string, ilvl: number): string {
    const resolved = this.resolve(numId);
    if (!resolved) return '';
    const { num, abstract, abstractId } = resolved;
    const levelAt = (i: number) => num.overrides.get(i)?.level ?? abstract.levels.get(i);
    const startAt = (i: number) => num.overrides.get(i)?.start ?? levelAt(i)?.start ?? 1;
    const level = levelAt(ilvl);
    if (!level) return '';
    const key = num.overrides.size > 0 ? `num:${numId}` : `abs:${abstractId}`;
    const counts = this.counters.get(key) ?? [];
    this.counters.set(key, counts);
    counts[ilvl] = counts[ilvl] === undefined ? startAt(ilvl) : counts[ilvl]! + 1;
    for (let deeper = ilvl + 1; deeper < 9; deeper++) {
      const restart = levelAt(deeper)?.restart ?? null;
      if (restart === null || (restart !== 0 && ilvl + 1 <= restart)) counts[deeper] = undefined;
    }
    if (level.format === 'bullet') return `${bulletGlyph(level.text)} `;
    const label = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const format = level.legal ? 'decimal' : (levelAt(i)?.format ?? 'decimal');
      return formatNumber(counts[i] ?? startAt(i), format);
    });
    return label + suffixFor(label, level.suffix);
  }

  private resolve(numId: string): { num: Num; abstract: AbstractNum; abstractId: string } | null {
    let num = this.nums.get(numId);
    for (let hops = 0; num && hops < 5; hops++) {
      const abstract = this.abstracts.get(num.abstractId);
      if (!abstract) return null;
      if (!abstract.numStyleLink || abstract.levels.size > 0)
        return { num, abstract, abstractId: num.abstractId };
      // A list defined through a numbering style: follow the style to its own w:num.
      const linked = this.styles.byId.get(abstract.numStyleLink)?.numId;
      const target = linked ? this.nums.get(linked) : undefined;
      if (!target) return null;
      num = { abstractId: target.abstractId, overrides: num.overrides };
    }
    return null;
  }
}

function readAbstract(node: XNode): AbstractNum {
  const levels = new Map<number, Level>();
  for (const lvl of node.children) {
    if (lvl.name === 'lvl') levels.set(Number.parseInt(lvl.attrs.ilvl ?? '0', 10) || 0, readLevel(lvl));
  }
  return { levels, numStyleLink: val(child(node, 'numStyleLink')) ?? null };
}

function readLevel(lvl: XNode): Level {
  const suff = val(child(lvl, 'suff'));
  const restart = child(lvl, 'lvlRestart');
  return {
    // The schema's default start is 0, but `零、` never occurs in reports: files that omit it mean 1.
    start: intVal(child(lvl, 'start'), 1),
    format: val(child(lvl, 'numFmt')) ?? 'decimal',
    text: val(child(lvl, 'lvlText')) ?? '',
    restart: restart ? intVal(restart, 0) : null,
    suffix: suff === 'space' || suff === 'nothing' ? suff : 'tab',
    legal: isOn(child(lvl, 'isLgl')),
    pStyle: val(child(lvl, 'pStyle')) ?? null,
  };
}

function readNum(node: XNode): Num {
  const overrides = new Map<number, { start: number | null; level: Level | null }>();
  for (const o of node.children) {
    if (o.name !== 'lvlOverride') continue;
    const ilvl = Number.parseInt(o.attrs.ilvl ?? '0', 10) || 0;
    const start = child(o, 'startOverride');
    const lvl = child(o, 'lvl');
    overrides.set(ilvl, { start: start ? intVal(start, 1) : null, level: lvl ? readLevel(lvl) : null });
  }
  return { abstractId: val(child(node, 'abstractNumId')) ?? '', overrides };
}

function suffixFor(label: string, suffix: Level['suffix']): string {
  if (label === '' || suffix === 'nothing') return '';
  if (suffix === 'space') return ' ';
  return /[、，．。：）】〕」』\u3000]$/.test(label) ? '' : ' ';
}

/** Symbol/Wingdings bullets live in the private use area; show a plain bullet instead. */
function bulletGlyph(text: string): string {
  if (text === '' || /[\uf000-\uf0ff]/.test(text)) return '•';
  return text;
}

const CN_DIGITS = '〇一二三四五六七八九';
const CN_LEGAL_DIGITS = '零壹贰叁肆伍陆柒捌玖';

/** w:numFmt values, including the Chinese ones reports use. Unknown formats fall back to decimal. */
export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'none':
      return '';
    case 'decimalZero':
      return n >= 0 && n < 10 ? `0${n}` : String(n);
    case 'upperRoman':
      return roman(n);
    case 'lowerRoman':
      return roman(n).toLowerCase();
    case 'upperLetter':
      return letters(n);
    case 'lowerLetter':
      return letters(n).toLowerCase();
    case 'chineseCounting':
    case 'chineseCountingThousand':
    case 'japaneseCounting':
    case 'taiwaneseCounting':
    case 'taiwaneseCountingThousand':
      return chineseCounting(n, CN_DIGITS, ['', '十', '百', '千'], '零');
    case 'chineseLegalSimplified':
    case 'ideographLegalTraditional':
      return chineseCounting(n, CN_LEGAL_DIGITS, ['', '拾', '佰', '仟'], '零', true);
    case 'ideographDigital':
    case 'taiwaneseDigital':
    case 'japaneseDigitalTenThousand':
      return String(n).replace(/\d/g, (d) => CN_DIGITS[Number(d)]!);
    case 'ideographTraditional':
      return n >= 1 && n <= 10 ? '甲乙丙丁戊己庚辛壬癸'[n - 1]! : String(n);
    case 'ideographZodiac':
      return n >= 1 && n <= 12 ? '子丑寅卯辰巳午未申酉戌亥'[n - 1]! : String(n);
    case 'decimalEnclosedCircle':
    case 'decimalEnclosedCircleChinese':
    case 'ideographEnclosedCircle':
      return enclosedCircle(n);
    case 'decimalEnclosedParen':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2474 + n - 1) : `(${n})`;
    case 'decimalEnclosedFullstop':
      return n >= 1 && n <= 20 ? String.fromCharCode(0x2488 + n - 1) : `${n}.`;
    case 'decimalFullWidth':
    case 'decimalFullWidth2':
      return String(n).replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
    default:
      return String(n);
  }
}

/** 1 → 一, 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 10000 → 一万. */
function chineseCounting(n: number, digits: string, units: string[], zero: string, legal = false): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1e8) return String(n);
  if (n === 0) return digits[0]!;
  const below10k = (m: number): string => {
    let out = '';
    let pendingZero = false;
    for (let p = 3; p >= 0; p--) {
      const d = Math.floor(m / 10 ** p) % 10;
      if (d === 0) {
        if (out !== '') pendingZero = true;
        continue;
      }
      if (pendingZero) out += zero;
      pendingZero = false;
      out += digits[d]! + units[p]!;
    }
    return out;
  };
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  let out = high > 0 ? `${below10k(high)}万` : '';
  if (low > 0) out += (high > 0 && low < 1000 ? zero : '') + below10k(low);
  // 十一, not 一十一 (except in the legal form, where 壹拾壹 is the rule).
  if (!legal && n >= 10 && n < 20) out = out.slice(1);
  return out;
}

function roman(n: number): string {
  if (n <= 0 || n >= 4000) return String(n);
  const table: [number, string][] = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [v, s] of table) {
    while (n >= v) {
      out += s;
      n -= v;
    }
  }
  return out;
}

/** Word's letter lists repeat the letter after Z: 27 → AA, 28 → BB. */
function letters(n: number): string {
  if (n <= 0 || n > 26 * 30) return String(n);
  const letter = String.fromCharCode(65 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

function enclosedCircle(n: number): string {
  if (n >= 1 && n <= 20) return String.fromCharCode(0x2460 + n - 1);
  if (n >= 21 && n <= 35) return String.fromCharCode(0x3251 + n - 21);
  if (n >= 36 && n <= 50) return String.fromCharCode(0x32b1 + n - 36);
  return String(n);
}

// ---------------------------------------------------------------------------------------------------------
// Output

class TextOut {
  private readonly parts: string[] = [];
  private length = 0;
  private blank = true;
  readonly blocks: SourceBlock[] = [];

  /** One paragraph; an empty one is a blank line (never two in a row). */
  line(content: string, kind: SourceBlock['kind'], path: string): void {
    if (content === '') {
      this.blankLine();
      return;
    }
    const start = this.length;
    this.push(content);
    this.blocks.push({ start, end: this.length, kind, path });
    this.push('\n');
    this.blank = false;
  }

  /** A table row: cells at their grid columns, `\t` between columns, a block per non-empty cell. */
  row(cells: RenderedCell[]): void {
    const width = cells.reduce((w, c) => Math.max(w, c.col + c.span), 0);
    const slots: (RenderedCell | null)[] = new Array(width).fill(null);
    for (const cell of cells) if (cell.text !== '') slots[cell.col] = cell;
    while (slots.length > 0 && slots.at(-1) === null) slots.pop();
    if (slots.length === 0) return;
    const start = this.length;
    let at = 0;
    slots.forEach((cell, i) => {
      if (i > 0) at += 1;
      if (!cell) return;
      this.blocks.push({
        start: start + at,
        end: start + at + cell.text.length,
        kind: 'cell',
        path: cell.path,
      });
      at += cell.text.length;
    });
    this.push(slots.map((cell) => cell?.text ?? '').join('\t'));
    this.push('\n');
    this.blank = false;
  }

  blankLine(): void {
    if (this.blank) return;
    this.push('\n');
    this.blank = true;
  }

  finish(): { text: string; blocks: SourceBlock[] } {
    const text = this.parts.join('').replace(/\n+$/, '');
    return { text, blocks: this.blocks };
  }

  private push(s: string): void {
    this.parts.push(s);
    this.length += s.length;
  }
}

interface RenderedCell {
  text: string;
  col: number;
  span: number;
  path: string;
}

// ---------------------------------------------------------------------------------------------------------
// Body

interface Inline {
  text: string;
  textboxes: XNode[];
}

/** Block-level wrappers whose content reads as if it stood in their parent. */
const BLOCK_WRAPPERS = new Set(['customXml', 'ins', 'moveTo']);
const INLINE_WRAPPERS = new Set([
  'hyperlink',
  'smartTag',
  'ins',
  'moveTo',
  'customXml',
  'fldSimple',
  'bdo',
  'dir',
]);
const LABEL = /^[^\d０-９]+$/;
/** Grid spans and offsets beyond this are corrupt (Word tables have at most 63 columns). */
const MAX_SPAN = 64;

function clamp(n: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, n));
}

class BodyWalker {
  readonly out = new TextOut();
  /** Every table (nested ones too) as grid rows, for score-sheet detection. */
  readonly tables: GridRow[][] = [];
  /** Open complex fields: text shows only while every open field is past its `separate`. */
  private readonly fields: ('instr' | 'result')[] = [];

  constructor(
    private readonly styles: Styles,
    private readonly numbering: Numbering,
    private readonly deadline: Deadline,
  ) {}

  blocksAt(container: XNode, path: string): void {
    const index = new Map<string, number>();
    const pathOf = (name: string) => {
      const i = (index.get(name) ?? 0) + 1;
      index.set(name, i);
      return `${path}/${name}[${i}]`;
    };
    for (const node of container.children) {
      if (node.name === 'p') this.paragraph(node, pathOf('p'));
      else if (node.name === 'tbl') this.table(node, pathOf('tbl'));
      else if (node.name === 'sdt') {
        const content = child(node, 'sdtContent');
        const at = pathOf('sdt');
        if (content) this.blocksAt(content, `${at}/sdtContent`);
      } else if (BLOCK_WRAPPERS.has(node.name)) this.blocksAt(node, pathOf(node.name));
    }
  }

  private paragraph(p: XNode, path: string): void {
    this.deadline.check();
    const { text, textboxes } = this.paragraphText(p);
    const kind = this.isHeading(p) ? 'heading' : 'paragraph';
    this.out.line(tidyLines(text), kind, path);
    textboxes.forEach((box, i) => {
      this.blocksAt(box, `${path}/txbx[${i + 1}]`);
    });
  }

  private paragraphText(p: XNode): Inline {
    const prefix = this.numberPrefix(p);
    const inline: Inline = { text: '', textboxes: [] };
    this.inline(p, inline);
    return { text: prefix + inline.text, textboxes: inline.textboxes };
  }

  private isHeading(p: XNode): boolean {
    const pPr = child(p, 'pPr');
    const outline = child(pPr, 'outlineLvl');
    if (outline) return intVal(outline, 9) < 9;
    return isHeadingStyle(this.styles, val(child(pPr, 'pStyle')) ?? this.styles.defaultParagraph);
  }

  private numberPrefix(p: XNode): string {
    const pPr = child(p, 'pPr');
    const styleId = val(child(pPr, 'pStyle')) ?? this.styles.defaultParagraph;
    const numPr = child(pPr, 'numPr');
    const chain = styleChain(this.styles, styleId);
    const numId = val(child(numPr, 'numId')) ?? chain.find((s) => s.numId !== null)?.numId ?? null;
    if (!numId || numId === '0') return '';
    const ilvl = child(numPr, 'ilvl')
      ? intVal(child(numPr, 'ilvl'), 0)
      : (chain.find((s) => s.ilvl !== null)?.ilvl ?? this.numbering.levelOfStyle(numId, styleId) ?? 0);
    return this.numbering.next(numId, Math.min(8, Math.max(0, ilvl)));
  }

  private inline(node: XNode, acc: Inline): void {
    for (const c of node.children) {
      if (c.name === 'r') this.run(c, acc);
      else if (INLINE_WRAPPERS.has(c.name)) this.inline(c, acc);
      else if (c.name === 'sdt') {
        const content = child(c, 'sdtContent');
        if (content) this.inline(content, acc);
      } else if (c.name === 'm:oMath' || c.name === 'm:oMathPara') acc.text += mathText(c);
    }
  }

  private run(r: XNode, acc: Inline): void {
    const rPr = child(r, 'rPr');
    const hidden = isOn(child(rPr, 'vanish'));
    for (const c of r.children) {
      switch (c.name) {
        case 'fldChar':
          this.field(c.attrs.fldCharType);
          break;
        case 't':
          if (!hidden && this.visible()) acc.text += c.text;
          break;
        case 'tab':
        case 'ptab':
          if (!hidden && this.visible()) acc.text += '\t';
          break;
        case 'br':
        case 'cr':
          if (!hidden && this.visible()) acc.text += '\n';
          break;
        case 'noBreakHyphen':
          if (!hidden && this.visible()) acc.text += '-';
          break;
        case 'sym':
          if (!hidden && this.visible()) acc.text += symbolChar(c.attrs.font, c.attrs.char);
          break;
        case 'drawing':
        case 'pict':
        case 'mc:AlternateContent':
          if (!hidden && this.visible()) collectTextboxes(c, acc.textboxes);
          break;
        default:
          break;
      }
    }
  }

  private field(type: string | undefined): void {
    if (type === 'begin') this.fields.push('instr');
    else if (type === 'separate' && this.fields.length > 0) this.fields[this.fields.length - 1] = 'result';
    else if (type === 'end') this.fields.pop();
  }

  private visible(): boolean {
    return this.fields.every((f) => f === 'result');
  }

  private table(tbl: XNode, path: string): void {
    const rows = this.tableRows(tbl, path);
    this.out.blankLine();
    for (const row of rows) this.out.row(row);
    this.out.blankLine();
  }

  /** The table on its grid, vertical merges resolved; also recorded for score-sheet detection. */
  private tableRows(tbl: XNode, path: string): RenderedCell[][] {
    const rows: RenderedCell[][] = [];
    const masters = new Map<number, string>();
    collect(tbl, 'tr').forEach((tr, r) => {
      this.deadline.check();
      const trPr = child(tr, 'trPr');
      let col = clamp(intVal(child(trPr, 'gridBefore'), 0), 0, MAX_SPAN);
      const cells: RenderedCell[] = [];
      collect(tr, 'tc').forEach((tc, c) => {
        const tcPr = child(tc, 'tcPr');
        const span = clamp(intVal(child(tcPr, 'gridSpan'), 1), 1, MAX_SPAN);
        const vMerge = child(tcPr, 'vMerge');
        const own = this.cellText(tc);
        let text = own;
        if (vMerge && vMerge.attrs.val !== 'restart') {
          const master = masters.get(col) ?? '';
          text = LABEL.test(master) ? master : '';
        } else if (vMerge) masters.set(col, own);
        else masters.delete(col);
        if (val(child(tcPr, 'hMerge')) === 'continue') text = '';
        cells.push({ text, col, span, path: `${path}/tr[${r + 1}]/tc[${c + 1}]` });
        col += span;
      });
      rows.push(cells);
    });
    this.tables.push(rows.map((cells) => cells.map(({ text, col, span }) => ({ text, col, span }))));
    return rows;
  }

  private cellText(tc: XNode): string {
    const pieces: string[] = [];
    this.cellPieces(tc, pieces);
    return pieces
      .join(' ')
      .replace(/[\s\u3000]+/g, ' ')
      .trim();
  }

  private cellPieces(container: XNode, pieces: string[]): void {
    for (const node of container.children) {
      if (node.name === 'p') {
        const { text, textboxes } = this.paragraphText(node);
        pieces.push(text);
        for (const box of textboxes) this.cellPieces(box, pieces);
      } else if (node.name === 'tbl') {
        // Nested table: flattened into the cell, in reading order.
        for (const row of this.tableRows(node, '')) pieces.push(...row.map((c) => c.text).filter(Boolean));
      } else if (node.name === 'sdt') {
        const content = child(node, 'sdtContent');
        if (content) this.cellPieces(content, pieces);
      } else if (BLOCK_WRAPPERS.has(node.name)) this.cellPieces(node, pieces);
    }
  }
}

/** Rows of a table or cells of a row, seen through content-control and custom-XML wrappers. */
function collect(node: XNode, name: string): XNode[] {
  const out: XNode[] = [];
  for (const c of node.children) {
    if (c.name === name) out.push(c);
    else if (c.name === 'sdt') {
      const content = child(c, 'sdtContent');
      if (content) out.push(...collect(content, name));
    } else if (c.name === 'customXml') out.push(...collect(c, name));
  }
  return out;
}

function collectTextboxes(node: XNode, out: XNode[]): void {
  for (const c of node.children) {
    if (c.name === 'txbxContent') out.push(c);
    else if (c.name === 'mc:Choice') {
      collectTextboxes(c, out);
      return; // the first Choice stands for the whole AlternateContent
    } else collectTextboxes(c, out);
  }
}

function mathText(node: XNode): string {
  if (node.name === 'm:t') return node.text;
  return node.children.map(mathText).join('');
}

/** Each line of a paragraph trimmed; lines left empty by a break are dropped. */
function tidyLines(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/^[\s\u3000]+|[\s\u3000]+$/g, ''))
    .filter((l) => l !== '')
    .join('\n');
}

const SYMBOL_FONTS: Record<string, Record<number, string>> = {
  symbol: {
    183: '•',
    214: '√',
    179: '≥',
    163: '≤',
    177: '±',
    180: '×',
    184: '÷',
    176: '°',
    174: '→',
    185: '≠',
  },
  wingdings: {
    252: '✓',
    251: '✗',
    253: '☒',
    254: '☑',
    168: '□',
    111: '□',
    108: '●',
    110: '■',
    159: '•',
    167: '▪',
    216: '➢',
    113: '❑',
    118: '❖',
    224: '→',
  },
  'wingdings 2': { 80: '✓', 79: '✗', 82: '☑', 83: '☒', 163: '□', 42: '□' },
};

/** w:sym: symbol fonts address glyphs through the private use area (F0xx). */
function symbolChar(font: string | undefined, hex: string | undefined): string {
  const code = Number.parseInt(hex ?? '', 16);
  if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff) return '';
  if (code < 0xf000 || code > 0xf0ff) return String.fromCodePoint(code);
  const table = SYMBOL_FONTS[(font ?? '').toLowerCase()];
  return table?.[code - 0xf000] ?? '';
}
