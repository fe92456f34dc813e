/**
 * HTML reader: a report published on a government site, saved as a web page. Only the article body is
 * read: navigation, breadcrumbs, share buttons, scripts and footers are dropped, then the main content
 * container is picked (by its usual names, else by where the Chinese text is dense and links are few).
 * Block elements become lines, table rows become tab-separated lines, and each line keeps the element
 * path it came from.
 */
import { JixiaoError } from '../../errors.ts';
import { decode } from '../../text/decode.ts';
import type { IngestResult, Reader, SourceBlock } from '../types.ts';
import { isWide } from './pdf-text.ts';

/** The parts of htmlparser2's (domhandler's) node classes used here. */
interface HtmlNode {
  type: string;
  parent: HtmlNode | null;
}
interface HtmlElement extends HtmlNode {
  name: string;
  attribs: Record<string, string>;
  children: HtmlNode[];
}
interface HtmlText extends HtmlNode {
  data: string;
}

export const readHtml: Reader = async (bytes, options): Promise<IngestResult> => {
  const { text: html, encoding } = decodeHtml(bytes, options.name);
  const { parseDocument } = await import('htmlparser2');
  const document = parseDocument(html, { decodeEntities: true }) as unknown as HtmlElement;
  if (nestingDepth(document) > MAX_DEPTH) {
    throw new JixiaoError('JX_CORRUPT', {
      format: '网页',
      reason: `元素嵌套超过 ${MAX_DEPTH} 层，不是正常的网页`,
      file: options.name,
    });
  }
  const body = findFirst(document, (element) => element.name === 'body') ?? document;
  const stats = measureText(body);
  const main = pickMainContent(body, stats);
  const writer = new LineWriter();
  const title = titleOutside(main, body, stats);
  if (title) renderNode(title, title, writer, stats, main, false);
  renderNode(main, main, writer, stats, main, false);
  const { text, blocks } = writer.finish();
  if (!/\S/.test(text)) throw new JixiaoError('JX_EMPTY', { file: options.name });
  return { format: 'html', text, encoding, blocks };
};

// ---- bytes → string ----------------------------------------------------------------------------------

const DECLARED_CHARSET = /<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i;
const GB_LABELS = new Set(['gb2312', 'gbk', 'gb18030', 'x-gbk', 'cp936', 'euc-cn', 'hz-gb-2312']);

/**
 * A BOM or valid UTF-8 wins over the page's `<meta charset>` (pages are often re-saved as UTF-8 with the
 * old `gb2312` declaration left in); otherwise the declared charset, then the project's own detection.
 */
export function decodeHtml(bytes: Uint8Array, name: string): { text: string; encoding: string } {
  const declared = DECLARED_CHARSET.exec(new TextDecoder('latin1').decode(bytes.subarray(0, 4096)))?.[1];
  const label = declared?.toLowerCase();
  if (label && !GB_LABELS.has(label) && !label.startsWith('utf') && !isUtf8(bytes)) {
    const text = tryDecode(label, bytes);
    if (text !== null) return { text, encoding: label };
  }
  return decode(bytes, name);
}

function isUtf8(bytes: Uint8Array): boolean {
  return tryDecode('utf-8', bytes) !== null;
}

function tryDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

// ---- what to read ------------------------------------------------------------------------------------

/** Never content: code, page chrome, controls. */
const SKIPPED = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'head',
  'title',
  'meta',
  'link',
  'nav',
  'header',
  'footer',
  'aside',
  'form',
  'iframe',
  'frame',
  'button',
  'select',
  'option',
  'textarea',
  'input',
  'label',
  'svg',
  'canvas',
  'object',
  'embed',
  'map',
  'audio',
  'video',
]);

/** Names government CMSs give the article container (TRS, 政府网站集约化平台, common templates). */
const CONTENT_NAME = /content|article|zoom|trs_editor|custom_unionstyle|detail|text|zhengwen|正文|wenzhang/i;
/** Names of page furniture that sits inside or next to the article. */
const FURNITURE_NAME =
  /(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|share|bdshare|footer|header|sidebar|toolbar|print|position|location|copyright|related|pager|fontsize|close)(?:$|[\s_-])/i;

