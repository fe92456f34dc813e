import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { JixiaoError } from '../../errors.ts';
import { DEFAULT_LIMITS } from '../types.ts';
import { readHtml } from './html.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);
const read = (bytes: Uint8Array) => readHtml(bytes, { name: 'page.html', limits: DEFAULT_LIMITS });
const readString = (html: string) => read(utf8(html));

/** What a 政府网站 article page looks like around the report. */
function governmentPage(article: string, charset = 'utf-8'): string {
  return `<!DOCTYPE html>
<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}">
<title>月湖街道2020年度部门整体支出绩效自评报告_开福区人民政府</title>
<script>var _hmt = _hmt || []; document.write('统计代码');</script>
<style>.nav { color: red; }</style></head>
<body>
<div class="top"><a href="/">首页</a> <a href="/zwgk">政务公开</a> <a href="/xxgk">信息公开</a> <a href="/bsfw">办事服务</a></div>
<div class="nav"><ul><li><a href="/a">机构概况</a></li><li><a href="/b">政策文件</a></li><li><a href="/c">财政预决算</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk">政务公开</a> &gt; 财政信息</div>
<div class="main">
  <div class="left"><h3>相关链接</h3><ul><li><a href="/x">开福区2020年部门预算公开</a></li><li><a href="/y">开福区2020年决算公开</a></li></ul></div>
  <div class="right">
    <h1>月湖街道2020年度部门整体支出绩效自评报告</h1>
    <div class="info">发布时间：2021-06-30　来源：月湖街道</div>
    <div class="fontsize">【字体：<a href="#">大</a> <a href="#">中</a> <a href="#">小</a>】</div>
    <div id="zoom" class="TRS_Editor">${article}</div>
    <div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a></div>
    <div class="print"><a href="javascript:window.print()">【打印本页】</a> <a href="javascript:window.close()">【关闭窗口】</a></div>
  </div>
</div>
<footer>主办：长沙市开福区人民政府办公室　地址：长沙市开福区　湘ICP备12345678号</footer>
</body></html>`;
}

const ARTICLE = `
<p style="text-indent:2em">一、部门基本情况</p>
<p>2020年街道一般公共预算支出4546.77万元，其中基本支出1771.06万元，
项目支出2775.71万元。</p>
<p>（一）基本支出情况</p>
<table border="1"><tbody>
<tr><td>项目</td><td><p>预算数</p><p>（万元）</p></td><td>执行数</td></tr>
<tr><td>基本支出</td><td>1509.2</td><td>1771.06</td></tr>
</tbody></table>
<p>人员经费&nbsp;1560.91万元；<br>公用经费210.15万元&amp;其他。</p>`;

const EXPECTED = [
  '月湖街道2020年度部门整体支出绩效自评报告',
  '一、部门基本情况',
  '2020年街道一般公共预算支出4546.77万元，其中基本支出1771.06万元，项目支出2775.71万元。',
  '（一）基本支出情况',
  '项目\t预算数（万元）\t执行数',
  '基本支出\t1509.2\t1771.06',
  '人员经费 1560.91万元；',
  '公用经费210.15万元&其他。',
].join('\n');

describe('readHtml: the article, not the page', () => {
  it('keeps the title and the article body, dropping navigation, breadcrumbs, share and print links, footer', async () => {
    const result = await readString(governmentPage(ARTICLE));
    expect(result.format).toBe('html');
    expect(result.text).toBe(EXPECTED);
  });

  it('maps each line to the element it came from', async () => {
    const result = await readString(governmentPage(ARTICLE));
    const at = (line: string) => result.blocks.find((b) => result.text.slice(b.start, b.end) === line);
    expect(at('月湖街道2020年度部门整体支出绩效自评报告')).toMatchObject({
      kind: 'heading',
      path: 'html/body/div[4]/div[2]/h1',
    });
    expect(at('一、部门基本情况')?.path).toBe('html/body/div[4]/div[2]/div[3]/p[1]');
    expect(at('基本支出\t1509.2\t1771.06')).toMatchObject({
      kind: 'table-row',
      path: 'html/body/div[4]/div[2]/div[3]/table/tbody/tr[2]',
    });
    for (const block of result.blocks) expect(block.end).toBeGreaterThan(block.start);
  });

  it('finds the body by text density when no container is named like one', async () => {
    const html = `<html><body>
      <div><a href="/">首页</a> <a href="/a">新闻中心</a> <a href="/b">通知公告</a> <a href="/c">政务公开</a></div>
      <div><div>
        <p>2020年街道一般公共预算支出4546.77万元，其中基本支出1771.06万元。</p>
        <p>项目支出2775.71万元，主要用于社会管理、公共服务和城市管理。</p>
      </div></div>
      <div>版权所有：某某街道办事处</div>
    </body></html>`;
    expect((await readString(html)).text).toBe(
      '2020年街道一般公共预算支出4546.77万元，其中基本支出1771.06万元。\n项目支出2775.71万元，主要用于社会管理、公共服务和城市管理。',
    );
  });

  it('skips hidden elements and keeps preformatted lines', async () => {
    const html = `<html><body><div class="article">
      <p style="display: none">隐藏的内容</p><p hidden>也隐藏</p>
      <pre>
一、总体情况
  2020年预算  1085万元
</pre></div></body></html>`;
    expect((await readString(html)).text).toBe('一、总体情况\n2020年预算  1085万元');
  });
});

