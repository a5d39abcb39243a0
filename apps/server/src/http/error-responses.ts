import { errorResponse } from '@dangjian/core';
import type { RouteOptions } from 'fastify';
import { z } from 'zod';

/** Stands for a route's success answer when it declares none (file downloads). */
const anySuccess = z.unknown().describe('成功');
/** Errors are JSON even where the route's success is a file (`produces`). */
const errorAnswer = { description: '错误', content: { 'application/json': { schema: errorResponse } } };

/**
 * The error statuses a route can answer, from what it is: every route validates its input (400);
 * a protected one needs a session (401) and a permission and CSRF token (403); a path id or an id
 * in the input may name a row that does not exist or lies outside the caller's scope (404); a
 * write, or a read of a row whose state or kind does not allow it (the sign-in code of a meeting
 * not held, the 介绍信 of an internal transfer), may conflict (409) or break a rule (422); a body
 * may be too large (413) or of the wrong type (415); a throttled route may answer 429.
 */
export function errorStatusesOf(route: Pick<RouteOptions, 'method' | 'url' | 'config' | 'schema'>): number[] {
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const isWrite = methods.some((m) => m !== 'GET' && m !== 'HEAD');
  const cfg = (route.config ?? {}) as { public?: boolean; rateLimit?: unknown };
  const schema = route.schema ?? {};
  const statuses = [400];
  if (!cfg.public) statuses.push(401, 403);
  if (!cfg.public && (route.url.includes(':') || schema.body || schema.querystring)) statuses.push(404);
  if (isWrite || route.url.includes(':')) statuses.push(409, 422);
  if (isWrite) statuses.push(413, 415);
  if (cfg.rateLimit) statuses.push(429);
  return statuses;
}

/**
 * Documents the error answers of an API route in its response schemas (and so in the OpenAPI
 * document), where the route did not declare them itself. The error handler's bodies are serialised
 * with the same schema, so what is documented is what is sent.
 */
export function documentErrorResponses(route: RouteOptions): void {
  if (!route.url.startsWith('/api') || route.schema?.hide) return;
  const declared = (route.schema?.response ?? {}) as Record<string, unknown>;
  const response: Record<string, unknown> = {};
  if (!Object.keys(declared).some((s) => s.startsWith('2'))) response[200] = anySuccess;
  for (const status of errorStatusesOf(route)) response[status] = errorAnswer;
  route.schema = { ...route.schema, response: { ...response, ...declared } };
}
