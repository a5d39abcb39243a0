import {
  createHmac,
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign,
  verify,
} from 'node:crypto';
import {
  chmodSync,
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import type { SignedAuditCheckpoint } from '@dangjian/core';
import { auditKeyId } from './audit-chain.ts';

/**
 * The secrets of the audit chain, kept outside the database: the HMAC key of the entries, the Ed25519 key
 * that signs the checkpoints given to the auditor (derived from the HMAC key, so one secret is enough),
 * and where the checkpoints are appended.
 */
export interface AuditKeyring {
  key: Buffer;
  keyId: string;
  signingKey: KeyObject;
  publicKeyPem: string;
  /** Append-only file of checkpoints of the chain head (JSON lines), or null to keep none. */
  checkpointFile: string | null;
  /** Where the key came from, for the start-up log. */
  source: string;
}

/** Files under DATA_DIR. */
export const auditKeyFiles = {
  key: 'audit-key',
  publicKey: 'audit-signing-public.pem',
  checkpoints: 'audit-checkpoints.jsonl',
} as const;

/** PKCS#8 DER prefix of an Ed25519 private key; the 32-byte seed follows. */
const ed25519Pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');

/** Reads a key given as 64 hex characters or base64 of at least 32 bytes. */
export function parseAuditKey(text: string, source: string): Buffer {
  const t = text.trim();
  if (/^[0-9a-fA-F]{64,}$/.test(t) && t.length % 2 === 0) return Buffer.from(t, 'hex');
  if (/^[A-Za-z0-9+/_-]+=*$/.test(t)) {
    const b = Buffer.from(t, 'base64');
    if (b.length >= 32) return b;
  }
  throw new Error(`${source} 中的审计密钥格式不对：应为 64 位十六进制或至少 32 字节的 base64`);
}

/** A keyring from raw key bytes. */
export function createAuditKeyring(
  key: Buffer,
  checkpointFile: string | null,
  source = '参数',
): AuditKeyring {
  const seed = createHmac('sha256', key).update('dangjian-audit-ed25519-seed/1').digest();
  const signingKey = createPrivateKey({
    key: Buffer.concat([ed25519Pkcs8Prefix, seed]),
    format: 'der',
    type: 'pkcs8',
  });
  const publicKeyPem = createPublicKey(signingKey).export({ type: 'spki', format: 'pem' }).toString();
  return { key, keyId: auditKeyId(key), signingKey, publicKeyPem, checkpointFile, source };
}

/**
 * Loads the audit key: DJ_AUDIT_KEY when set, else DATA_DIR/audit-key, created on first start with 32
 * random bytes and mode 0600 (run as root, it stays root's, out of reach of the embedded PostgreSQL that
 * runs as `postgres`). Also writes the public signing key beside it for the auditor's openssl.
 */
export function loadAuditKeyring(options: { dataDir: string; envKey: string | null }): AuditKeyring {
  mkdirSync(options.dataDir, { recursive: true });
  let key: Buffer;
  let source: string;
  if (options.envKey) {
    key = parseAuditKey(options.envKey, '环境变量 DJ_AUDIT_KEY');
    source = '环境变量 DJ_AUDIT_KEY';
  } else {
    const file = path.join(options.dataDir, auditKeyFiles.key);
    source = file;
    try {
      const fd = openSync(file, 'wx', 0o600);
      try {
        writeSync(fd, `${randomBytes(32).toString('hex')}\n`);
      } finally {
        closeSync(fd);
      }
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
    key = parseAuditKey(readFileSync(file, 'utf8'), file);
  }
  const keyring = createAuditKeyring(key, path.join(options.dataDir, auditKeyFiles.checkpoints), source);
  const pubFile = path.join(options.dataDir, auditKeyFiles.publicKey);
  let current = '';
  try {
    current = readFileSync(pubFile, 'utf8');
  } catch {}
  if (current !== keyring.publicKeyPem) writeFileSync(pubFile, keyring.publicKeyPem, { mode: 0o644 });
  return keyring;
}

let installed: AuditKeyring | null = null;

/** Makes `keyring` the one every append and verification of this process uses. */
export function installAuditKeyring(keyring: AuditKeyring): void {
  installed = keyring;
}

/** The installed keyring; appending without one is refused rather than written unkeyed. */
export function currentAuditKeyring(): AuditKeyring {
  if (!installed) throw new Error('审计密钥尚未加载（buildApp 须传入 auditKeys）');
  return installed;
}

/** A checkpoint of the chain head, as the file and the signed digest record it. */
export interface Checkpoint {
  db: string;
  id: number;
  hash: string;
  at: string;
  keyId: string;
}

const checkpointFormat = 'dangjian-audit-checkpoint/1';

/**
 * The text the Ed25519 signature covers: one line, no trailing newline. Offline check of a downloaded cp.json:
 *   jq -j .message cp.json > msg.txt; jq -r .signature cp.json | base64 -d > sig.bin
 *   openssl pkeyutl -verify -pubin -inkey audit-signing-public.pem -rawin -in msg.txt -sigfile sig.bin
 */
export function checkpointMessage(c: Checkpoint): string {
  return `${checkpointFormat} db=${c.db} id=${c.id} hash=${c.hash} at=${c.at} key=${c.keyId}`;
}

/** Signs a checkpoint for the auditor to download and keep. */
export function signCheckpoint(keyring: AuditKeyring, c: Checkpoint): SignedAuditCheckpoint {
  const message = checkpointMessage(c);
  return {
    format: checkpointFormat,
    ...c,
    message,
    signature: sign(null, Buffer.from(message, 'utf8'), keyring.signingKey).toString('base64'),
    publicKey: keyring.publicKeyPem,
  };
}

/** Whether a kept checkpoint was signed by this keyring (its message is rebuilt from the fields, never trusted). */
export function isCheckpointSignedBy(keyring: AuditKeyring, c: SignedAuditCheckpoint): boolean {
  const message = checkpointMessage({ db: c.db, id: c.id, hash: c.hash, at: c.at, keyId: c.keyId });
  try {
    return verify(null, Buffer.from(message, 'utf8'), keyring.signingKey, Buffer.from(c.signature, 'base64'));
  } catch {
    return false;
  }
}