describe('readHtml: encodings', () => {
  it('reads a GBK page by its meta charset', async () => {
    const bytes = new Uint8Array(iconv.encode(governmentPage(ARTICLE, 'gb2312'), 'gbk'));
    const result = await read(bytes);
    expect(result.text).toBe(EXPECTED);
    expect(result.encoding).toBe('gb18030');
  });

  it('trusts valid UTF-8 over a stale gb2312 declaration', async () => {
    const result = await read(utf8(governmentPage(ARTICLE, 'gb2312')));
    expect(result.text).toBe(EXPECTED);
    expect(result.encoding).toBe('utf-8');
  });

  it('uses another declared charset when the bytes are not UTF-8', async () => {
    const bytes = new Uint8Array(
      iconv.encode('<html><meta charset="big5"><body><p>預算執行率</p></body></html>', 'big5'),
    );
    expect((await read(bytes)).text).toBe('預算執行率');
  });

  it('reads UTF-16 with a BOM', async () => {
    const bytes = new Uint8Array(
      iconv.encode('<html><body><p>绩效自评</p></body></html>', 'utf-16le', { addBOM: true }),
    );
    expect((await read(bytes)).text).toBe('绩效自评');
  });
});

describe('readHtml: any markup', () => {
  const tag = fc.constantFrom('div', 'p', 'table', 'tr', 'td', 'br', 'script', 'a', 'pre', 'h1', 'nav', 'li');
  const piece = fc.oneof(
    tag.map((name) => `<${name}>`),
    tag.map((name) => `</${name}>`),
    fc.constantFrom(
      '正文',
      '4546.77万元',
      '&amp;',
      '&nbsp;',
      '\n',
      ' ',
      '<!--',
      '-->',
      '<',
      '>',
      '"',
      'class="content"',
    ),
  );

  it('gives lines with in-range blocks, or a JixiaoError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(piece, { maxLength: 60 }), async (pieces) => {
        const result = await readString(`<html><body>${pieces.join('')}</body></html>`).catch(
          (e: unknown) => e,
        );
        if (result instanceof JixiaoError) return;
        const { text, blocks } = result as Awaited<ReturnType<typeof readString>>;
        let previousEnd = 0;
        for (const block of blocks) {
          expect(block.start).toBeGreaterThanOrEqual(previousEnd);
          expect(block.end).toBeLessThanOrEqual(text.length);
          previousEnd = block.end;
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('readHtml: refusals', () => {
  it('refuses absurdly deep nesting instead of overflowing the stack', async () => {
    const html = `<html><body>${'<div>'.repeat(20_000)}<p>正文</p>${'</div>'.repeat(20_000)}</body></html>`;
    const error = await readString(html).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JixiaoError);
    expect((error as JixiaoError).code).toBe('JX_CORRUPT');
    expect((await readString(`<html><body>${'<div>'.repeat(500)}<p>正文</p></body></html>`)).text).toBe(
      '正文',
    );
  });

  it('refuses a page with no text', async () => {
    const error = await readString(
      '<html><head><title>空</title></head><body><script>x()</script></body></html>',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JixiaoError);
    expect((error as JixiaoError).code).toBe('JX_EMPTY');
  });
});
