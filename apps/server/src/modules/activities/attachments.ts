import { createHash } from 'node:crypto';
import { AppError, type AttachmentKind, activityLimits, attachmentKindLabels } from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { acceptUpload, type FileKind, servedType } from '../../http/file-type.ts';
import * as repo from './repo.ts';
import { loadInScope } from './service.ts';

/** What each kind of attachment may be, judged by content (http/file-type.ts). */
export const attachmentFileKinds = {
  photo: ['jpeg', 'png', 'webp'],
  file: ['pdf', 'docx', 'xlsx', 'pptx', 'ole', 'jpeg', 'png', 'webp', 'gif', 'text'],
} as const satisfies Record<AttachmentKind, readonly FileKind[]>;

/** Stores a photo or file of a record that is not yet closed; returns the attachment id. */
export async function addAttachment(
  trx: Trx,
  actor: Actor,
  id: number,
  q: { kind: AttachmentKind; fileName: string },
  content: Buffer,
  change: AuditChange,
): Promise<number> {
  const a = await loadInScope(trx, actor, id);
  await repo.lockActivity(trx, id);
  if (a.status === 'closed' || a.status === 'cancelled')
    throw new AppError('CONFLICT', '活动记录已归档或已取消，不能再上传附件');
  if (content.length === 0) throw new AppError('VALIDATION_FAILED', '文件：不能上传空文件');
  const fileName = q.fileName.replace(/[\\/]/g, '_');
  const { mime } = acceptUpload(content, fileName, attachmentFileKinds[q.kind], attachmentKindLabels[q.kind]);
  const n = await repo.countAttachments(trx, id);
  if (n >= activityLimits.attachmentsPerActivity)
    throw new AppError('RULE_VIOLATION', `每条活动记录最多 ${activityLimits.attachmentsPerActivity} 个附件`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const row = await repo.insertAttachment(trx, {
    activity_id: id,
    kind: q.kind,
    file_name: fileName,
    mime_type: mime,
    size: content.length,
    sha256,
    content,
    uploaded_by: actor.userId,
  });
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：上传${attachmentKindLabels[q.kind]}“${fileName}”`;
  change.after = { attachmentId: row.id, fileName, size: content.length, sha256 };
  return row.id;
}

/** One attachment of a record in scope, with its content. */
export async function getAttachment(db: Db, actor: Actor, id: number, attachmentId: number) {
  await loadInScope(db, actor, id);
  const f = await repo.attachmentContent(db, id, attachmentId);
  if (!f) throw new AppError('NOT_FOUND');
  const kinds = f.kind === 'photo' ? attachmentFileKinds.photo : attachmentFileKinds.file;
  return { fileName: f.file_name, content: f.content, type: servedType(f.content, f.file_name, kinds) };
}

/** Removes an attachment while the record is open. */
export async function deleteAttachment(
  trx: Trx,
  actor: Actor,
  id: number,
  attachmentId: number,
  change: AuditChange,
): Promise<void> {
  const a = await loadInScope(trx, actor, id);
  if (a.status === 'closed' || a.status === 'cancelled')
    throw new AppError('CONFLICT', '活动记录已归档或已取消，附件不能删除');
  const f = await repo.deleteAttachmentRow(trx, id, attachmentId);
  if (!f) throw new AppError('NOT_FOUND');
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：删除附件“${f.file_name}”`;
  change.before = { attachmentId, fileName: f.file_name, sha256: f.sha256 };
}
