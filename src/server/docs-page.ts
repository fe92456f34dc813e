/**
 * The API docs page: one self-contained HTML document rendered from the OpenAPI document (no script, no
 * CDN, one inline style allowed by its hash). It lists every endpoint with its summary, who may call it,
 * its parameters, body fields and replies; the full schemas are in `/api/openapi.json`.
 */
import { createHash } from 'node:crypto';
import type { OpenApiDocument, Operation } from './openapi.ts';

const STYLE = `body{font:15px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
section{margin:1em 0;padding:.6em 1em;border:1px solid #e4e4e4;border-radius:6px}
code{font-family:ui-monospace,monospace}.m{display:inline-block;min-width:4.5em;font-weight:bold}
.get{color:#1a7f37}.post{color:#0550ae}.delete{color:#cf222e}table{border-collapse:collapse;margin:.4em 0}
td,th{border:1px solid #e4e4e4;padding:.2em .6em;text-align:left;vertical-align:top}p{margin:.3em 0}`;

/** The page's Content-Security-Policy: nothing but its own inline style. */
export const DOCS_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256')
  .update(STYLE)
  .digest('base64')}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}

type Json = Record<string, unknown>;

function typeOf(schema: Json | undefined): string {
  if (!schema) return '';
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  if (schema.type === 'array') return `${typeOf(schema.items as Json)}[]`;
  if (Array.isArray(schema.type)) return schema.type.join(' | ');
  if (typeof schema.type === 'string')
    return schema.format ? `${schema.type} (${schema.format})` : schema.type;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as Json[]).map(typeOf).join(' | ');
  return 'any';
}

function fieldTable(
  rows: { name: string; type: string; required: boolean; description?: unknown }[],
): string {
  if (rows.length === 0) return '';
  const body = rows
    .map(
      (r) =>
        `<tr><td><code>${escapeHtml(r.name)}</code></td><td><code>${escapeHtml(r.type)}</code></td><td>${
          r.required ? '是' : '否'
        }</td><td>${escapeHtml(String(r.description ?? ''))}</td></tr>`,
    )
    .join('');
  return `<table><tr><th>名称</th><th>类型</th><th>必填</th><th>说明</th></tr>${body}</table>`;
}

/** Error messages are templates (`上限 {limit}`): in the docs the value is unknown. */
function withoutPlaceholders(text: string): string {
  return text.replace(/\{\w+\}/g, '…');
}

function bodyFields(schema: Json): string {
  const properties = (schema.properties ?? {}) as Record<string, Json>;
  const required = new Set((schema.required ?? []) as string[]);
  return fieldTable(
    Object.entries(properties).map(([name, p]) => ({
      name,
      type: typeOf(p),
      required: required.has(name),
      description: p.description,
    })),
  );
}

function operationHtml(method: string, path: string, op: Operation): string {
  const parts = [
    `<h3><span class="m ${method}">${method.toUpperCase()}</span> <code>${escapeHtml(path)}</code></h3>`,
  ];
  if (op.summary) parts.push(`<p>${escapeHtml(op.summary)}</p>`);
  for (const line of (op.description ?? '').split('\n\n').filter(Boolean))
    parts.push(`<p>${escapeHtml(line)}</p>`);
  if (op.parameters?.length) {
    parts.push('<p>参数：</p>');
    parts.push(
      fieldTable(
        op.parameters.map((p) => ({
          name: `${String(p.name)}（${p.in === 'path' ? '路径' : '查询'}）`,
          type: typeOf(p.schema as Json),
          required: p.required === true,
          description: p.description,
        })),
      ),
    );
  }
  const content = op.requestBody?.content as Record<string, { schema: Json }> | undefined;
  for (const [type, { schema }] of Object.entries(content ?? {})) {
    parts.push(
      `<p>请求体（<code>${escapeHtml(type)}</code>${op.requestBody?.required ? '' : '，可省略'}）：</p>`,
    );
    parts.push(bodyFields(schema));
  }
  const replies = Object.entries(op.responses)
    .map(([status, r]) => `<code>${status}</code> ${escapeHtml(withoutPlaceholders(r.description))}`)
    .join('<br>');
  parts.push(`<p>响应：<br>${replies}</p>`);
  const success = Object.entries(op.responses).find(([status]) => status.startsWith('2'));
  const schema = (success?.[1].content as Record<string, { schema?: Json }> | undefined)?.['application/json']
    ?.schema;
  if (schema?.properties) parts.push(`<p>成功时的响应体字段：</p>${bodyFields(schema)}`);
  return `<section id="${escapeHtml(op.operationId)}">${parts.join('\n')}</section>`;
}

export function renderDocsPage(document: OpenApiDocument): string {
  const byTag = new Map<string, string[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      const tag = op.tags?.[0] ?? '其他';
      byTag.set(tag, [...(byTag.get(tag) ?? []), operationHtml(method, path, op)]);
    }
  }
  const sections = [...byTag]
    .map(([tag, ops]) => `<h2>${escapeHtml(tag)}</h2>\n${ops.join('\n')}`)
    .join('\n');
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(document.info.title)}</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(document.info.title)} <small>${escapeHtml(document.info.version)}</small></h1>
<p>${escapeHtml(document.info.description)}</p>
<p>机器可读的完整文档（OpenAPI 3.1，含全部字段的 JSON Schema）：<a href="/api/openapi.json"><code>/api/openapi.json</code></a></p>
${sections}
</body></html>
`;
}
