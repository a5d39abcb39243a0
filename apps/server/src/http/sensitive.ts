import type { Actor } from './context.ts';

/**
 * The one masking rule: full ID numbers and phones are shown only to a holder of
 * `member:member:sensitive` who asks for them (`?unmasked=true`); the route then audits the read with
 * `recordSensitiveRead` under its declared audit action. Everything else is masked — every module's
 * JSON, exports, printed Word materials and ledgers. A person's own record under /api/me is theirs and
 * is shown to them in full without an audit entry.
 */
export function shouldUnmask(actor: Actor, asked: boolean | undefined): boolean {
  return asked === true && actor.permissions.has('member:member:sensitive');
}

/** Whether the actor could ask for full numbers at all (the UI shows its “显示完整信息” button from this). */
export function canViewSensitive(actor: Actor): boolean {
  return actor.permissions.has('member:member:sensitive');
}
