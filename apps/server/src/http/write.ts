import { AppError } from '@dangjian/core';
import type { FastifyRequest } from 'fastify';
import { appendAuditEntryAlone, appendAuditEntryNotingMarks, type NewAuditEntry } from './audit-append.ts';
import type { AuditChange, Db, Trx } from './context.ts';
import { refreshFindings } from './findings-store.ts';
import { bumpGeneration } from './generation.ts';

/** The longest a write's answer waits for its findings' re-evaluation. */
const refreshWaitMs = 300;

/** Resolves when `work` settles or after `ms`, whichever is first (the work goes on either way). */
function settledOrAfter(work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([work, new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)))]).finally(() =>
    clearTimeout(timer),
  );
}

/** The audit entry of a request's use case: who, from where, under the route's action, about what. */
function entryOf(
  req: FastifyRequest,
  action: string,
  change: AuditChange,
  outcome: 'success' | 'failure',
  summary = change.summary ?? null,
): NewAuditEntry {
  return {
    actorId: req.actor?.userId ?? null,
    actorName: req.actor?.username ?? null,
    ip: req.ip,
    action,
    targetType: change.targetType ?? null,
    targetId: change.targetId === undefined ? null : String(change.targetId),
    summary,
    before: change.before ?? null,
    after: change.after ?? null,
    outcome,
  };
}

/** The route's declared audit action; a route that writes without one is a programming error. */
function auditActionOf(req: FastifyRequest): string {
  const action = req.routeOptions.config.audit;
  if (!action) throw new Error(`route ${req.method} ${req.routeOptions.url} declares no audit action`);
  return action;
}

/**
 * Runs one state-changing use case in one transaction and appends its audit entry in that same
 * transaction: the change and its record land together or not at all. The action comes from the
 * route's declared `audit` config. A use case the service refuses as FORBIDDEN (e.g. 三员分立 on
 * accounts) is recorded as a failure under the same action, like the guard's `access.denied`.
 */
export async function runWrite<T>(
  db: Db,
  req: FastifyRequest,
  fn: (trx: Trx, change: AuditChange) => Promise<T>,
): Promise<T> {
  const action = auditActionOf(req);
  const change: AuditChange = {};
  let touched: string[] = [];
  const result = await db
    .transaction()
    .execute(async (trx) => {
      const result = await fn(trx, change);
      const entry = entryOf(req, action, change, 'success');
      // The marks this write left for the findings name its entry, so a finding it resolves says by what.
      const { markSources } = await appendAuditEntryNotingMarks(trx, entry, {
        action,
        targetType: entry.targetType,
        targetId: entry.targetId,
        summary: entry.summary,
        actorName: req.actor?.displayName ?? entry.actorName,
      });
      touched = markSources;
      return result;
    })
    .catch(async (error: unknown) => {
      if (error instanceof AppError && error.code === 'FORBIDDEN')
        await appendAuditEntryAlone(db, entryOf(req, action, change, 'failure', `拒绝：${error.message}`));
      throw error;
    });
  // Caches made from the tables this write touched are stale now (others stay: a phone number does not move
  // the compliance matrix).
  bumpGeneration(db, touched);
  // Findings the write changed are re-evaluated before the answer, so the writer sees them at once (a round takes
  // milliseconds). When the engine is busy, as under a burst of writes, the answer waits for them no longer than
  // `refreshWaitMs`: the write is committed, and its findings follow moments later. A write that left no marks (it
  // touched no fact a finding reads, as a vote) changed no finding and waits for nobody else's: the marks of writes
  // made elsewhere are the change listener's to process (and the test client's settle).
  if (touched.length > 0) await settledOrAfter(refreshFindings(db), refreshWaitMs);
  return result;
}

/**
 * Records a sensitive read (e.g. an unmasked ID number) in the audit log, in its own transaction,
 * under the route's declared `audit` action. Reads that reveal nothing sensitive are not logged.
 */
export async function recordSensitiveRead(db: Db, req: FastifyRequest, change: AuditChange): Promise<void> {
  await appendAuditEntryAlone(db, entryOf(req, auditActionOf(req), { ...change, before: null }, 'success'));
}
