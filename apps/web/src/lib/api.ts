import type { ErrorCode, ErrorDetails } from '@dangjian/core';

/** Codes the client itself may raise in addition to the server's closed set. */
export type ClientErrorCode = ErrorCode | 'NETWORK_ERROR' | 'BAD_RESPONSE';

/** A failed API call: the server's `{ code, message, details }` plus the HTTP status. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ClientErrorCode;
  readonly details: ErrorDetails | undefined;
  constructor(status: number, code: ClientErrorCode, message: string, details?: ErrorDetails) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }
}

/** True when `error` is an ApiError with one of `codes`. */
export function isApiError(error: unknown, ...codes: ClientErrorCode[]): error is ApiError {
  return error instanceof ApiError && (codes.length === 0 || codes.includes(error.code));
}

/** Codes after which the client must leave the page it is on (sign in again / change password). */
export type AuthFailureCode = 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'PASSWORD_CHANGE_REQUIRED';

type AuthFailureHandler = (code: AuthFailureCode) => void;

let csrfToken: string | null = null;
let authFailureHandler: AuthFailureHandler | null = null;

/** Remembers the CSRF token from the latest login / `me` response; sent on every unsafe request. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Registers who reacts to a lost session or a forced password change (the auth provider). */
export function setAuthFailureHandler(handler: AuthFailureHandler | null): void {
  authFailureHandler = handler;
}

type QueryValue = string | number | boolean | null | undefined;
/** Query-string parameters; empty values are left out. */
export type QueryParams = Record<string, QueryValue>;

interface RequestOptions {
  query?: QueryParams | undefined;
  body?: unknown;
  signal?: AbortSignal | undefined;
  /** Leave 401/403 auth failures to the caller instead of redirecting (used by `me` and login). */
  skipAuthRedirect?: boolean;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Builds `/api/...?a=1` leaving out empty parameters. */
export function buildUrl(path: string, query?: QueryParams): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

function readErrorBody(
  value: unknown,
): { code: ClientErrorCode; message: string; details?: ErrorDetails } | null {
  if (typeof value !== 'object' || value === null) return null;
  const code = 'code' in value && typeof value.code === 'string' ? value.code : null;
  const message = 'message' in value && typeof value.message === 'string' ? value.message : null;
  if (!code || !message) return null;
  const details =
    'details' in value && typeof value.details === 'object' && value.details !== null
      ? (value.details as ErrorDetails)
      : undefined;
  // The server only answers codes from the closed set in core; trust it at this boundary.
  return { code: code as ClientErrorCode, message, ...(details ? { details } : {}) };
}

async function request<T>(method: Method, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;

  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? null : JSON.stringify(options.body),
      signal: options.signal ?? null,
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK_ERROR', '无法连接服务器，请检查网络后重试');
  }

  const text = await response.text();
  let payload: unknown = null;
  if (text) {
    try {
      payload = JSON.parse(text);
    } catch {
      if (response.ok) throw new ApiError(response.status, 'BAD_RESPONSE', '服务器返回了无法识别的数据');
    }
  }

  if (!response.ok) {
    const body = readErrorBody(payload);
    const error = body
      ? new ApiError(response.status, body.code, body.message, body.details)
      : new ApiError(
          response.status,
          response.status >= 500 ? 'INTERNAL' : 'BAD_RESPONSE',
          `请求失败（${response.status}）`,
        );
    if (
      !options.skipAuthRedirect &&
      (error.code === 'UNAUTHENTICATED' ||
        error.code === 'SESSION_EXPIRED' ||
        error.code === 'PASSWORD_CHANGE_REQUIRED')
    ) {
      authFailureHandler?.(error.code);
    }
    throw error;
  }
  // The response shapes are the zod contracts in @dangjian/core, which the server validates on output.
  return payload as T;
}

/** Thin JSON client for the Dangjian API: same-origin cookie session, CSRF header, typed errors. */
export const api = {
  get: <T>(path: string, query?: QueryParams, options?: Omit<RequestOptions, 'query' | 'body'>) =>
    request<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options?: Omit<RequestOptions, 'body'>) =>
    request<T>('POST', path, { ...options, body: body ?? {} }),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, { body }),
  delete: <T>(path: string) => request<T>('DELETE', path),
};
