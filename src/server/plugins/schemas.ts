/**
 * zod as Fastify's schema language. Requests are validated with each route's `schema.params`,
 * `schema.querystring` and `schema.body` (the first problem becomes a Chinese 400 naming the field);
 * responses are serialised through `schema.response[status]`, so a field the schema does not list never
 * leaves (a reply that does not fit its schema is a 500, logged, rather than a leak). Every route is
 * recorded with its schemas and access rule for the OpenAPI document (`openapi.ts`).
 */
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

export default fp(
  async (app) => {
    app.decorate('apiRoutes', []);

    app.setValidatorCompiler(({ schema, httpPart, method, url }) => {
      const zod = requireZod(schema, `${method} ${url} ${httpPart}`);
      const part = PART_NAMES[httpPart ?? ''] ?? '请求';
      return (data: unknown) => {
        // Fastify hands an absent body over as null.
        const value = httpPart === 'body' && data === null ? undefined : data;
        try {
          return { value: parse(zod, value, part) };
        } catch (error) {
          return { error: error as Error };
        }
      };
    });

    app.setSerializerCompiler(({ schema, method, url, httpStatus }) => {
      const zod = requireZod(schema, `${method} ${url} ${httpStatus}`);
      return (data: unknown) => {
        const result = zod.safeParse(data);
        if (!result.success) {
          const issue = result.error.issues[0]!;
          throw new Error(
            `response of ${method} ${url} (${httpStatus}) does not fit its schema at ${issue.path.join('.')}: ${issue.message}`,
          );
        }
        return JSON.stringify(result.data);
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
