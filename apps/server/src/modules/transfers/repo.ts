import type { Insertable, Updateable } from 'kysely';
import { type RawBuilder, type SqlBool, sql } from 'kysely';
import type { TransferTable } from '../../db/schema.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';

type Q = Db | Trx;

/** The transfer with its member and both orgs of the college (either may be missing). */
function joined(db: Q) {
  return db
    .selectFrom('transfer as t')
    .leftJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('org as fo', 'fo.id', 't.from_org_id')
    .leftJoin('org as tor', 'tor.id', 't.to_org_id');
}

const rowColumns = [
  't.id',
  't.kind',
  't.status',
  't.person_id',
  't.from_org_id',
  't.to_org_id',
  't.requested_side',
  't.external_org_name',
  't.letter_number',
  't.issued_on',
  't.valid_days',
  't.expires_on',
  't.receipt_on',
  't.requested_on',
  't.decided_on',
  't.version',
  'fo.name as from_org_name',
  'fo.path as from_path',
  'tor.name as to_org_name',
  'tor.path as to_path',
] as const;

/** The member's name: from the roster, or from the letter while an incoming member is not placed. */
const personName = sql<string>`coalesce(p.name, t.person_snapshot->>'name', '')`.as('person_name');

/** Filters of the list, already resolved (scope as a where-clause, org as a subtree path). */
export interface TransferFilters {
  scope: RawBuilder<SqlBool>;
  kind?: TransferTable['kind'] | undefined;
  status?: TransferTable['status'] | undefined;
  subtreePath?: string | undefined;
  personId?: number | undefined;
  q?: string | undefined;
  overdueOn?: string | undefined;
}

function filtered(db: Q, f: TransferFilters) {
  return joined(db)
    .where(f.scope)
    .$if(f.kind !== undefined, (qb) => qb.where('t.kind', '=', f.kind!))
    .$if(f.status !== undefined, (qb) => qb.where('t.status', '=', f.status!))
    .$if(f.subtreePath !== undefined, (qb) => {
      const like = `${escapeLike(f.subtreePath!)}%`;
      return qb.where((eb) => eb.or([eb('fo.path', 'like', like), eb('tor.path', 'like', like)]));
    })
    .$if(f.personId !== undefined, (qb) => qb.where('t.person_id', '=', f.personId!))
    .$if(f.q !== undefined, (qb) => {
      const like = `%${escapeLike(f.q!)}%`;
      return qb.where((eb) =>
        eb.or([
          eb(sql<string>`coalesce(p.name, t.person_snapshot->>'name')`, 'like', like),
          eb('t.letter_number', 'like', like),
        ]),
      );
    })
    .$if(f.overdueOn !== undefined, (qb) =>
      qb
        .where('t.kind', '=', 'outgoing')
        .where('t.status', '=', 'issued')
        .where('t.receipt_on', 'is', null)
        .where('t.expires_on', '<', f.overdueOn!),
    );
}