const BLOCK = new Set([
  'p',
  'div',
  'section',
  'article',
  'main',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'li',
  'ul',
  'ol',
  'dl',
  'dt',
  'dd',
  'blockquote',
  'pre',
  'hr',
  'center',
  'address',
  'figure',
  'figcaption',
  'caption',
  'table',
  'tr',
  'tbody',
  'thead',
  'tfoot',
  'fieldset',
  'legend',
  'details',
  'summary',
  'body',
  'html',
]);
const HEADING = /^h[1-6]$/;

function isElement(node: HtmlNode): node is HtmlElement {
  return node.type === 'tag' || node.type === 'script' || node.type === 'style';
}

function isText(node: HtmlNode): node is HtmlText {
  return node.type === 'text';
}

function isSkipped(element: HtmlElement): boolean {
  if (SKIPPED.has(element.name)) return true;
  const { attribs } = element;
  if ('hidden' in attribs || attribs['aria-hidden'] === 'true') return true;
  const style = attribs.style?.replace(/\s+/g, '').toLowerCase() ?? '';
  return style.includes('display:none') || style.includes('visibility:hidden');
}

interface TextStats {
  /** Chinese characters outside links. */
  cjk: number;
  /** Non-space characters inside links. */
  linked: number;
  /** All non-space characters. */
  chars: number;
  depth: number;
}

const CJK = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/g;

/** One post-order pass: how much Chinese, and how much link text, each element holds. */
function measureText(root: HtmlElement): Map<HtmlElement, TextStats> {
  const stats = new Map<HtmlElement, TextStats>();
  const visit = (element: HtmlElement, depth: number, inLink: boolean): TextStats => {
    const total: TextStats = { cjk: 0, linked: 0, chars: 0, depth };
    const linking = inLink || element.name === 'a';
    for (const child of element.children) {
      if (isText(child)) {
        const chars = child.data.replace(/\s+/g, '').length;
        total.chars += chars;
        if (linking) total.linked += chars;
        else total.cjk += child.data.match(CJK)?.length ?? 0;
      } else if (isElement(child) && !isSkipped(child)) {
        const inner = visit(child, depth + 1, linking);
        total.cjk += inner.cjk;
        total.linked += inner.linked;
        total.chars += inner.chars;
      }
    }
    stats.set(element, total);
    return total;
  };
  visit(root, 0, false);
  return stats;
}

const MIN_SHARE_OF_PAGE = 0.5;
const MAX_LINK_DENSITY = 0.5;
/** Descend into a child while it holds at least this share of its parent's Chinese text. */
const DESCEND_SHARE = 0.7;

/**
 * The deepest container named like an article body that holds most of the page's Chinese text; without
 * one, walk down from `<body>` into the child holding most of the text until the text spreads out.
 */
export function pickMainContent(body: HtmlElement, stats: Map<HtmlElement, TextStats>): HtmlElement {
  const page = stats.get(body)!;
  let best: HtmlElement | null = null;
  for (const [element, count] of stats) {
    if (!isContentContainer(element) || count.cjk < MIN_SHARE_OF_PAGE * page.cjk || count.cjk === 0) continue;
    if (count.linked > MAX_LINK_DENSITY * count.chars) continue;
    if (!best || count.depth > stats.get(best)!.depth) best = element;
  }
  if (best) return best;
  let node = body;
  for (;;) {
    const children = node.children.filter(isElement).filter((child) => stats.has(child));
    const richest = children.reduce<HtmlElement | null>(
      (top, child) => (top === null || stats.get(child)!.cjk > stats.get(top)!.cjk ? child : top),
      null,
    );
    if (
      !richest ||
      stats.get(richest)!.cjk < DESCEND_SHARE * stats.get(node)!.cjk ||
      stats.get(node)!.cjk === 0
    ) {
      return node;
    }
    node = richest;
  }
}

function isContentContainer(element: HtmlElement): boolean {
  if (element.name === 'article' || element.name === 'main' || element.attribs.role === 'main') return true;
  return CONTENT_NAME.test(`${element.attribs.id ?? ''} ${element.attribs.class ?? ''}`);
}

