import { createHash } from 'node:crypto';
import { AppError, type AttachmentKind, activityLimits, attachmentKindLabels } from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { loadInScope } from './service.ts';

/** Image types a photo may be, recognised by their first bytes (the declared type is not trusted). */
function photoType(b: Buffer): string | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  return null;
}

const fileTypes: Record<string, string> = {
  pdf: 'application/pdf',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  txt: 'text/plain; charset=utf-8',
};

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
  await trx.selectFrom('activity').select('id').where('id', '=', id).forUpdate().execute();
  if (a.status === 'closed' || a.status === 'cancelled')
    throw new AppError('CONFLICT', '活动记录已归档或已取消，不能再上传附件');
  if (content.length === 0) throw new AppError('VALIDATION_FAILED', '文件：不能上传空文件');
  const fileName = q.fileName.replace(/[\\/]/g, '_');
  let mime: string;
  if (q.kind === 'photo') {
    const t = photoType(content);
    if (!t) throw new AppError('UNSUPPORTED_MEDIA_TYPE', '照片：只能上传 JPEG、PNG 或 WebP 格式的图片');
    mime = t;
  } else {
    const ext = fileName.split('.').pop()?.toLowerCase() ?? '';
    mime = photoType(content) ?? fileTypes[ext] ?? 'application/octet-stream';
  }
  const n = await trx
    .selectFrom('activity_attachment')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('activity_id', '=', id)
    .executeTakeFirstOrThrow();
  if (Number(n.n) >= activityLimits.attachmentsPerActivity)
    throw new AppError('RULE_VIOLATION', `每条活动记录最多 ${activityLimits.attachmentsPerActivity} 个附件`);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const row = await trx
    .insertInto('activity_attachment')
    .values({
      activity_id: id,
      kind: q.kind,
      file_name: fileName,
      mime_type: mime,
      size: content.length,
      sha256,
      content,
      uploaded_by: actor.userId,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：上传${attachmentKindLabels[q.kind]}“${fileName}”`;
  change.after = { attachmentId: row.id, fileName, size: content.length, sha256 };
  return row.id;
}

/** One attachment of a record in scope, with its content. */
export async function getAttachment(db: Db, actor: Actor, id: number, attachmentId: number) {
  await loadInScope(db, actor, id);
  const f = await db
    .selectFrom('activity_attachment')
    .select(['file_name', 'mime_type', 'content'])
    .where('id', '=', attachmentId)
    .where('activity_id', '=', id)
    .executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND');
  return f;
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
  const f = await trx
    .deleteFrom('activity_attachment')
    .where('id', '=', attachmentId)
    .where('activity_id', '=', id)
    .returning(['file_name', 'sha256'])
    .executeTakeFirst();
  if (!f) throw new AppError('NOT_FOUND');
  change.targetType = 'activity';
  change.targetId = id;
  change.summary = `${a.title}：删除附件“${f.file_name}”`;
  change.before = { attachmentId, fileName: f.file_name, sha256: f.sha256 };
}
