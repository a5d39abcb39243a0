import {
  AppError,
  type AuditVerifyResult,
  auditProblemLabels,
  type SignedAuditCheckpoint,
} from '@dangjian/core';
import { onAuditAppend } from '../../http/audit-append.ts';
import { genesisHash } from '../../http/audit-chain.ts';
import {
  type AuditKeyring,
  type Checkpoint,
  currentAuditKeyring,
  isCheckpointSignedBy,
  signCheckpoint,
} from '../../http/audit-keyring.ts';
import type { Db } from '../../http/context.ts';
import { appendCheckpoint, readCheckpoints } from './checkpoints.ts';
import {
  type ChainAnchor,
  type ChainWalk,
  databaseName,
  hashOfEntry,
  maxAuditId,
  walkAuditChain,
} from './repo.ts';

const fileSource = '检查点文件';
const keptSource = '您保存的检查点';

/**
 * Verifies the whole chain with the audit key, against every checkpoint in the file and, when given, the
 * checkpoint the auditor kept. When all is well, the head is checkpointed.
 */
export async function verifyAudit(
  db: Db,
  now: Date,
  kept?: SignedAuditCheckpoint,
  keyring: AuditKeyring = currentAuditKeyring(),
): Promise<AuditVerifyResult> {
  const name = await databaseName(db);
  const file = readCheckpoints(keyring, name);
  const lastCheckpointId = file.checkpoints.at(-1)?.id ?? null;
  const base = { keyId: keyring.keyId, lastCheckpointId, keptCheckpointId: null };
  const refuse = (
    problem: 'kept_checkpoint' | 'checkpoint_file' | 'wrong_key',
    detail: string,
    walk?: ChainWalk,
  ) => ({
    ...base,
    ok: false,
    checked: walk?.checked ?? 0,
    firstBrokenId: null,
    reason: `${auditProblemLabels[problem]}：${detail}`,
    problem,
    checkpointsChecked: walk?.anchorsChecked ?? 0,
    head: walk?.head ?? null,
  });
  if (kept) {
    if (!isCheckpointSignedBy(keyring, kept))
      return refuse('kept_checkpoint', '签名无效：它不是用本平台的审计密钥签发的，或内容已被改动');
    if (kept.db !== name) return refuse('kept_checkpoint', `它属于数据库 ${kept.db}，而当前数据库为 ${name}`);
  }
  const anchors: ChainAnchor[] = file.checkpoints.map((c) => ({
    id: c.id,
    hash: c.hash,
    source: fileSource,
  }));
  if (kept) anchors.push({ id: kept.id, hash: kept.hash, source: keptSource });
  const walk = await walkAuditChain(db, keyring, {
    anchors: anchors.filter((a) => a.id > 0 || a.hash !== genesisHash),
    keyedAfter: file.checkpoints[0]?.id ?? null,
  });
  if (!walk.ok)
    return {
      ...base,
      ok: false,
      checked: walk.checked,
      firstBrokenId: walk.firstBrokenId,
      reason: walk.reason,
      problem: walk.problem,
      checkpointsChecked: walk.anchorsChecked,
      head: walk.head,
    };
  if (file.badLines.length > 0)
    return refuse(
      'checkpoint_file',
      `第 ${file.badLines.join('、')} 行的校验码与审计密钥不符（检查点文件被改动，或审计密钥不对）`,
      walk,
    );
  if (file.otherKeyIds.length > 0)
    return refuse(
      'wrong_key',
      `检查点文件中有由密钥 ${file.otherKeyIds.join('、')} 写入的检查点，而当前审计密钥为 ${keyring.keyId}`,
      walk,
    );
  const head = walk.head ?? { id: 0, hash: genesisHash };
  if (lastCheckpointId === null || head.id > lastCheckpointId)
    await appendCheckpoint(keyring, { db: name, ...head, at: now.toISOString(), keyId: keyring.keyId });
  return {
    ...base,
    ok: true,
    checked: walk.checked,
    firstBrokenId: null,
    reason: null,
    problem: null,
    checkpointsChecked: walk.anchorsChecked,
    keptCheckpointId: kept?.id ?? null,
    head: walk.head,
  };
}

