import { createHmac, timingSafeEqual } from 'node:crypto';
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { appendFile } from 'node:fs/promises';
import { canonicalJson } from '../../http/audit-chain.ts';
import type { AuditKeyring, Checkpoint } from '../../http/audit-keyring.ts';

// The checkpoint file (DATA_DIR/audit-checkpoints.jsonl): one JSON object per line,
// {"v":1,"db","id","hash","at","keyId","mac"}, mac = HMAC-SHA256(audit key, "dangjian-audit-checkpoint-file/1\n"
// + canonical JSON of the other fields). Only appended to; lines of several databases may share it (tests).

function fileMac(key: Uint8Array, c: Checkpoint): string {
  return createHmac('sha256', key)
    .update('dangjian-audit-checkpoint-file/1\n')
    .update(canonicalJson({ db: c.db, id: c.id, hash: c.hash, at: c.at, keyId: c.keyId }))
    .digest('hex');
}

/** The checkpoints of one database found in the file, and the lines that failed their check. */
export interface CheckpointsOfDb {
  checkpoints: Checkpoint[];
  /** Line numbers (1-based) whose MAC does not match under the current key. */
  badLines: number[];
  /** Key ids of lines written under another key. */
  otherKeyIds: string[];
}

interface FileCache {
  offset: number;
  lineNo: number;
  byDb: Map<string, CheckpointsOfDb>;
}

/** What has been read of each file so far: the file is only appended to, so only new bytes are read. */
const caches = new Map<string, FileCache>();

function readNew(keyring: AuditKeyring, file: string): FileCache {
  let cache = caches.get(file);
  if (!cache) {
    cache = { offset: 0, lineNo: 0, byDb: new Map() };
    caches.set(file, cache);
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    return cache;
  }
  if (size < cache.offset) {
    // The file shrank: start over, so lines that vanished are no longer trusted.
    cache.offset = 0;
    cache.lineNo = 0;
    cache.byDb = new Map();
  }
  if (size === cache.offset) return cache;
  const buf = Buffer.alloc(size - cache.offset);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, buf, 0, buf.length, cache.offset);
  } finally {
    closeSync(fd);
  }
  const end = buf.lastIndexOf(0x0a);
  if (end < 0) return cache;
  for (const line of buf.subarray(0, end).toString('utf8').split('\n')) {
    cache.lineNo += 1;
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // an incomplete line from a crash mid-write proves nothing either way
    }
    const { db, id, hash, at, keyId, mac } = parsed;
    if (
      typeof db !== 'string' ||
      typeof id !== 'number' ||
      typeof hash !== 'string' ||
      typeof at !== 'string' ||
      typeof keyId !== 'string' ||
      typeof mac !== 'string'
    )
      continue;
    let entry = cache.byDb.get(db);
    if (!entry) {
      entry = { checkpoints: [], badLines: [], otherKeyIds: [] };
      cache.byDb.set(db, entry);
    }
    const c: Checkpoint = { db, id, hash, at, keyId };
    if (keyId !== keyring.keyId) {
      if (!entry.otherKeyIds.includes(keyId)) entry.otherKeyIds.push(keyId);
      continue;
    }
    const expected = Buffer.from(fileMac(keyring.key, c), 'hex');
    const given = Buffer.from(mac, 'hex');
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      entry.badLines.push(cache.lineNo);
    else entry.checkpoints.push(c);
  }
  cache.offset += end + 1;
  return cache;
}

/** The checkpoints recorded for database `db`, in id order. */
export function readCheckpoints(keyring: AuditKeyring, db: string): CheckpointsOfDb {
  const empty: CheckpointsOfDb = { checkpoints: [], badLines: [], otherKeyIds: [] };
  if (!keyring.checkpointFile) return empty;
  const found = readNew(keyring, keyring.checkpointFile).byDb.get(db) ?? empty;
  return {
    checkpoints: [...found.checkpoints].sort((a, b) => a.id - b.id),
    badLines: [...found.badLines],
    otherKeyIds: [...found.otherKeyIds],
  };
}

/** Appends one checkpoint line (one small write with O_APPEND, so concurrent writers do not interleave). */
export async function appendCheckpoint(keyring: AuditKeyring, c: Checkpoint): Promise<void> {
  if (!keyring.checkpointFile) return;
  const line = `${JSON.stringify({ v: 1, ...c, mac: fileMac(keyring.key, c) })}\n`;
  await appendFile(keyring.checkpointFile, line, { mode: 0o644 });
}