/** The page's `<h1>` when the article body starts below it (title and body often sit in separate boxes). */
function titleOutside(
  main: HtmlElement,
  body: HtmlElement,
  stats: Map<HtmlElement, TextStats>,
): HtmlElement | null {
  if (findFirst(main, (element) => element.name === 'h1')) return null;
  const h1 = findFirst(body, (element) => element.name === 'h1' && (stats.get(element)?.cjk ?? 0) > 0);
  return h1 && precedes(h1, main) ? h1 : null;
}

// ---- rendering ---------------------------------------------------------------------------------------

interface OpenLine {
  pieces: string[];
  element: HtmlElement;
  preformatted: boolean;
}

/** Collects lines with the element each came from; whitespace is settled per line. */
class LineWriter {
  private text = '';
  private readonly blocks: SourceBlock[] = [];
  private line: OpenLine | null = null;
  private readonly paths = new Map<HtmlElement, string>();

  write(data: string, element: HtmlElement, preformatted: boolean): void {
    if (this.line === null) {
      if (!/\S/.test(data)) return;
      this.line = { pieces: [], element, preformatted };
    }
    this.line.pieces.push(data);
  }

  /** A whole line at once: a table row. */
  writeLine(content: string, element: HtmlElement): void {
    this.break();
    this.push(content, element, 'table-row');
  }

  break(): void {
    const line = this.line;
    this.line = null;
    if (line === null) return;
    const raw = line.pieces.join('');
    const content = line.preformatted ? raw.replace(/\u00a0/g, ' ').trim() : collapseWhitespace(raw);
    this.push(content, line.element, HEADING.test(line.element.name) ? 'heading' : 'paragraph');
  }

  private push(content: string, element: HtmlElement, kind: SourceBlock['kind']): void {
    if (content === '') return;
    if (this.text !== '') this.text += '\n';
    const start = this.text.length;
    this.text += content;
    this.blocks.push({ start, end: this.text.length, kind, path: this.pathOf(element) });
  }

  finish(): { text: string; blocks: SourceBlock[] } {
    this.break();
    return { text: this.text, blocks: this.blocks };
  }

  /** `html/body/div[2]/p[4]`: an index only where siblings share the name, counted from 1. */
  private pathOf(element: HtmlElement): string {
    const cached = this.paths.get(element);
    if (cached !== undefined) return cached;
    const parent = element.parent && isElement(element.parent) ? element.parent : null;
    let step = element.name;
    if (parent) {
      const same = parent.children.filter((child) => isElement(child) && child.name === element.name);
      if (same.length > 1) step += `[${same.indexOf(element) + 1}]`;
    }
    const path = parent && parent.type !== 'root' ? `${this.pathOf(parent)}/${step}` : step;
    this.paths.set(element, path);
    return path;
  }
}

/**
 * HTML whitespace: runs become one space, except a line break between two Chinese characters, which is
 * source formatting and disappears (CSS Text: segment breaks between East Asian wide characters).
 */
function collapseWhitespace(text: string): string {
  return text
    .replace(/[ \t\n\r\f\u00a0]+/g, (run, at: number, whole: string) =>
      /[\n\r]/.test(run) && isWide(whole[at - 1]) && isWide(whole[at + run.length]) ? '' : ' ',
    )
    .trim();
}

function renderNode(
  node: HtmlNode,
  block: HtmlElement,
  writer: LineWriter,
  stats: Map<HtmlElement, TextStats>,
  main: HtmlElement,
  preformatted: boolean,
): void {
  if (isText(node)) {
    if (!preformatted) writer.write(node.data, block, false);
    else {
      node.data.split(/\r\n|\r|\n/).forEach((part, i) => {
        if (i > 0) writer.break();
        writer.write(part, block, true);
      });
    }
    return;
  }
  if (!isElement(node) || isSkipped(node) || isFurniture(node, stats, main)) return;
  if (node.name === 'br') {
    writer.break();
    return;
  }
  if (node.name === 'table') {
    writer.break();
    renderTable(node, writer, stats, main);
    return;
  }
  const isBlock = BLOCK.has(node.name);
  if (isBlock) writer.break();
  const inner = isBlock ? node : block;
  const pre = preformatted || node.name === 'pre';
  for (const child of node.children) renderNode(child, inner, writer, stats, main, pre);
  if (isBlock) writer.break();
}

