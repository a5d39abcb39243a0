import { createHash } from 'node:crypto';
import {
  AppError,
  type IsoDate,
  type RecruitmentDocumentKind,
  recruitmentDocumentKindLabels,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../http/context.ts';
import { acceptUpload, type FileKind, servedType } from '../../http/file-type.ts';
import * as repo from './repo.ts';
import { canEdit, loadInScope } from './service.ts';

/** What a dossier's documents may be, judged by content (http/file-type.ts). */
const documentFileKinds = [
  'pdf',
  'docx',
  'ole',
  'jpeg',
  'png',
  'text',
] as const satisfies readonly FileKind[];

/** Stores an uploaded file in a dossier; returns the document id. */
export async function storeDocument(
  trx: Trx,
  dossier: { id: number; person_name: string },
  q: { kind: RecruitmentDocumentKind; fileName: string; title?: string | undefined; onDate: IsoDate },
  content: Buffer,
  uploader: { userId: number; name: string },
  change: AuditChange,
): Promise<number> {
  if (content.length === 0) throw new AppError('VALIDATION_FAILED', '文件：不能上传空文件');
  const fileName = q.fileName.replace(/[\\/]/g, '_');
  const { mime } = acceptUpload(content, fileName, documentFileKinds);
  const sha256 = createHash('sha256').update(content).digest('hex');
  const title = q.title ?? fileName.replace(/\.[^.]+$/, '');
  const row = await repo.insertDocument(trx, {
    recruitment_id: dossier.id,
    kind: q.kind,
    title,
    on_date: q.onDate,
    file_name: fileName,
    mime_type: mime,
    size: content.length,
    sha256,
    content,
    uploaded_by: uploader.userId,
    uploader_name: uploader.name,
  });
  change.targetType = 'recruitment';
  change.targetId = dossier.id;
  change.summary = `${dossier.person_name}：上传${recruitmentDocumentKindLabels[q.kind]}“${title}”`;
  change.after = { documentId: row.id, fileName, size: content.length, sha256 };
  return row.id;
}

/** A secretary's upload to a dossier in scope that is still in progress. */
export async function addDocument(
  trx: Trx,
  actor: Actor,
  id: number,
  q: {
    kind: RecruitmentDocumentKind;
    fileName: string;
    title?: string | undefined;
    onDate?: string | undefined;
  },
  content: Buffer,
  today: IsoDate,
  change: AuditChange,
): Promise<number> {
  if (!(await repo.lockDossier(trx, id))) throw new AppError('NOT_FOUND');
  const r = await loadInScope(trx, actor, id);
  if (!canEdit(actor, r)) throw new AppError('CONFLICT', '发展程序已终结，不能再上传材料');
  if (q.onDate !== undefined && q.onDate > today)
    throw new AppError('VALIDATION_FAILED', `日期：不能晚于今天（${today}）`);
  return storeDocument(
    trx,
    r,
    { ...q, onDate: q.onDate ?? today },
    content,
    { userId: actor.userId, name: actor.displayName },
    change,
  );
}

/** One document of a dossier in scope, with its content. */
export async function getDocument(db: Db, actor: Actor, id: number, documentId: number) {
  await loadInScope(db, actor, id);
  const f = await repo.documentContent(db, id, documentId);
  if (!f) throw new AppError('NOT_FOUND');
  return {
    fileName: f.file_name,
    content: f.content,
    type: servedType(f.content, f.file_name, documentFileKinds),
  };
}

/** Removes a document no recorded step names. */
export async function deleteDocument(
  trx: Trx,
  actor: Actor,
  id: number,
  documentId: number,
  change: AuditChange,
): Promise<void> {
  if (!(await repo.lockDossier(trx, id))) throw new AppError('NOT_FOUND');
  const r = await loadInScope(trx, actor, id);
  if (!canEdit(actor, r)) throw new AppError('CONFLICT', '发展程序已终结，材料不能删除');
  const used = await repo.eventNamingDocument(trx, id, documentId);
  if (used) throw new AppError('CONFLICT', '材料：已被登记的步骤引用，不能删除');
  const f = await repo.deleteDocumentRow(trx, id, documentId);
  if (!f) throw new AppError('NOT_FOUND');
  change.targetType = 'recruitment';
  change.targetId = id;
  change.summary = `${r.person_name}：删除材料“${f.title}”`;
  change.before = { documentId, title: f.title, sha256: f.sha256 };
}
