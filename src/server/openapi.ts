/**
 * The OpenAPI 3.1 document, generated from the routes as registered (`app.apiRoutes`): their zod schemas
 * for params, query, bodies and replies, their access rule (who may call, which credentials), and the
 * error replies each can give. Nothing here is written by hand per route, so the document cannot drift
 * from what the server validates and sends.
 */
import { z } from 'zod';
import { API_ERRORS } from './errors.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './plugins/auth.ts';
import type { ApiRoute } from './plugins/schemas.ts';
import { isUnitRole, ROLE_NAMES, rolesFor } from './policy.ts';
import { ErrorBody } from './schemas.ts';

type Json = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Record<string, Operation>>;
  components: Json;
}

export interface Operation {
  operationId: string;
  summary?: string;
  description?: string;
  tags?: string[];
  security: Record<string, string[]>[];
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, { description: string; content?: Json }>;
  'x-roles'?: string[];
}

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const STATUS_TEXT: Record<string, string> = { 200: '成功', 201: '已创建', 204: '成功，无内容' };

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12' }) as Json;
  return rest;
}

/** Fastify's `/api/reports/:id` as OpenAPI's `/api/reports/{id}`. */
export function openApiPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

function operationId(method: string, url: string): string {
  const words = url
    .split('/')
    .filter((w) => w !== '' && w !== 'api')
    .map((w) => (w.startsWith(':') ? `by-${w.slice(1)}` : w));
  return [method.toLowerCase(), ...words]
    .join('-')
    .replace(/[^a-zA-Z0-9]+(.)/g, (_, c: string) => c.toUpperCase());
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = jsonSchema(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: where,
      required: where === 'path' || required.has(name),
      ...(description !== undefined ? { description } : {}),
      schema: rest,
    };
  });
}

/** The error codes a route can answer with: from its inputs, its access rule, and what it declares. */
function errorStatuses(route: ApiRoute): string[] {
  const statuses = new Set<string>();
  const { schema, access } = route;
  if (schema.params || schema.querystring || schema.body || schema.multipart) statuses.add('400');
  if (schema.params) statuses.add('414');
  // Any body can be too large or of the wrong media type (the error plugin answers for every route).
  if (schema.body || schema.multipart) {
    statuses.add('413');
    statuses.add('415');
  }
  if (access !== 'public') {
    statuses.add('401');
    statuses.add('403');
    if (access.unit === 'report') statuses.add('404');
  }
  for (const status of Object.keys(schema.response)) if (/^[45]\d\d$/.test(status)) statuses.add(status);
  statuses.add('500');
  return [...statuses].sort();
}

function errorDescription(status: string): string {
  const messages = Object.values(API_ERRORS)
    .filter(([code]) => String(code) === status)
    .map(([, message]) => message);
  return messages.length > 0 ? messages.join('；') : '错误';
}

function operation(route: ApiRoute): Operation {
  const { schema, access } = route;
  const write = WRITE_METHODS.has(route.method);
  const security: Operation['security'] =
    access === 'public'
      ? []
      : [write && route.csrf ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] }];
  const roles = access === 'public' ? undefined : rolesFor(access.action);
  const who =
    roles === undefined
      ? '无需登录。'
      : `权限：${roles.map((r) => ROLE_NAMES[r]).join('、')}${
          roles.some(isUnitRole) && access !== 'public' && access.unit !== undefined
            ? '（单位用户仅限本单位）'
            : ''
        }。`;
  const description = [schema.description, who].filter(Boolean).join('\n\n');

  const params = [...parameters(schema.params, 'path'), ...parameters(schema.querystring, 'query')];
  let requestBody: Json | undefined;
  if (schema.body) {
    requestBody = {
      required: !schema.body.safeParse(undefined).success,
      content: { 'application/json': { schema: jsonSchema(schema.body, 'input') } },
    };
  } else if (schema.multipart) {
    requestBody = {
      required: true,
      content: { 'multipart/form-data': { schema: jsonSchema(schema.multipart, 'input') } },
    };
  }

  const responses: Operation['responses'] = {};
  for (const [status, replySchema] of Object.entries(schema.response)) {
    if (!/^[23]\d\d$/.test(status)) continue;
    responses[status] =
      status === '204'
        ? { description: STATUS_TEXT[status]! }
        : {
            description: STATUS_TEXT[status] ?? '成功',
            content: { 'application/json': { schema: jsonSchema(replySchema, 'output') } },
          };
  }
  for (const status of errorStatuses(route)) {
    responses[status] = {
      description: errorDescription(status),
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
    };
  }

  return {
    operationId: operationId(route.method, route.url),
    ...(schema.summary !== undefined ? { summary: schema.summary } : {}),
    description,
    ...(schema.tags !== undefined ? { tags: schema.tags } : {}),
    security,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(requestBody ? { requestBody } : {}),
    responses,
    ...(roles !== undefined ? { 'x-roles': [...roles] } : {}),
  };
}

export function buildOpenApi(routes: readonly ApiRoute[], version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const route of routes) {
    const path = openApiPath(route.url);
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'jixiao 绩效自评报告服务 API',
      version,
      description:
        '预算绩效自评报告的上传、审查、评分与流程。登录（POST /api/session）后凭会话 Cookie 访问；写请求须在请求头 x-csrf-token 中回传登录时得到的 csrfToken。错误一律为 { "error": "中文说明" }。',
    },
    paths,
    components: {
      schemas: { Error: jsonSchema(ErrorBody, 'output') },
      securitySchemes: {
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: '登录后设置的会话 Cookie（HttpOnly、SameSite=Strict）',
        },
        csrfToken: {
          type: 'apiKey',
          in: 'header',
          name: CSRF_HEADER,
          description: '写请求（POST、DELETE）须回传登录时返回的 csrfToken',
        },
      },
    },
  };
}
