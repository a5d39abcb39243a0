/**
 * Inputs generated from the API's own OpenAPI document, sent by several roles to every operation:
 * valid-shaped values (ids that hit the seeded rows, dates, enum members) and mutations of them
 * (control characters, lone surrogates, huge and negative numbers, missing and extra fields, wrong
 * types), plus, as the org admin, each body field and query parameter in turn given NUL or a lone
 * surrogate (never accepted). Every answer must be documented for its operation, match the
 * documented schema, and never be a 5xx. Bounded: a fixed seed and DJ_FUZZ_RUNS cases per operation
 * and role (default 8; ~20 s). Locally: DJ_FUZZ_RUNS=60 DJ_FUZZ_SEED=<n> for a longer search,
 * DJ_FUZZ_STATS=<file> to write every answer's status.
 */
import { writeFileSync } from 'node:fs';
import { errorResponse, idNumberCheckChar } from '@dangjian/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { closedGeneralMeeting, createTestApp, dayOffset, type TestApp } from './helpers.ts';
import { insertDossier, toAdmissionMeeting, walk } from './recruitment-fixtures.ts';

const runs = Number(process.env.DJ_FUZZ_RUNS ?? 8);
const seed = Number(process.env.DJ_FUZZ_SEED ?? 20261205);

type Schema = {
  type?: string;
  enum?: unknown[];
  nullable?: boolean;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number | boolean;
  exclusiveMaximum?: number | boolean;
  pattern?: string;
  format?: string;
  const?: unknown;
};
type Parameter = { in: 'path' | 'query'; name: string; required?: boolean; schema: Schema };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
};

/** Values that break careless code, for any field. */
const hostile: unknown[] = [
  '',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\u001b[31m',
  'x'.repeat(5000),
  '😀'.repeat(300),
  "' OR 1=1 --",
  '../../etc/passwd',
  '<script>alert(1)</script>',
  '2026-02-30',
  '9999-12-31',
  '-1',
  'NaN',
  0,
  -1,
  1.5,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  1e308,
  true,
  null,
  [],
  {},
  [{}],
  { a: 1 },
];
const hostileText = hostile.filter((v): v is string => typeof v === 'string');

/** Ids that often hit the seeded rows (bad ids come from the mutations). */
const someId = fc.integer({ min: 1, max: 30 });
/** The seeded orgs are the first ids; people follow. */
const orgId = fc.integer({ min: 1, max: 6 });
/** A GB 11643 number with a valid check character, born 1970–2005. */
const idNumber = fc
  .tuple(
    fc.integer({ min: 1970, max: 2005 }),
    fc.integer({ min: 1, max: 12 }),
    fc.integer({ min: 1, max: 28 }),
  )
  .chain(([y, m, d]) =>
    fc.integer({ min: 100, max: 999 }).map((seq) => {
      const body = `110101${y}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}${seq}`;
      return body + idNumberCheckChar(body);
    }),
  );

/**
 * Shapes the schema cannot say (a check digit, a phone number, a Chinese name), by field name, so
 * that valid-shaped input also reaches the rules behind the validation.
 */
function byName(name: string): fc.Arbitrary<unknown> | null {
  if (/^(orgId|parentId|targetOrgId|fromOrgId|toOrgId)$/.test(name)) return orgId;
  if (name === 'idNumber') return idNumber;
  if (name === 'phone')
    return fc.integer({ min: 0, max: 99_999_999 }).map((n) => `138${String(n).padStart(8, '0')}`);
  if (name === 'name' || name === 'displayName') return fc.stringMatching(/^[\u4e00-\u9fa5]{2,4}$/);
  return null;
}
const isoDay = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const instant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const looksLikeDate = /(On|Date|date|^from$|^to$|^day$)$/;
const looksLikeInstant = /(At|At[A-Z]\w*)$/;

/** A valid-shaped value of a JSON schema (OpenAPI 3.0 dialect, as the zod transform writes it). */
function arb(s: Schema, name = '', depth = 0): fc.Arbitrary<unknown> {
  const inner = arbOf(s, name, depth);
  return s.nullable ? fc.oneof({ weight: 4, arbitrary: inner }, fc.constant(null)) : inner;
}

function arbOf(s: Schema, name: string, depth: number): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  const named = s.enum || s.anyOf || s.oneOf ? null : byName(name);
  if (named) return named;
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union) return fc.oneof(...union.map((u) => arb(u, name, depth)));
  if (s.allOf?.[0]) return arb(s.allOf[0], name, depth);
  switch (s.type) {
    case 'string': {
      if (s.format === 'date-time' || looksLikeInstant.test(name)) return instant;
      if (s.format === 'date' || looksLikeDate.test(name)) return isoDay;
      if (s.pattern) {
        try {
          return fc.stringMatching(new RegExp(s.pattern));
        } catch {
          // A pattern JavaScript cannot compile: fall through to plain text.
        }
      }
      const minLength = s.minLength ?? 0;
      const maxLength = Math.min(s.maxLength ?? 30, minLength + 30);
      return fc.oneof(
        fc.string({ minLength, maxLength }),
        fc.string({ unit: 'grapheme', minLength, maxLength }),
        fc.stringMatching(/^[\u4e00-\u9fa5]{2,12}$/),
      );
    }
    case 'integer':
    case 'number': {
      if (/id$/i.test(name)) return someId;
      if (name === 'version') return fc.integer({ min: 0, max: 2 });
      const exMin = typeof s.exclusiveMinimum === 'number' ? s.exclusiveMinimum + 1 : undefined;
      const min = Math.max(s.minimum ?? exMin ?? -10, -1e6);
      const max = Math.min(s.maximum ?? 1000, 1e6);
      return s.type === 'integer' && Number.isSafeInteger(min) && Number.isSafeInteger(max) && min <= max
        ? fc.integer({ min, max })
        : fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
    }
    case 'boolean':
      return fc.boolean();
    case 'array': {
      const item = depth > 4 ? fc.constant(null) : arb(s.items ?? {}, name.replace(/s$/, ''), depth + 1);
      const minLength = s.minItems ?? 0;
      return fc.array(item, { minLength, maxLength: Math.min(s.maxItems ?? 3, minLength + 3) });
    }
    case 'object': {
      const props = s.properties ?? {};
      if (depth > 4) return fc.constant({});
      const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, arb(v, k, depth + 1)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every place in a JSON value, as key paths. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix];
  if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value))
      out.push(...pathsOf(v, [...prefix, Array.isArray(value) ? Number(k) : k]));
  return out;
}