/** One page of transfers, open ones first, newest first. */
export async function listTransferRows(db: Q, f: TransferFilters, page: { limit: number; offset: number }) {
  const [rows, count] = await Promise.all([
    filtered(db, f)
      .select(rowColumns)
      .select(personName)
      .orderBy(sql`case when t.status in ('requested','issued','registered') then 0 else 1 end`)
      .orderBy('t.requested_on', 'desc')
      .orderBy('t.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, f)
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** One transfer with everything the detail and the letter show. */
export async function findTransferRow(db: Q, id: number) {
  return joined(db)
    .leftJoin('app_user as ru', 'ru.id', 't.requested_by')
    .leftJoin('app_user as du', 'du.id', 't.decided_by')
    .select(rowColumns)
    .select(personName)
    .select([
      't.external_unit',
      't.external_address',
      't.dues_paid_until',
      't.reason',
      't.decision_note',
      't.person_snapshot',
      't.created_at',
      't.updated_at',
      'ru.display_name as requested_by_name',
      'du.display_name as decided_by_name',
      'p.gender',
      'p.ethnicity',
      'p.birth_date',
      'p.id_number',
      'p.phone',
      'p.category',
      'p.party_status',
      'p.joined_on',
      'p.confirmed_on',
    ])
    .where('t.id', '=', id)
    .executeTakeFirst();
}
export type TransferRow = NonNullable<Awaited<ReturnType<typeof findTransferRow>>>;

/** Locks the transfer row for the rest of the transaction. */
export async function lockTransfer(trx: Trx, id: number): Promise<boolean> {
  const row = await trx
    .selectFrom('transfer')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertTransfer(trx: Trx, values: Insertable<TransferTable>): Promise<number> {
  const row = await trx.insertInto('transfer').values(values).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateTransfer(
  trx: Trx,
  id: number,
  now: Date,
  values: Updateable<TransferTable>,
): Promise<void> {
  await trx
    .updateTable('transfer')
    .set({ ...values, updated_at: now, version: sql`version + 1` })
    .where('id', '=', id)
    .execute();
}

/** A member with where they are (org path, type, archived) and their roster status. */
export async function findPerson(db: Q, where: { id: number } | { idNumber: string }) {
  let q = db
    .selectFrom('person as p')
    .leftJoin('org as o', 'o.id', 'p.org_id')
    .select(['p.id', 'p.name', 'p.status', 'p.org_id', 'o.name as org_name', 'o.path as org_path']);
  q = 'id' in where ? q.where('p.id', '=', where.id) : q.where('p.id_number', '=', where.idNumber);
  return q.orderBy(sql`case when p.status = 'active' then 0 else 1 end`).executeTakeFirst();
}

/** An org with what decides whether it may receive members. */
export async function findOrg(db: Q, id: number) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.name',
      'o.path',
      'o.type',
      'o.archived_at',
      'parent.type as parent_type',
      'parent.name as parent_name',
    ])
    .where('o.id', '=', id)
    .executeTakeFirst();
}

/** Active orgs that could receive members (branch-level and 党小组), college-wide, by name. */
export async function candidateTargetOrgs(db: Q, q: string | undefined) {
  return db
    .selectFrom('org as o')
    .leftJoin('org as parent', 'parent.id', 'o.parent_id')
    .select([
      'o.id',
      'o.name',
      'o.path',
      'o.type',
      'parent.type as parent_type',
      'parent.name as parent_name',
    ])
    .where('o.archived_at', 'is', null)
    .where('o.type', 'in', ['branch', 'joint_branch', 'group'])
    .$if(q !== undefined && q !== '', (qb) => qb.where('o.name', 'like', `%${escapeLike(q!)}%`))
    .orderBy('o.path')
    .limit(500)
    .execute();
}

/** The transfer under way for a member, if any. */
export async function openTransferOf(db: Q, personId: number) {
  return db
    .selectFrom('transfer')
    .select(['id', 'kind', 'status'])
    .where('person_id', '=', personId)
    .where('status', 'in', ['requested', 'issued'])
    .executeTakeFirst();
}

/** A registered incoming letter for the same 身份证号, if any. */
export async function openIncomingFor(db: Q, idNumber: string) {
  return db
    .selectFrom('transfer')
    .select(['id', 'letter_number'])
    .where('status', '=', 'registered')
    .where(sql<string>`person_snapshot->>'idNumber'`, '=', idNumber)
    .executeTakeFirst();
}

export async function outgoingLetterExists(db: Q, letterNumber: string): Promise<boolean> {
  const row = await db
    .selectFrom('transfer')
    .select('id')
    .where('kind', '=', 'outgoing')
    .where('letter_number', '=', letterNumber)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The next letter number of the year, 'YYYY-NNN'. Numbering is serialised by a transaction-scoped
 * advisory lock, so two letters issued at once do not take the same number.
 */
export async function nextLetterNumber(trx: Trx, year: string): Promise<string> {
  await sql`select pg_advisory_xact_lock(hashtext('transfer.letter_number'))`.execute(trx);
  const rows = await trx
    .selectFrom('transfer')
    .select('letter_number')
    .where('kind', '=', 'outgoing')
    .where('letter_number', 'like', `${year}-%`)
    .execute();
  let max = 0;
  for (const r of rows) {
    const m = /^\d{4}-(\d+)$/.exec(r.letter_number ?? '');
    if (m) max = Math.max(max, Number(m[1]));
  }
  return `${year}-${String(max + 1).padStart(3, '0')}`;
}

/** Names of orgs by id (the committee that issues a letter is the first id of the branch's path). */
export async function orgName(db: Q, id: number): Promise<string | null> {
  const row = await db.selectFrom('org').select('name').where('id', '=', id).executeTakeFirst();
  return row?.name ?? null;
}

/** Transfers waiting for the other side or for their 回执, for the transfer rules. */
export async function openTransfers(db: Q) {
  return db
    .selectFrom('transfer as t')
    .leftJoin('person as p', 'p.id', 't.person_id')
    .select([
      't.id',
      't.kind',
      't.status',
      't.letter_number',
      't.external_org_name',
      't.requested_side',
      't.requested_on',
      't.expires_on',
      't.receipt_on',
      't.from_org_id',
      't.to_org_id',
      sql<string>`coalesce(p.name, t.person_snapshot->>'name', '')`.as('person_name'),
    ])
    .where('t.status', 'in', ['requested', 'issued'])
    .execute();
}

/** Active orgs with their parent, to file a transfer finding under the branch of a 党小组. */
export async function activeOrgsForFindings(db: Q) {
  return db
    .selectFrom('org')
    .select(['id', 'parent_id', 'type', 'name'])
    .where('archived_at', 'is', null)
    .execute();
}

/** The condition "either end of the transfer is in scope": the two scope conditions or-ed. */
export function eitherInScope(from: RawBuilder<SqlBool>, to: RawBuilder<SqlBool>): RawBuilder<boolean> {
  return sql<boolean>`(${from} or ${to})`;
}

/** Internal requests waiting for an answer that involve these orgs on either side (the inbox picks the answering one). */
export async function pendingInternalTransfersOf(db: Q, orgIds: readonly number[]) {
  if (orgIds.length === 0) return [];
  const ids = [...orgIds];
  return db
    .selectFrom('transfer as t')
    .leftJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('org as fo', 'fo.id', 't.from_org_id')
    .leftJoin('org as tox', 'tox.id', 't.to_org_id')
    .select([
      't.id',
      't.requested_on',
      't.requested_side',
      't.from_org_id',
      't.to_org_id',
      'fo.name as from_name',
      'tox.name as to_name',
      sql<string>`coalesce(p.name, t.person_snapshot->>'name', '')`.as('person_name'),
    ])
    .where('t.kind', '=', 'internal')
    .where('t.status', '=', 'requested')
    .where((eb) => eb.or([eb('t.from_org_id', 'in', ids), eb('t.to_org_id', 'in', ids)]))
    .orderBy('t.requested_on')
    .execute();
}

/** Transfers by id with both sides' org paths (either may be outside the college), as another module links them. */
export async function linkedTransfers(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('transfer as t')
    .leftJoin('person as p', 'p.id', 't.person_id')
    .leftJoin('org as fo', 'fo.id', 't.from_org_id')
    .leftJoin('org as tor', 'tor.id', 't.to_org_id')
    .select([
      't.id',
      't.kind',
      't.requested_on',
      't.person_id',
      sql<string>`coalesce(p.name, t.person_snapshot->>'name', '')`.as('person_name'),
      'fo.path as from_path',
      'tor.path as to_path',
    ])
    .where('t.id', 'in', [...ids])
    .execute();
}
