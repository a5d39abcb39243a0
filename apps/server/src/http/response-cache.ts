/**
 * The largest read answers (the 组织部's compliance matrix of the whole college is ~1.7 MB of JSON at ten times
 * the demo's size) kept serialised — and compressed, per encoding, when first asked for — while the data they
 * are made from is unchanged. Serialising and compressing such an answer on every request held the event loop
 * for tens of milliseconds each time, which every other request waited out (BENCHMARKS.md, mixed load).
 *
 * An entry is keyed by the route's key and the caller's reach (scope and permissions: two callers who may see
 * the same get the same bytes), lives while the generation of its `deps` is unchanged (generation.ts: this
 * process's writes and other processes' NOTIFYs) and at most `maxAgeMs`, and is shared by callers that arrive
 * while it is being made. The entries together stay under `maxBytes` (least recently used go first).
 */

import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type ZodType, z } from 'zod';
import type { Actor, Db } from './context.ts';
import { generationOf } from './generation.ts';

const maxAgeMs = 5000;
const maxBytes = 64 * 1024 * 1024;
/** Answers smaller than this are sent as they are (the compression plugin's own threshold). */
const compressFrom = 1024;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

type Encoding = 'br' | 'gzip';

interface Entry {
  generation: number;
  at: number;
  body?: Buffer;
  pending?: Promise<Buffer>;
  encoded: Map<Encoding, Promise<Buffer>>;
  bytes: number;
}

const caches = new WeakMap<object, Map<string, Entry>>();
const sizes = new WeakMap<object, { bytes: number }>();

/** What a caller may see: the same for everyone with the same scope and permissions. */
function reachOf(actor: Actor): string {
  const s = actor.scope;
  const where =
    s.kind === 'all' ? 'all' : s.kind === 'subtrees' ? `orgs:${s.orgIds.join(',')}` : `self:${s.personId}`;
  return `${where}|${[...actor.permissions].sort().join(',')}`;
}

/** The encoding to send: brotli, else gzip, as the request accepts (q=0 refuses). */
function acceptedEncoding(req: FastifyRequest): Encoding | null {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return null;
  const accepted = new Set(
    header
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q]) => !q || !/^\s*q\s*=\s*0(?:\.0*)?\s*$/.test(q))
      .map(([name]) => name!.trim().toLowerCase()),
  );
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return null;
}

function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === 'br'
    ? brotli(body, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
      })
    : gzipAsync(body, { level: 6 });
}

function evict(db: Db, entries: Map<string, Entry>) {
  const size = sizes.get(db)!;
  for (const [key, entry] of entries) {
    if (size.bytes <= maxBytes) break;
    if (entry.pending) continue;
    entries.delete(key);
    size.bytes -= entry.bytes;
  }
}

/**
 * Answers with the JSON of `compute()` as `schema` encodes it (what the response serialiser would send), made
 * once per `key`, caller reach and version of `deps`. A refusal `compute` throws (404, 400) is not kept.
 */
export async function sendCachedJson(
  db: Db,
  req: FastifyRequest,
  reply: FastifyReply,
  options: { key: string; deps: readonly string[]; schema: ZodType },
  compute: () => Promise<unknown>,
): Promise<void> {
  let entries = caches.get(db);
  if (!entries) {
    entries = new Map();
    caches.set(db, entries);
    sizes.set(db, { bytes: 0 });
  }
  const size = sizes.get(db)!;
  const key = `${options.key}|${reachOf(req.actor!)}`;
  const generation = generationOf(db, options.deps);
  let entry = entries.get(key);
  if (!entry || entry.generation !== generation || (!entry.pending && Date.now() - entry.at >= maxAgeMs)) {
    if (entry) {
      entries.delete(key);
      size.bytes -= entry.bytes;
    }
    const fresh: Entry = { generation, at: Date.now(), encoded: new Map(), bytes: 0 };
    fresh.pending = compute()
      .then((value) => Buffer.from(JSON.stringify(z.encode(options.schema, value))))
      .then(
        (body) => {
          fresh.body = body;
          fresh.at = Date.now();
          fresh.bytes = body.length;
          delete fresh.pending;
          if (entries.get(key) === fresh) {
            size.bytes += body.length;
            evict(db, entries);
          }
          return body;
        },
        // A refusal, or an answer its schema does not encode, is not kept: the next caller tries again.
        (error: unknown) => {
          if (entries.get(key) === fresh) entries.delete(key);
          throw error;
        },
      );
    entries.set(key, fresh);
    entry = fresh;
  } else {
    // Most recently used last: eviction takes the oldest first.
    entries.delete(key);
    entries.set(key, entry);
  }
  const body = entry.body ?? (await entry.pending!);
  reply.header('content-type', 'application/json; charset=utf-8').header('vary', 'accept-encoding');
  const encoding = body.length >= compressFrom ? acceptedEncoding(req) : null;
  if (!encoding) {
    reply.send(body);
    return;
  }
  let encoded = entry.encoded.get(encoding);
  if (!encoded) {
    encoded = compress(body, encoding);
    entry.encoded.set(encoding, encoded);
    const counted = entry;
    void encoded.then(
      (b) => {
        counted.bytes += b.length;
        if (entries.get(key) === counted) {
          size.bytes += b.length;
          evict(db, entries);
        }
      },
      () => counted.encoded.delete(encoding),
    );
  }
  reply.header('content-encoding', encoding).send(await encoded);
}
