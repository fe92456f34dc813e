/** The API's own description: the OpenAPI 3.1 document and a docs page rendered from it. */
import { z } from 'zod';
import { DOCS_CSP, renderDocsPage } from '../docs-page.ts';
import { buildOpenApi, type OpenApiDocument } from '../openapi.ts';
import { JIXIAO_VERSION } from '../pipeline.ts';
import type { RoutesPlugin } from '../plugins/schemas.ts';

const Document = z.object({
  openapi: z.literal('3.1.0'),
  info: z.object({ title: z.string(), version: z.string(), description: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
  components: z.record(z.string(), z.unknown()),
});

const docs: RoutesPlugin = async (app) => {
  // Built once, on first request: by then every route is registered.
  let document: OpenApiDocument | undefined;
  let page: string | undefined;
  const current = () => (document ??= buildOpenApi(app.apiRoutes, JIXIAO_VERSION));

  app.get(
    '/api/openapi.json',
    {
      config: { access: 'public' },
      schema: {
        summary: 'OpenAPI 3.1 文档（由各接口的 zod 定义生成）',
        tags: ['文档'],
        response: { 200: Document },
      },
    },
    async () => current() as z.input<typeof Document>,
  );

  app.get(
    '/api/docs',
    {
      config: { access: 'public', contentSecurityPolicy: DOCS_CSP },
      schema: {
        summary: '接口说明页（HTML）',
        tags: ['文档'],
        response: { 200: z.string().describe('HTML 页面') },
      },
    },
    async (_request, reply) => {
      page ??= renderDocsPage(current());
      return reply.type('text/html; charset=utf-8').send(page);
    },
  );
};
export default docs;