type Mutation = { kind: 'replace' | 'delete' | 'extra' | 'none'; at: number; with: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.oneof(
    { weight: 3, arbitrary: fc.constant('none' as const) },
    { weight: 3, arbitrary: fc.constantFrom('replace', 'delete', 'extra') },
  ),
  at: fc.nat(),
  with: fc.constantFrom(...hostile),
});

/** The value with one place replaced by a hostile value, removed, or given an unknown field. */
function mutate(value: unknown, m: Mutation): unknown {
  if (m.kind === 'none') return value;
  const copy = structuredClone(value);
  const paths = pathsOf(copy);
  const path = paths[m.at % paths.length]!;
  if (path.length === 0) return m.kind === 'replace' ? m.with : copy;
  let parent = copy as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (m.kind === 'replace') parent[last] = m.with;
  else if (m.kind === 'delete' && !Array.isArray(parent)) delete parent[last];
  else if (m.kind === 'extra' && typeof parent[last] === 'object' && parent[last] !== null)
    (parent[last] as Record<string, unknown>).__proto_x = m.with;
  return copy;
}

/** encodeURIComponent that sends a lone surrogate as its (invalid) UTF-8 bytes instead of throwing. */
function encode(value: unknown): string {
  const s = typeof value === 'string' ? value : JSON.stringify(value);
  try {
    return encodeURIComponent(s);
  } catch {
    return s.replace(/[\s\S]/gu, (c) => (/\p{Cs}/u.test(c) ? '%ED%A0%80' : encodeURIComponent(c)));
  }
}

type Case = {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body: unknown;
  binary: boolean;
  /** Carries text that cannot be stored as sent: no operation may accept it. */
  mustRefuse?: boolean;
};

/** Text that must never be stored: NUL and a lone surrogate. */
const unstorable = ['a\u0000b', 'x\ud800y'];
/** Nesting no form has: refused before any schema looks at it. */
const tooDeep = JSON.parse(`${'['.repeat(40)}${']'.repeat(40)}`) as unknown;

/**
 * Edge cases of an operation around one valid-shaped case, each place in turn: an empty, array and
 * null body; every body field with unstorable text or nesting too deep; every query parameter with
 * unstorable text; every path id out of range.
 */
function edgeCases(op: Operation, base: Case): Case[] {
  const out: Case[] = [];
  const json = op.requestBody?.content['application/json']?.schema;
  if (json) {
    for (const body of [{}, [], null]) out.push({ ...base, body });
    const fields = base.body && typeof base.body === 'object' ? base.body : {};
    for (const k of Object.keys(json.properties ?? {}))
      for (const v of [...unstorable, tooDeep])
        out.push({ ...base, body: { ...fields, [k]: v }, mustRefuse: true });
  }
  for (const p of op.parameters ?? []) {
    if (p.in === 'query')
      for (const v of unstorable)
        out.push({ ...base, query: { ...base.query, [p.name]: v }, mustRefuse: true });
    else for (const v of [0, 2 ** 53, 'abc']) out.push({ ...base, params: { ...base.params, [p.name]: v } });
  }
  return out;
}

