/**
 * Every failure leaves as `{ error: "<Chinese message>" }` with a fitting status. Deliberate errors
 * (ApiError, the pipeline's JixiaoError) pass through; framework errors get a Chinese message; the rest
 * are logged and hidden behind a generic 500. No response ever carries a stack trace.
 */
import type { FastifyError } from 'fastify';
import fp from 'fastify-plugin';
import { isJixiaoError } from '../../errors.ts';
import { formatBytes } from '../../ingest/load.ts';
import { ApiError, apiError } from '../errors.ts';

function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

export default fp(
  async (app) => {
    const toApiError = (error: FastifyError): ApiError | undefined => {
      if (error instanceof ApiError) return error;
      if (isJixiaoError(error)) return apiError('JX_UNPROCESSABLE', { detail: error.message });
      if (isUniqueViolation(error))
        return apiError('JX_CONFLICT', { detail: '数据已存在或已被他人修改，请刷新后重试' });
      switch (error.code) {
        case 'FST_REQ_FILE_TOO_LARGE':
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return apiError('JX_TOO_LARGE', { limit: formatBytes(app.settings.maxUploadBytes) });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
          return apiError('JX_UNSUPPORTED_MEDIA', { type: '请使用 application/json 或 multipart/form-data' });
        case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        case 'FST_ERR_CTP_INVALID_JSON_BODY':
          return apiError('JX_BAD_JSON');
        case 'FST_FILES_LIMIT':
        case 'FST_PARTS_LIMIT':
        case 'FST_FIELDS_LIMIT':
          return apiError('JX_BAD_REQUEST', { detail: '上传内容的字段或文件过多' });
      }
      if (error instanceof SyntaxError && error.statusCode === 400) return apiError('JX_BAD_JSON');
      if (error.statusCode === 429) return apiError('JX_RATE_LIMITED');
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return apiError('JX_BAD_REQUEST', { detail: '请求无法处理' });
      }
      return undefined;
    };

    app.setErrorHandler(async (error: FastifyError, request, reply) => {
      const known = toApiError(error);
      if (known) {
        if (known.statusCode >= 500) request.log.error({ err: error }, 'request failed');
        return reply.status(known.statusCode).send({ error: known.message });
      }
      request.log.error({ err: error }, 'unexpected error');
      return reply.status(500).send({ error: apiError('JX_INTERNAL').message });
    });

    app.setNotFoundHandler(async (request, reply) => {
      const url = request.url.split('?')[0]!.slice(0, 200);
      return reply
        .status(404)
        .send({ error: apiError('JX_ROUTE_NOT_FOUND', { method: request.method, url }).message });
    });
  },
  { name: 'jixiao-errors' },
);
