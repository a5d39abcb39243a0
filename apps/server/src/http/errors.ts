import { existsSync } from 'node:fs';
import path from 'node:path';
import { AppError, type ErrorBody, errorCodes } from '@dangjian/core';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { fieldLabel } from './field-labels.ts';

function validationBody(
  issues: { path: PropertyKey[]; message: string; code?: string; keys?: string[] }[],
  where: string,
  route?: string,
): ErrorBody {
  const fields = issues.map((i) => {
    const path = i.path.map(String).join('.');
    const keys = i.code === 'unrecognized_keys' && i.keys ? i.keys.join('、') : null;
    const label = keys ? `未知字段 ${keys}` : path ? fieldLabel(path, route) : where;
    // A refinement of the whole body (至少修改一项) is already a sentence for people: no "请求体：".
    if (!keys && !path && i.code === 'custom') return { path, message: i.message };
    return { path: keys ?? path, message: keys ? `${label}：不允许提交该字段` : `${label}：${i.message}` };
  });
  return {
    code: 'VALIDATION_FAILED',
    message: fields[0]?.message ?? errorCodes.VALIDATION_FAILED.message,
    details: { fields },
  };
}

/** Maps every error to a real status and `{ code, message, details? }`; never leaks internals. */
export function registerErrorHandling(app: FastifyInstance, webDist?: string): void {
  app.setErrorHandler((error: FastifyError | AppError | Error, req, reply) => {
    if (error instanceof AppError) {
      const body: ErrorBody = { code: error.code, message: error.message };
      if (error.details) body.details = error.details;
      return reply.status(error.status).send(body);
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where =
        { body: '请求体', querystring: '查询参数', params: '路径参数', headers: '请求头' }[
          error.validationContext ?? 'body'
        ] ?? '请求';
      const issues = error.validation.map((v) => ({
        path: v.instancePath.split('/').filter(Boolean),
        message: v.message ?? '格式错误',
        code: v.keyword,
        keys: (v.params as { keys?: string[] }).keys,
      }));
      // A missing or non-object body is reported as a whole.
      return reply.status(400).send(validationBody(issues, where, req.routeOptions.url));
    }
    const fe = error as FastifyError;
    switch (fe.code) {
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return reply
          .status(413)
          .send({ code: 'PAYLOAD_TOO_LARGE', message: errorCodes.PAYLOAD_TOO_LARGE.message });
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return reply
          .status(415)
          .send({ code: 'UNSUPPORTED_MEDIA_TYPE', message: errorCodes.UNSUPPORTED_MEDIA_TYPE.message });
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return reply.status(400).send({ code: 'MALFORMED_REQUEST', message: '请求体不能为空' });
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return reply.status(400).send({ code: 'MALFORMED_REQUEST', message: '请求体不是有效的 JSON' });
      default:
        break;
    }
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      if (fe.code === 'FST_ERR_VALIDATION' || fe.validation)
        return reply.status(400).send({ code: 'VALIDATION_FAILED', message: fe.message });
      return reply
        .status(400)
        .send({ code: 'MALFORMED_REQUEST', message: errorCodes.MALFORMED_REQUEST.message });
    }
    const pgCode = (error as { code?: string }).code;
    if (pgCode === '23505') return reply.status(409).send({ code: 'CONFLICT', message: '与现有记录重复' });
    if (pgCode === '23503')
      return reply.status(409).send({ code: 'CONFLICT', message: '关联的记录不存在或仍被引用' });
    req.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: errorCodes.INTERNAL.message });
  });

  const spaIndex = webDist && existsSync(path.join(webDist, 'index.html'));
  app.setNotFoundHandler((req, reply) => {
    // Client-side routes (/orgs/12, /alerts…) get the single-page app; unknown API paths a JSON 404, and so
    // does a missing /assets/ file: a page from before a deploy asking for a replaced chunk must not get HTML.
    // HEAD answers like GET, so monitoring probes of a page work.
    const isPage = !req.url.startsWith('/api') && !req.url.startsWith('/assets/');
    if (spaIndex && (req.method === 'GET' || req.method === 'HEAD') && isPage) {
      return reply.type('text/html').sendFile('index.html');
    }
    return reply
      .status(404)
      .send({ code: 'NOT_FOUND', message: `接口不存在：${req.method} ${req.url.split('?')[0]}` });
  });
}