/** One request to an operation: valid-shaped from its schemas, then (with `mutations`) made hostile. */
function caseArb(op: Operation, mutations = true): fc.Arbitrary<Case> {
  const maybeMutate = (value: unknown, m: Mutation) => (mutations ? mutate(value, m) : value);
  const params = op.parameters ?? [];
  const pathArbs = Object.fromEntries(
    params
      .filter((p) => p.in === 'path')
      .map((p) => [
        p.name,
        fc.oneof(
          { weight: 5, arbitrary: p.schema.enum ? arb(p.schema, p.name) : someId },
          ...(mutations
            ? [fc.constantFrom(0, -1, 2 ** 53, 'abc', '1.5', '1e3', ' 1', '%00', '9'.repeat(40))]
            : []),
        ),
      ]),
  );
  const queryParams = params.filter((p) => p.in === 'query');
  const queryArb = fc.record(
    Object.fromEntries(
      queryParams.map((p) => [
        p.name,
        mutations
          ? fc.oneof({ weight: 4, arbitrary: arb(p.schema, p.name) }, fc.constantFrom(...hostileText))
          : arb(p.schema, p.name),
      ]),
    ),
    { requiredKeys: queryParams.filter((p) => p.required).map((p) => p.name) },
  );
  const json = op.requestBody?.content['application/json']?.schema;
  const binary = !!op.requestBody && !json;
  const bodyArb: fc.Arbitrary<unknown> = json
    ? fc.tuple(arb(json), mutation).map(([b, m]) => maybeMutate(b, m))
    : binary
      ? fc.uint8Array({ maxLength: 64 }).map((a) => Buffer.from(a).toString('base64'))
      : fc.constant(undefined);
  return fc.record({
    params: fc.record(pathArbs),
    query: fc.tuple(queryArb, mutation).map(([q, m]) => {
      const mutated = maybeMutate(q, m);
      return mutated && typeof mutated === 'object' && !Array.isArray(mutated)
        ? (mutated as Record<string, unknown>)
        : {};
    }),
    body: bodyArb,
    binary: fc.constant(binary),
  });
}

let t: TestApp;
let doc: { paths: Record<string, Record<string, Operation>> };
type Client = { cookie: string; csrf: string };
const sessions = new Map<string, Client>();
let newSession: Record<string, () => Promise<Client>>;

beforeAll(async () => {
  t = await createTestApp();
  const tree = await t.factory.tree();
  const people = [
    ...(await t.factory.people(tree.branchA.id, 8)),
    ...(await t.factory.people(tree.branchB.id, 4, 'probationary')),
  ];
  const today = t.clock.today();
  await t.factory.term({
    orgId: tree.branchA.id,
    start: dayOffset(today, -400),
    end: dayOffset(today, 700),
    team: [{ personId: people[0]!, post: 'secretary' }],
  });
  await t.db.insertInto('unit').values({ name: '信息工程学院', kind: 'college', sort_order: 1 }).execute();
  await closedGeneralMeeting(t.db, {
    orgId: tree.branchA.id,
    onDate: dayOffset(today, -30),
    present: people.slice(0, 6),
    absent: people.slice(6, 8),
  });
  await insertDossier(t.db, { orgId: tree.branchA.id, events: walk(toAdmissionMeeting.slice(0, 6), people) });
  const admin = await t.as([{ role: 'org_admin', orgId: null }]);
  const planned = await admin.post('/api/activities', {
    orgId: tree.branchA.id,
    kind: 'general_meeting',
    title: '支部党员大会',
    startsAt: `${dayOffset(today, 7)}T06:00:00.000Z`,
  });
  expect(planned.statusCode, planned.body).toBe(201);
  doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();

  const fresh = (roles: Parameters<TestApp['as']>[0], personId?: number) => async () => {
    const c = await t.as(roles, personId ? { personId } : {});
    return { cookie: c.cookie, csrf: c.csrf };
  };
  newSession = {
    org_admin: fresh([{ role: 'org_admin', orgId: null }]),
    branch_secretary: fresh([{ role: 'branch_secretary', orgId: tree.branchA.id }], people[0]),
    member: fresh([{ role: 'member', orgId: null }], people[1]),
    anonymous: async () => ({ cookie: '', csrf: '' }),
  };
});
afterAll(() => t?.close());

function operations(): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
  );
}