/** Share buttons, print/close links, breadcrumbs inside the article box: small, and named so. */
function isFurniture(element: HtmlElement, stats: Map<HtmlElement, TextStats>, main: HtmlElement): boolean {
  if (element === main) return false;
  const name = `${element.attribs.id ?? ''} ${element.attribs.class ?? ''}`;
  if (!FURNITURE_NAME.test(name)) return false;
  return (stats.get(element)?.cjk ?? 0) < 0.2 * (stats.get(main)?.cjk ?? 0);
}

/** Each row one line, cells joined by tabs; a nested table is read as text inside its cell. */
function renderTable(
  table: HtmlElement,
  writer: LineWriter,
  stats: Map<HtmlElement, TextStats>,
  main: HtmlElement,
): void {
  const caption = table.children.filter(isElement).find((child) => child.name === 'caption');
  if (caption) writer.writeLine(cellText(caption, stats, main), caption);
  for (const row of rowsOf(table)) {
    const cells = row.children
      .filter(isElement)
      .filter((cell) => (cell.name === 'td' || cell.name === 'th') && !isSkipped(cell))
      .map((cell) => cellText(cell, stats, main).replace(/\t/g, ' '));
    if (cells.some((cell) => cell !== '')) writer.writeLine(cells.join('\t'), row);
  }
}

function rowsOf(table: HtmlElement): HtmlElement[] {
  const rows: HtmlElement[] = [];
  for (const child of table.children.filter(isElement)) {
    if (child.name === 'tr') rows.push(child);
    else if (child.name === 'thead' || child.name === 'tbody' || child.name === 'tfoot') {
      rows.push(...child.children.filter(isElement).filter((row) => row.name === 'tr'));
    }
  }
  return rows;
}

/** A cell's text on one line: its paragraphs joined like wrapped text (no space between Chinese). */
function cellText(cell: HtmlElement, stats: Map<HtmlElement, TextStats>, main: HtmlElement): string {
  const writer = new LineWriter();
  for (const child of cell.children) renderNode(child, cell, writer, stats, main, false);
  return writer
    .finish()
    .text.split('\n')
    .reduce((joined, part) => (joined === '' ? part : `${joined}${joinCellParts(joined, part)}${part}`), '');
}

function joinCellParts(before: string, after: string): string {
  return isWide(before.at(-1)) || isWide(after[0]) ? '' : ' ';
}

// ---- tree helpers ------------------------------------------------------------------------------------

/** The tree walks below recurse; real pages nest a few dozen levels, a hostile one could nest 100 000. */
const MAX_DEPTH = 1000;

function nestingDepth(root: HtmlElement): number {
  let deepest = 0;
  const stack: [HtmlNode, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    deepest = Math.max(deepest, depth);
    if (depth > MAX_DEPTH) break;
    if (isElement(node) || node.type === 'root') {
      for (const child of (node as HtmlElement).children) stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

function findFirst(root: HtmlElement, test: (element: HtmlElement) => boolean): HtmlElement | null {
  for (const child of root.children) {
    if (!isElement(child) || isSkipped(child)) continue;
    if (test(child)) return child;
    const found = findFirst(child, test);
    if (found) return found;
  }
  return null;
}

/** Whether `a` comes before `b` in document order (and is not inside it). */
function precedes(a: HtmlNode, b: HtmlNode): boolean {
  const chain = (node: HtmlNode) => {
    const nodes: HtmlNode[] = [];
    for (let at: HtmlNode | null = node; at; at = at.parent) nodes.unshift(at);
    return nodes;
  };
  const pathA = chain(a);
  const pathB = chain(b);
  let i = 0;
  while (i < pathA.length && i < pathB.length && pathA[i] === pathB[i]) i++;
  if (i === pathA.length || i === pathB.length) return false;
  const parent = pathA[i - 1] as HtmlElement | undefined;
  if (!parent) return false;
  return parent.children.indexOf(pathA[i]!) < parent.children.indexOf(pathB[i]!);
}
