import { z } from 'zod';
import { isIsoDate } from '../dates.ts';
import { type ErrorCode, errorCodes } from '../errors.ts';
import { limits } from '../limits.ts';

/** A calendar day 'YYYY-MM-DD'. */
export const isoDate = z.string().refine(isIsoDate, { message: '日期格式应为 YYYY-MM-DD' });

/** A positive database id in a JSON body (PostgreSQL integer range). */
export const dbId = z.number().int().positive().max(2_147_483_647);

/** A positive database id, accepted from a path or query string. */
export const idParam = z.coerce.number().int().positive().max(2_147_483_647);
export const idParams = z.strictObject({ id: idParam });

/**
 * `?unmasked=true` asks for full ID numbers and phones; the server shows them only to a holder of
 * member:member:sensitive and audits the read. Every route that can reveal them takes this query.
 */
export const unmaskedQuery = z.strictObject({
  unmasked: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});

/** Text without control characters, trimmed. HTML is stored as text and escaped on output. */
export function text(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min, { message: min <= 1 ? '不能为空' : `至少 ${min} 个字符` })
    .max(max, { message: `不能超过 ${max} 个字符` })
    .refine((s) => !/\p{Cc}/u.test(s), { message: '不能包含控制字符' });
}

/** The message of a PATCH that would change nothing. */
export const emptyPatchMessage = '至少修改一项';

/**
 * A PATCH body must change at least one field; `version` (the optimistic lock) is not a change.
 * Without this an empty patch reaches the database as an UPDATE with nothing to set.
 */
export function requireChange<T extends z.ZodType<object>>(schema: T): T {
  return schema.refine((b) => Object.entries(b).some(([k, v]) => k !== 'version' && v !== undefined), {
    message: emptyPatchMessage,
  });
}

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});

/** A page of a list. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const okResponse = z.object({ ok: z.literal(true) });

/** Every error the API answers: `{ code, message, details? }` with a code from the closed set. */
export const errorResponse = z
  .object({
    code: z.enum(Object.keys(errorCodes) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z
      .object({ fields: z.array(z.object({ path: z.string(), message: z.string() })).optional() })
      .catchall(z.unknown())
      .optional(),
  })
  .describe('错误');