/** Whether `body` matches the documented response of `status`; null when not documented. */
function check(op: Operation, status: number, contentType: string, body: string): string | null {
  const documented = op.responses[String(status)];
  if (!documented) return `status ${status} is not documented (documented: ${Object.keys(op.responses)})`;
  if (status >= 400) {
    const parsed = errorResponse.safeParse(JSON.parse(body));
    return parsed.success
      ? null
      : `error body ${body.slice(0, 200)} does not match { code, message, details? }`;
  }
  const schema = documented.content?.['application/json']?.schema;
  if (!schema || !contentType.startsWith('application/json') || !body) return null;
  const zod = z.fromJSONSchema(schema as never, { defaultTarget: 'openapi-3.0' });
  const parsed = zod.safeParse(JSON.parse(body));
  return parsed.success
    ? null
    : `body does not match the documented schema: ${parsed.error.message.slice(0, 300)}`;
}

/** A stable small number per operation and role, so each gets its own cases. */
const hashOf = (s: string) => [...s].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 1_000_003, 7);

const roles = ['org_admin', 'branch_secretary', 'member', 'anonymous'] as const;
// Signing out or changing one's own password would end the session the next cases use.
const skipped = new Set(['POST /api/auth/logout', 'POST /api/auth/password']);

describe('generated inputs', () => {
  it('every operation documents its error answers with the error schema', () => {
    const missing: string[] = [];
    for (const { method, path, op } of operations()) {
      const route = t.app.routeTable.find(
        (r) => r.method === method && r.url.replace(/:(\w+)/g, '{$1}') === path,
      );
      const isPublic = route?.public ?? false;
      const want = [400, ...(isPublic ? [] : [401, 403]), ...(path.includes('{') ? [404] : [])];
      if (method !== 'GET') want.push(409, 422);
      for (const status of want) {
        const schema = op.responses[String(status)]?.content?.['application/json']?.schema;
        if (!schema?.properties?.code?.enum?.includes('VALIDATION_FAILED'))
          missing.push(`${method} ${path} ${status}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('no operation answers 5xx or anything undocumented, whoever calls', { timeout: 240_000 }, async () => {
    const failures: string[] = [];
    const stats: string[] = [];
    for (const { method, path, op } of operations()) {
      if (skipped.has(`${method} ${path}`)) continue;
      for (const role of roles) {
        const opSeed = seed + hashOf(`${role} ${method} ${path}`);
        const cases = fc.sample(caseArb(op), { seed: opSeed, numRuns: runs });
        if (role === 'org_admin') {
          const [base] = fc.sample(caseArb(op, false), { seed: opSeed, numRuns: 1 });
          cases.push(...edgeCases(op, base!));
        }
        for (const c of role === 'anonymous' ? cases.slice(0, 2) : cases) {
          let session = sessions.get(role) ?? (await newSession[role]!());
          sessions.set(role, session);
          const url =
            path.replace(/\{(\w+)\}/g, (_, name: string) => encode(c.params[name])) +
            (Object.keys(c.query).length
              ? `?${Object.entries(c.query)
                  .map(([k, v]) => `${encode(k)}=${encode(v)}`)
                  .join('&')}`
              : '');
          const send = () =>
            t.app.inject({
              method: method as 'GET',
              url,
              headers: {
                ...(session.cookie ? { cookie: session.cookie } : {}),
                ...(method !== 'GET' && session.csrf ? { 'x-csrf-token': session.csrf } : {}),
                ...(c.binary ? { 'content-type': 'application/octet-stream' } : {}),
                ...(c.body !== undefined && !c.binary ? { 'content-type': 'application/json' } : {}),
              },
              ...(c.body !== undefined
                ? { payload: c.binary ? Buffer.from(String(c.body), 'base64') : JSON.stringify(c.body) }
                : {}),
            });
          let res = await send();
          // A generated write may have disabled this account or ended its session: sign in afresh.
          if (res.statusCode === 401 && role !== 'anonymous' && res.json().code !== 'INVALID_CREDENTIALS') {
            session = await newSession[role]!();
            sessions.set(role, session);
            res = await send();
          }
          const where = `${role} ${method} ${url.slice(0, 200)} ${JSON.stringify(c.body)?.slice(0, 300)}`;
          if (process.env.DJ_FUZZ_STATS)
            stats.push(
              `${res.statusCode} ${role} ${method} ${path} ${res.statusCode >= 400 ? res.body.slice(0, 160) : ''}`,
            );
          if (res.statusCode >= 500) failures.push(`${res.statusCode} ${where}`);
          else if (c.mustRefuse && res.statusCode < 400) failures.push(`accepted unstorable text: ${where}`);
          else {
            const problem = check(op, res.statusCode, String(res.headers['content-type'] ?? ''), res.body);
            if (problem) failures.push(`${problem}: ${where}`);
          }
        }
      }
    }
    if (process.env.DJ_FUZZ_STATS) writeFileSync(process.env.DJ_FUZZ_STATS, stats.join('\n'));
    expect(failures).toEqual([]);
  });
});
