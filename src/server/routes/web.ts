/**
 * The web app (web/, built by Vite into web/dist): its content-hashed assets, and index.html for every
 * other path outside /api so the app's own routes survive a reload. The app's CSP allows scripts from this
 * origin only — no inline script, no eval — so markup inside a report's text can never run; antd writes
 * its styles at run time, hence inline styles.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { z } from 'zod';
import { apiError } from '../errors.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';

export const APP_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const NOT_BUILT = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>jixiao</title>
<p>网页尚未构建：请在项目目录运行 <code>npm run build</code>（或 <code>npm start</code>，它会在需要时构建）。</p></html>`;

/** web/dist beside the project's package.json (from src/ under tsx, or from the bundle in dist/). */
export function webDist(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'web', 'dist');
}

const web: RoutesPlugin = async (app) => {
  const root = webDist();
  const files = new Map<string, Buffer>();
  const read = async (relative: string): Promise<Buffer | undefined> => {
    const path = resolve(root, relative);
    if (!path.startsWith(root + sep)) return undefined;
    const cached = files.get(path);
    if (cached) return cached;
    const bytes = await readFile(path).catch(() => undefined);
    // Assets are content-hashed and index.html changes only with a build: keep what was read.
    if (bytes) files.set(path, bytes);
    return bytes;
  };
  // Assets are compressed once and kept: the app's vendor chunk shrinks from ~1.1 MB to ~350 KB.
  const gzipped = new Map<string, Buffer>();
  const compress = promisify(gzip);
  const page = { 200: z.string().describe('网页') };

  app.get(
    '/assets/*',
    {
      config: { access: 'public', cacheControl: 'public, max-age=31536000, immutable' },
      schema: { summary: '网页的静态资源（文件名含内容哈希）', tags: ['网页'], response: page },
    },
    async (request, reply) => {
      const name = (request.params as { '*': string })['*'];
      const bytes = await read(join('assets', name));
      if (!bytes) throw apiError('JX_NOT_FOUND', { what: '文件' });
      reply.type(TYPES[extname(name)] ?? 'application/octet-stream').header('vary', 'accept-encoding');
      const textual = /\.(js|css|svg|json)$/.test(name);
      if (!textual || !/\bgzip\b/.test(String(request.headers['accept-encoding'] ?? '')))
        return reply.send(bytes as never);
      let packed = gzipped.get(name);
      if (!packed) {
        packed = await compress(bytes);
        gzipped.set(name, packed);
      }
      return reply.header('content-encoding', 'gzip').send(packed as never);
    },
  );

  app.get(
    '/*',
    {
      config: { access: 'public', contentSecurityPolicy: APP_CSP },
      schema: {
        summary: '网页（单页应用：登录、单位与报告、填报、上传审核、评分、总览）',
        tags: ['网页'],
        response: page,
      },
    },
    async (request, reply) => {
      if (request.url.startsWith('/api/') || request.url === '/api') {
        throw apiError('JX_ROUTE_NOT_FOUND', {
          method: request.method,
          url: request.url.split('?')[0]!.slice(0, 200),
        });
      }
      const index = await read('index.html');
      return reply.type('text/html; charset=utf-8').send((index ?? NOT_BUILT) as never);
    },
  );
};
export default web;
