/**
 * zod as Fastify's schema language. Requests are validated with each route's `schema.params`,
 * `schema.querystring` and `schema.body` (the first problem becomes a Chinese 400 naming the field);
 * responses are serialised through `schema.response[status]`, so a field the schema does not list never
 * leaves (a reply that does not fit its schema is a 500, logged, rather than a leak). Every route is
 * recorded with its schemas and access rule for the OpenAPI document (`openapi.ts`).
 */

import fastJson from 'fast-json-stringify';
import type { FastifyPluginAsync, FastifyTypeProvider, RawServerDefault, RouteOptions } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import { ErrorBody } from '../schemas.ts';
import type { AccessRule } from '../types.ts';
import { parse } from '../validate.ts';

/** Handlers see the parsed types of their schemas (`request.body` is `z.output<typeof Body>`). */
export interface ZodTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends z.ZodType ? z.output<this['schema']> : unknown;
  serializer: this['schema'] extends z.ZodType ? z.input<this['schema']> : unknown;
}

/** A route plugin whose `app` knows the zod type provider. */
export type RoutesPlugin = FastifyPluginAsync<Record<never, never>, RawServerDefault, ZodTypeProvider>;

declare module 'fastify' {
  interface FastifySchema {
    /** One line of Chinese for the docs page and the OpenAPI `summary`. */
    summary?: string;
    description?: string;
    tags?: string[];
    /** A multipart/form-data body, documented only: the handler reads the parts itself. */
    multipart?: unknown;
  }
  interface FastifyInstance {
    /** Every route registered so far, with its schemas: the OpenAPI document's source. */
    apiRoutes: ApiRoute[];
  }
}

export interface ApiRoute {
  method: string;
  url: string;
  access: AccessRule;
  csrf: boolean;
  schema: {
    summary?: string;
    description?: string;
    tags?: string[];
    params?: z.ZodType;
    querystring?: z.ZodType;
    body?: z.ZodType;
    multipart?: z.ZodType;
    response: Record<string, z.ZodType>;
  };
}

const PART_NAMES: Record<string, string> = { body: '请求体', querystring: '查询参数', params: '路径参数' };

function requireZod(value: unknown, where: string): z.ZodType {
  if (value instanceof z.ZodType) return value;
  throw new Error(`${where}: schemas must be zod schemas`);
}

/**
 * The reply's JSON, written by fast-json-stringify from the zod schema's JSON Schema: only the listed
 * fields leave (as zod's strip did), a missing required field is an error, and it is several times faster
 * than validating every reply with zod. A schema JSON Schema cannot express falls back to zod.
 */
function compileStringify(zod: z.ZodType, where: string): (data: unknown) => string {
  let schema: Record<string, unknown>;
  try {
    schema = z.toJSONSchema(zod, { io: 'output', target: 'draft-7' }) as Record<string, unknown>;
  } catch {
    return (data) => {
      checkReply(zod, data, where);
      return JSON.stringify(zod.parse(data));
    };
  }
  const { $schema: _, ...rest } = schema;
  return onceForFrozen(fastJson(rest) as (data: unknown) => string);
}

/** A frozen reply (a view built once from cached rows, views-once.ts) is written once. */
function onceForFrozen(stringify: (data: unknown) => string): (data: unknown) => string {
  const texts = new WeakMap<object, string>();
  return (data) => {
    if (typeof data !== 'object' || data === null || !Object.isFrozen(data)) return stringify(data);
    let text = texts.get(data);
    if (text === undefined) {
      text = stringify(data);
      texts.set(data, text);
    }
    return text;
  };
}

/** With `settings.checkReplies` (the tests), every reply is also validated against its zod schema. */
function checkReply(zod: z.ZodType, data: unknown, where: string): void {
  const result = zod.safeParse(data);
  if (result.success) return;
  const issue = result.error.issues[0]!;
  throw new Error(
    `response of ${where} does not fit its schema at ${issue.path.join('.')}: ${issue.message}`,
  );
}

const REMEMBERED_LIMIT = 1000;

/**
 * Path parameters and query strings are a few short strings that repeat across requests (the same report
 * id, the same page), so their parsed values are kept: a zod parse was the largest single cost of a cached
 * read. Frozen, since every request with the same input shares them; failures are not kept.
 */
function remembered<T extends { value?: unknown; error?: Error }>(
  validate: (data: unknown) => T,
): (data: unknown) => T {
  const results = new Map<string, T>();
  return (data) => {
    const key = JSON.stringify(data);
    const known = results.get(key);
    if (known) return known;
    const result = validate(data);
    if (result.error) return result;
    if (result.value && typeof result.value === 'object') Object.freeze(result.value);
    if (results.size >= REMEMBERED_LIMIT) results.clear();
    results.set(key, result);
    return result;
  };
}

export default fp(
  async (app) => {
    app.decorate('apiRoutes', []);

    app.setValidatorCompiler(({ schema, httpPart, method, url }) => {
      const zod = requireZod(schema, `${method} ${url} ${httpPart}`);
      const part = PART_NAMES[httpPart ?? ''] ?? '请求';
      const validate = (data: unknown) => {
        // Fastify hands an absent body over as null.
        const value = httpPart === 'body' && data === null ? undefined : data;
        try {
          return { value: parse(zod, value, part) };
        } catch (error) {
          return { error: error as Error };
        }
      };
      return httpPart === 'params' || httpPart === 'querystring' ? remembered(validate) : validate;
    });

    app.setSerializerCompiler(({ schema, method, url, httpStatus }) => {
      const zod = requireZod(schema, `${method} ${url} ${httpStatus}`);
      const where = `${method} ${url} (${httpStatus})`;
      const stringify = compileStringify(zod, where);
      if (!app.settings.checkReplies) return stringify;
      return (data: unknown) => {
        checkReply(zod, data, where);
        return stringify(data);
      };
    });

    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // Fastify adds a HEAD twin for every GET; it is not a route of its own.
      if (methods.every((m) => m === 'HEAD')) return;
      route.schema ??= {};
      const schema = route.schema;
      schema.response ??= {};
      const response = schema.response as Record<string, unknown>;
      // Every failure leaves as `{ error }` (the error plugin), whatever the route.
      response['4xx'] ??= ErrorBody;
      response['5xx'] ??= ErrorBody;
      const where = `${methods.join(',')} ${route.url}`;
      const optional = (key: 'params' | 'querystring' | 'body' | 'multipart') =>
        schema[key] === undefined ? {} : { [key]: requireZod(schema[key], `${where} ${key}`) };
      for (const method of methods) {
        app.apiRoutes.push({
          method,
          url: route.url,
          access: route.config?.access ?? 'public',
          csrf: route.config?.csrf !== false,
          schema: {
            ...(schema.summary !== undefined ? { summary: schema.summary } : {}),
            ...(schema.description !== undefined ? { description: schema.description } : {}),
            ...(schema.tags !== undefined ? { tags: schema.tags } : {}),
            ...optional('params'),
            ...optional('querystring'),
            ...optional('body'),
            ...optional('multipart'),
            response: Object.fromEntries(
              Object.entries(response).map(([status, s]) => [status, requireZod(s, `${where} ${status}`)]),
            ),
          },
        });
      }
    });
  },
  { name: 'jixiao-schemas' },
);
