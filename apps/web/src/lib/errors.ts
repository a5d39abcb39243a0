import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { type ClientErrorCode, isApiError } from './api';

type NamePath = (string | number)[];

/** 'team.0.personId' → ['team', 0, 'personId'], the antd Form name of a server field path. */
export function fieldPathToName(path: string | readonly PropertyKey[]): NamePath {
  const parts = typeof path === 'string' ? path.split('.') : path;
  return parts.map((part) => {
    if (typeof part === 'number') return part;
    const s = String(part);
    return /^\d+$/.test(s) ? Number(s) : s;
  });
}

/** Puts field messages onto a form; returns how many were set. */
export function applyFieldErrors(
  form: FormInstance,
  fields: readonly { path: string | readonly PropertyKey[]; message: string }[],
): number {
  const grouped = new Map<string, { name: NamePath; errors: string[] }>();
  for (const field of fields) {
    const name = fieldPathToName(field.path);
    if (name.length === 0) continue;
    const key = JSON.stringify(name);
    const entry = grouped.get(key) ?? { name, errors: [] };
    entry.errors.push(field.message);
    grouped.set(key, entry);
  }
  form.setFields([...grouped.values()]);
  return grouped.size;
}

const redirectedCodes = new Set<ClientErrorCode>([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'PASSWORD_CHANGE_REQUIRED',
]);

interface HandleErrorOptions {
  /** Form whose fields receive the server's per-field validation messages. */
  form?: FormInstance;
  /** Called on a 409 CONFLICT (someone else saved first) to reload the data. */
  onConflict?: () => void;
}

/** Hook returning the one way pages report a failed request: a toast, field errors, reload on conflict. */
export function useErrorHandler(): (error: unknown, options?: HandleErrorOptions) => void {
  const { message } = App.useApp();
  return useCallback(
    (error: unknown, options: HandleErrorOptions = {}) => {
      if (!isApiError(error)) {
        message.error(error instanceof Error ? error.message : '操作失败，请重试');
        return;
      }
      // The auth provider has already redirected for these.
      if (redirectedCodes.has(error.code)) return;
      if (error.code === 'CONFLICT') {
        message.warning(`${error.message}。已重新加载最新数据，请核对后再操作`);
        options.onConflict?.();
        return;
      }
      const fields = error.details?.fields ?? [];
      if (fields.length > 0 && options.form) {
        applyFieldErrors(options.form, fields);
        message.error(error.message);
        return;
      }
      const extra = fields.map((f) => f.message).join('；');
      message.error(extra ? `${error.message}：${extra}` : error.message);
    },
    [message],
  );
}

/** Message of an unknown error, for inline alerts. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return '加载失败';
}
