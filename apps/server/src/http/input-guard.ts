import { AppError } from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import { fieldLabel } from './field-labels.ts';

/** C0 control characters other than tab, line feed and carriage return, and DEL. */
function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) || c === 0x7f) return true;
  }
  return false;
}
/** A UTF-16 surrogate without its pair: PostgreSQL would store it as U+FFFD, silently. */
const loneSurrogate = /\p{Cs}/u;

type Problem = { path: string[]; message: string };

/** Deeper than any form of the platform; bounds the work a request can ask of the walk below. */
export const maxInputDepth = 32;

function problemOf(s: string): string | null {
  if (loneSurrogate.test(s)) return '包含无效的 Unicode 字符';
  if (hasControlChar(s)) return '不能包含控制字符';
  return null;
}

type Node = { value: unknown; key: string; parent: Node | null; depth: number };

function pathOf(node: Node | null): string[] {
  const path: string[] = [];
  for (let n = node; n?.parent; n = n.parent) path.unshift(n.key);
  return path;
}

/**
 * The first string (value or key) in parsed input that cannot be stored as sent, or nesting deeper
 * than `maxInputDepth`. Iterative and linear in the input's size: a hostile body costs no more to
 * check than to parse.
 */
export function findBadText(input: unknown): Problem | null {
  const stack: Node[] = [{ value: input, key: '', parent: null, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    const { value } = node;
    if (typeof value === 'string') {
      const message = problemOf(value);
      if (message) return { path: pathOf(node), message };
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    // An upload's stream or buffer is checked by its own reader.
    if (ArrayBuffer.isView(value) || typeof (value as { pipe?: unknown }).pipe === 'function') continue;
    if (node.depth >= maxInputDepth) return { path: pathOf(node).slice(0, 1), message: '嵌套层级过深' };
    for (const [key, v] of Object.entries(value)) {
      const message = Array.isArray(value) ? null : problemOf(key);
      if (message) return { path: pathOf(node), message: `字段名${message}` };
      stack.push({ value: v, key, parent: node, depth: node.depth + 1 });
    }
  }
  return null;
}

/**
 * The name of the first query parameter whose percent-encoding is not UTF-8 (the parser would turn it
 * into U+FFFD or keep it raw, silently), '' when the name itself is broken, null when all decode.
 */
function undecodableQueryName(url: string): string | null {
  const start = url.indexOf('?');
  if (start < 0) return null;
  for (const pair of url.slice(start + 1).split('&')) {
    const [name = '', value = ''] = pair.split('=', 2);
    const decodedName = tryDecode(name);
    if (decodedName === null) return '';
    if (tryDecode(value) === null) return decodedName;
  }
  return null;
}

function tryDecode(s: string): string | null {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

const places = [
  ['params', '路径参数'],
  ['query', '查询参数'],
  ['body', '请求体'],
] as const;

/**
 * Refuses, for every route, text that would be stored differently from what was sent: NUL and other
 * control characters and lone surrogates, in path parameters, query strings and JSON bodies (400
 * naming the field). Runs after the guard, so an unauthorised caller still learns nothing.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    const badName = undecodableQueryName(req.url);
    if (badName !== null) {
      const label = badName ? fieldLabel(badName, req.routeOptions.url) : '查询参数';
      const message = `${label}：不是有效的 UTF-8 编码`;
      throw new AppError('VALIDATION_FAILED', message, { fields: [{ path: badName, message }] });
    }
    for (const [part, where] of places) {
      const found = findBadText(req[part]);
      if (!found) continue;
      const path = found.path.join('.');
      const label = path ? fieldLabel(path, req.routeOptions.url) : where;
      const message = `${label}：${found.message}`;
      throw new AppError('VALIDATION_FAILED', message, { fields: [{ path, message }] });
    }
  });
}