/**
 * Checkpoints the head after checking only the entries since the last checkpoint (cheap), and returns it;
 * refuses when those entries do not verify. The head is re-read, so only committed entries count.
 */
export async function takeCheckpoint(
  db: Db,
  now: Date,
  keyring: AuditKeyring = currentAuditKeyring(),
): Promise<{ ok: true; checkpoint: Checkpoint } | { ok: false; walk: ChainWalk }> {
  const name = await databaseName(db);
  const { checkpoints } = readCheckpoints(keyring, name);
  const last = checkpoints.at(-1);
  if (last && last.id > 0) {
    // A walk from the checkpoint cannot see the checkpointed entry itself vanish: look it up.
    const row = await hashOfEntry(db, last.id);
    if (row?.hash !== last.hash) {
      const max = await maxAuditId(db);
      const problem = row ? 'checkpoint' : 'truncated';
      return {
        ok: false,
        walk: {
          ok: false,
          checked: 0,
          firstBrokenId: last.id,
          problem,
          reason: row
            ? `${auditProblemLabels.checkpoint}：${fileSource}记录第 ${last.id} 条的哈希与数据库中的不同`
            : `${auditProblemLabels.truncated}：${fileSource}记到第 ${last.id} 条，数据库中最后一条是第 ${max?.id ?? 0} 条`,
          anchorsChecked: 0,
          head: null,
        },
      };
    }
  }
  const walk = await walkAuditChain(db, keyring, {
    ...(last ? { from: { id: last.id, hash: last.hash } } : {}),
    keyedAfter: checkpoints[0]?.id ?? null,
  });
  if (!walk.ok) return { ok: false, walk };
  const head = walk.head ?? { id: 0, hash: genesisHash };
  if (last && head.id === last.id) return { ok: true, checkpoint: last };
  const checkpoint: Checkpoint = { db: name, ...head, at: now.toISOString(), keyId: keyring.keyId };
  await appendCheckpoint(keyring, checkpoint);
  return { ok: true, checkpoint };
}

/** Takes a checkpoint and signs it for the auditor; refuses (409) when the chain since the last one is broken. */
export async function signedCheckpoint(db: Db, now: Date): Promise<SignedAuditCheckpoint> {
  const keyring = currentAuditKeyring();
  const taken = await takeCheckpoint(db, now, keyring);
  if (!taken.ok)
    throw new AppError(
      'CONFLICT',
      `审计日志完整性校验未通过，不能签发检查点：第 ${taken.walk.firstBrokenId} 条 —— ${taken.walk.reason}`,
    );
  return signCheckpoint(keyring, taken.checkpoint);
}

/**
 * Writes checkpoints in the background: at start, after every `everyEntries` appends and every `everyMs`
 * when something was appended. Never on a request's path; a broken chain is logged, not checkpointed.
 * Returns the stop function, which waits for a checkpoint in progress.
 */
export function startAuditCheckpoints(
  db: Db,
  options: {
    now: () => Date;
    everyEntries?: number;
    everyMs?: number;
    log: (level: 'info' | 'error', msg: string) => void;
  },
): () => Promise<void> {
  const keyring = currentAuditKeyring();
  const everyEntries = options.everyEntries ?? 50;
  let pending = 0;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const run = () => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    pending = 0;
    running = takeCheckpoint(db, options.now(), keyring)
      .then((r) => {
        if (!r.ok)
          options.log('error', `审计日志检查点未写入：第 ${r.walk.firstBrokenId} 条 —— ${r.walk.reason}`);
      })
      .catch((e: unknown) =>
        options.log('error', `审计日志检查点写入失败：${e instanceof Error ? e.message : e}`),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          run();
        }
      });
  };
  const unsubscribe = onAuditAppend(() => {
    pending += 1;
    if (pending >= everyEntries) run();
  });
  const timer = setInterval(() => {
    if (pending > 0) run();
  }, options.everyMs ?? 60_000);
  timer.unref();
  run();
  return async () => {
    stopped = true;
    unsubscribe();
    clearInterval(timer);
    await running;
  };
}
