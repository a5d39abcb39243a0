import { AppError, activityKindLabels, type reviewBody, reviewRatingLabels } from '@dangjian/core';
import type { z } from 'zod';
import type { Actor, AuditChange, Trx } from '../../http/context.ts';
import { isPathInScope } from '../../http/scope.ts';
import * as repo from './repo.ts';
import { loadInScope, reviewsFromAbove } from './service.ts';

/*
 * Supervision checks (督促检查): a reviewer of the 总支 above a branch, or the 组织部 (scope all), rates a
 * closed record and comments on content and procedure; the branch answers once.
 */

/** The org a reviewer checks on behalf of: their subtree root containing the record, or none for the 组织部. */
function reviewerOrgId(actor: Actor, orgPath: string): number | null {
  if (actor.scope.kind !== 'subtrees') return null;
  const i = actor.scope.paths.findIndex((p) => orgPath.startsWith(p) && orgPath !== p);
  if (i < 0) return null;
  const root = actor.scope.paths[i]!.split('/').filter(Boolean).at(-1);
  return root ? Number(root) : null;
}

/** Rates a closed record (督促检查). */
export async function reviewActivity(
  trx: Trx,
  actor: Actor,
  id: number,
  body: z.output<typeof reviewBody>,
  now: Date,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockActivity(trx, id))) throw new AppError('NOT_FOUND');
  const a = await loadInScope(trx, actor, id);
  if (!reviewsFromAbove(actor, a.org_path))
    throw new AppError('FORBIDDEN', '只有上级党组织（党总支或组织部）可以检查本组织的记录');
  if (a.status !== 'closed') throw new AppError('CONFLICT', '只能检查已归档的活动记录');
  const row = await repo.insertReview(trx, {
    activity_id: id,
    reviewer_id: actor.userId,
    reviewer_name: actor.displayName,
    reviewer_org_id: reviewerOrgId(actor, a.org_path),
    rating: body.rating,
    content_comment: body.contentComment,
    procedure_comment: body.procedureComment,
    reviewed_at: now,
  });
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `检查${a.org_name}${activityKindLabels[a.kind]}“${a.title}”：${reviewRatingLabels[body.rating]}`;
  change.after = { reviewId: row.id, ...body };
}

/** The branch answers a check, once. */
export async function respondToReview(
  trx: Trx,
  actor: Actor,
  id: number,
  reviewId: number,
  response: string,
  now: Date,
  change: AuditChange,
): Promise<void> {
  const a = await loadInScope(trx, actor, id);
  if (!isPathInScope(actor.scope, a.org_path)) throw new AppError('NOT_FOUND');
  const review = await repo.lockReview(trx, id, reviewId);
  if (!review) throw new AppError('NOT_FOUND');
  if (review.response !== null) throw new AppError('CONFLICT', '已答复过该检查意见');
  await repo.updateReview(trx, reviewId, {
    response,
    responded_by: actor.userId,
    responder_name: actor.displayName,
    responded_at: now,
  });
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `答复“${a.title}”的检查意见`;
  change.after = { reviewId, response };
}
