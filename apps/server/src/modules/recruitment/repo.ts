import type {
  MemberCategory,
  RecruitmentOutcome,
  RecruitmentStage,
  RecruitmentStep,
  RecruitmentTemplateKind,
} from '@dangjian/core';
import { type Insertable, type RawBuilder, type SqlBool, sql, type Updateable } from 'kysely';
import type {
  PersonTable,
  RecruitmentDocumentTable,
  RecruitmentEventTable,
  RecruitmentTable,
  RecruitmentTemplateTable,
} from '../../db/schema.ts';
import { updateAtVersion } from '../../db/versioned.ts';
import type { Db, Trx } from '../../http/context.ts';
import { escapeLike } from '../../http/scope.ts';
import type { SearchPage, SearchText } from '../../http/search.ts';

type Q = Db | Trx;

function dossierQuery(db: Q) {
  return db
    .selectFrom('recruitment as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .leftJoin('org as g', (j) => j.onRef('g.id', '=', 'o.parent_id').on('g.type', '=', 'general_branch'))
    .leftJoin('unit as u', 'u.id', 'p.unit_id')
    .selectAll('r')
    .select([
      'p.name as person_name',
      'p.gender',
      'p.category',
      'p.birth_date',
      'p.id_number',
      'p.phone',
      'p.grade',
      'p.class_name',
      'p.position',
      'p.party_status',
      'o.name as org_name',
      'o.path as org_path',
      'o.type as org_type',
      'g.id as general_id',
      'g.name as general_name',
      'u.name as unit_name',
    ]);
}

/** One dossier with its person, branch, 总支 and unit. */
export async function findDossier(db: Q, id: number) {
  return dossierQuery(db).where('r.id', '=', id).executeTakeFirst();
}
export type DossierRow = NonNullable<Awaited<ReturnType<typeof findDossier>>>;

/** Locks a dossier row for a change; false when it does not exist. */
export async function lockDossier(trx: Trx, id: number): Promise<boolean> {
  const r = await trx
    .selectFrom('recruitment')
    .select('id')
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  return r !== undefined;
}

/** Dossiers in scope matching the SQL-side filters (the deadline filter and paging are done by the caller). */
export async function listDossierRows(
  db: Db,
  f: {
    scope: RawBuilder<SqlBool>;
    subtreePath?: string | undefined;
    stage?: RecruitmentStage | undefined;
    step?: RecruitmentStep | undefined;
    outcome?: RecruitmentOutcome | undefined;
    category?: MemberCategory | undefined;
    q?: string | undefined;
  },
) {
  let q = dossierQuery(db).where(f.scope);
  if (f.subtreePath) q = q.where('o.path', 'like', `${f.subtreePath}%`);
  if (f.stage) q = q.where('r.stage', '=', f.stage);
  if (f.step) q = q.where('r.current_step', '=', f.step);
  if (f.outcome) q = q.where('r.outcome', '=', f.outcome);
  if (f.category) q = q.where('p.category', '=', f.category);
  if (f.q) q = q.where('p.name', 'ilike', `%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
  return q.orderBy('r.applied_on').orderBy('r.id').execute();
}

/** The recorded steps of a dossier in order, with the linked activity's title. */
export async function eventsOf(db: Q, id: number) {
  return db
    .selectFrom('recruitment_event as e')
    .leftJoin('activity as a', 'a.id', 'e.activity_id')
    .selectAll('e')
    .select('a.title as activity_title')
    .where('e.recruitment_id', '=', id)
    .orderBy('e.seq')
    .execute();
}
export type EventRow = Awaited<ReturnType<typeof eventsOf>>[number];

/** Documents of a dossier (without their content), oldest first. */
export async function documentsOf(db: Q, id: number) {
  return db
    .selectFrom('recruitment_document')
    .select([
      'id',
      'kind',
      'title',
      'on_date',
      'file_name',
      'mime_type',
      'size',
      'uploader_name',
      'uploaded_at',
    ])
    .where('recruitment_id', '=', id)
    .orderBy('on_date')
    .orderBy('id')
    .execute();
}
export type DocumentRow = Awaited<ReturnType<typeof documentsOf>>[number];

/** Names of persons by id. */
export async function personNames(db: Q, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The latest dossier of a person: the open one, else the last closed. */
export async function latestDossierIdOf(db: Q, personId: number): Promise<number | null> {
  const r = await db
    .selectFrom('recruitment')
    .select('id')
    .where('person_id', '=', personId)
    .orderBy((eb) => eb.case().when('outcome', '=', 'in_progress').then(0).else(1).end())
    .orderBy('id', 'desc')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Inserts an uploaded document; returns its id. */
export async function insertDocument(trx: Trx, values: Insertable<RecruitmentDocumentTable>) {
  return trx.insertInto('recruitment_document').values(values).returning('id').executeTakeFirstOrThrow();
}

/** A document's file name and content, if it belongs to the dossier. */
export async function documentContent(db: Q, dossierId: number, documentId: number) {
  return db
    .selectFrom('recruitment_document')
    .select(['file_name', 'content'])
    .where('id', '=', documentId)
    .where('recruitment_id', '=', dossierId)
    .executeTakeFirst();
}

/** A recorded step (its seq) of the dossier that names the document, if any. */
export async function eventNamingDocument(db: Q, dossierId: number, documentId: number) {
  return db
    .selectFrom('recruitment_event')
    .select('seq')
    .where('recruitment_id', '=', dossierId)
    .where(sql<boolean>`event->'documentIds' @> ${JSON.stringify([documentId])}::jsonb`)
    .executeTakeFirst();
}

/** Deletes a document of the dossier; returns its title and hash, or undefined when there was none. */
export async function deleteDocumentRow(trx: Trx, dossierId: number, documentId: number) {
  return trx
    .deleteFrom('recruitment_document')
    .where('id', '=', documentId)
    .where('recruitment_id', '=', dossierId)
    .returning(['title', 'sha256'])
    .executeTakeFirst();
}

/** Id and title of those of the given documents that belong to the dossier. */
export async function documentTitleRows(db: Q, dossierId: number, ids: readonly number[]) {
  return db
    .selectFrom('recruitment_document')
    .select(['id', 'title'])
    .where('recruitment_id', '=', dossierId)
    .where('id', 'in', [...ids])
    .execute();
}

/** An activity's org, kind, status and date (a vote step's meeting record), if it exists. */
export async function meetingOfActivity(db: Q, activityId: number) {
  return db
    .selectFrom('activity')
    .select(['org_id', 'kind', 'status', 'on_date'])
    .where('id', '=', activityId)
    .executeTakeFirst();
}

/** The attendance rows of an activity (person, party status, status, role). */
export async function attendanceOfActivity(db: Q, activityId: number) {
  return db
    .selectFrom('activity_attendee')
    .select(['person_id', 'party_status', 'status', 'role'])
    .where('activity_id', '=', activityId)
    .execute();
}

/** The named people with their party status, confirmation date and roster status. */
export async function partyStatusRows(db: Q, ids: readonly number[]) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'party_status', 'confirmed_on', 'status'])
    .where('id', 'in', [...ids])
    .execute();
}

/** The names of the given orgs, in tree order. */
export async function orgNamesByPath(db: Q, ids: number[]) {
  return db.selectFrom('org').select('name').where('id', 'in', ids).orderBy('path').execute();
}

/** The school's name (the first institution row), if set up. */
export async function institutionName(db: Q) {
  return db.selectFrom('institution').select('name').orderBy('id').limit(1).executeTakeFirst();
}

/** The recorded steps of the given dossiers, by dossier and sequence. */
export async function eventsOfDossiers(db: Q, ids: number[]) {
  return db
    .selectFrom('recruitment_event')
    .select(['recruitment_id', 'step', 'on_date', 'event'])
    .where('recruitment_id', 'in', ids)
    .orderBy('recruitment_id')
    .orderBy('seq')
    .execute();
}

/** Id and name of the given people (rows, unordered). */
export async function personIdNames(db: Q, ids: number[]) {
  return db.selectFrom('person').select(['id', 'name']).where('id', 'in', ids).execute();
}

/** What a generated material needs of a dossier: state, org and the applicant's name, gender, birth date, 民族, 学历. */
export async function materialDossier(db: Q, id: number) {
  return db
    .selectFrom('recruitment as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.state',
      'o.path',
      'o.name as org_name',
      'p.name',
      'p.gender',
      'p.birth_date',
      'p.ethnicity',
      'p.education',
    ])
    .where('r.id', '=', id)
    .executeTakeFirst();
}

/** Name, type and depth of the given orgs (a dossier's branch and the orgs above it), deepest first. */
export async function orgsByIds(db: Q, ids: number[]) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'type', 'depth'])
    .where('id', 'in', ids)
    .orderBy('depth', 'desc')
    .execute();
}

/** The recorded steps (step, event) of a dossier in sequence. */
export async function stepEventsOf(db: Q, id: number) {
  return db
    .selectFrom('recruitment_event')
    .select(['step', 'event'])
    .where('recruitment_id', '=', id)
    .orderBy('seq')
    .execute();
}

/** Locks the person's in-progress dossier and returns its id; undefined when none. */
export async function lockOpenDossierOf(trx: Trx, personId: number) {
  return trx
    .selectFrom('recruitment')
    .select('id')
    .where('person_id', '=', personId)
    .where('outcome', '=', 'in_progress')
    .forUpdate()
    .executeTakeFirst();
}

/** The person's in-progress dossier (its id), if any. */
export async function openDossierOf(db: Q, personId: number) {
  return db
    .selectFrom('recruitment')
    .select('id')
    .where('person_id', '=', personId)
    .where('outcome', '=', 'in_progress')
    .executeTakeFirst();
}

/**
 * Dossier summaries in orgs matching `where` (on `o.path`), under `underPath`, in progress only or of
 * `orgIds` when asked, in tree order, then by application date and id.
 */
export async function dossierSummaryRows(
  db: Q,
  where: RawBuilder<SqlBool>,
  opts: { underPath?: string | undefined; inProgressOnly?: boolean; orgIds?: readonly number[] },
) {
  let q = db
    .selectFrom('recruitment as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .select([
      'r.id',
      'r.person_id',
      'p.name as person_name',
      'p.gender',
      'p.birth_date',
      'p.category',
      'p.unit_id',
      'r.org_id',
      'o.name as org_name',
      'o.path as org_path',
      'r.outcome',
      'r.state',
    ])
    .where(where);
  if (opts.underPath) q = q.where('o.path', 'like', `${escapeLike(opts.underPath)}%`);
  if (opts.inProgressOnly) q = q.where('r.outcome', '=', 'in_progress');
  if (opts.orgIds) q = q.where('r.org_id', 'in', opts.orgIds.length > 0 ? [...opts.orgIds] : [0]);
  return q.orderBy('o.path').orderBy('r.applied_on').orderBy('r.id').execute();
}

/** Every org (any state): id, name, type and path. */
export async function allOrgNodes(db: Q) {
  return db.selectFrom('org').select(['id', 'name', 'type', 'path']).execute();
}

/** Units in display order with their student and staff counts. */
export async function unitHeadcounts(db: Q) {
  return db
    .selectFrom('unit')
    .select(['id', 'name', 'student_count', 'staff_count'])
    .orderBy('sort_order')
    .orderBy('id')
    .execute();
}

/** An org as a 编入党小组 step checks it (type, parent, archived), if it exists. */
export async function findGroupOrg(db: Q, id: number) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'type', 'parent_id', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Sets the person's party status and place as a step decides, bumping the version; returns nothing. */
export async function updatePersonPlacement(
  trx: Trx,
  personId: number,
  set: Updateable<PersonTable>,
  now: Date,
): Promise<void> {
  await trx
    .updateTable('person')
    .set((eb) => ({ ...set, version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', personId)
    .execute();
}

/** Writes a dossier read at `version` and bumps the version; false when someone changed it meanwhile. */
export async function updateDossierIfVersion(
  trx: Trx,
  id: number,
  version: number,
  values: Updateable<RecruitmentTable>,
): Promise<boolean> {
  return updateAtVersion(trx, 'recruitment', { id }, version, values);
}

/** The org an application is made to (it must exist). */
export async function getApplicationOrg(db: Q, id: number) {
  return db
    .selectFrom('org')
    .select(['id', 'name', 'path', 'type', 'archived_at'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
}

/** What an application needs of an existing person, if the person exists. */
export async function findApplicantPerson(db: Q, id: number) {
  return db
    .selectFrom('person')
    .select(['id', 'name', 'party_status', 'birth_date', 'id_number', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** The person with this 身份证号 (id, name), if any. */
export async function findPersonByIdNumber(db: Q, idNumber: string) {
  return db.selectFrom('person').select(['id', 'name']).where('id_number', '=', idNumber).executeTakeFirst();
}

/** Inserts a new applicant (not yet a member); returns the new id. */
export async function insertApplicant(trx: Trx, values: Insertable<PersonTable>) {
  return trx.insertInto('person').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts a dossier; returns its id. */
export async function insertDossier(trx: Trx, values: Insertable<RecruitmentTable>) {
  return trx.insertInto('recruitment').values(values).returning('id').executeTakeFirstOrThrow();
}

/** Inserts a recorded step; returns nothing. */
export async function insertEvent(trx: Trx, values: Insertable<RecruitmentEventTable>): Promise<void> {
  await trx.insertInto('recruitment_event').values(values).execute();
}

/** The highest step sequence number of a dossier (null seq when none). */
export async function lastEventSeq(db: Q, id: number) {
  return db
    .selectFrom('recruitment_event')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .where('recruitment_id', '=', id)
    .executeTakeFirst();
}

/** The school's uploaded template of a kind (content, file name), if any. */
export async function templateOfKind(db: Q, kind: RecruitmentTemplateKind) {
  return db
    .selectFrom('recruitment_template')
    .select(['content', 'file_name'])
    .where('kind', '=', kind)
    .executeTakeFirst();
}

/** Every uploaded template's kind, file name, uploader and time. */
export async function templateInfoRows(db: Q) {
  return db
    .selectFrom('recruitment_template')
    .select(['kind', 'file_name', 'uploader_name', 'uploaded_at'])
    .execute();
}

/** Stores the school's template of a kind, replacing any earlier one; returns nothing. */
export async function upsertTemplate(
  trx: Trx,
  kind: RecruitmentTemplateKind,
  row: Omit<Insertable<RecruitmentTemplateTable>, 'kind'> & Updateable<RecruitmentTemplateTable>,
): Promise<void> {
  await trx
    .insertInto('recruitment_template')
    .values({ kind, ...row })
    .onConflict((oc) => oc.column('kind').doUpdateSet(row))
    .execute();
}

/** Deletes the school's template of a kind; returns its file name, or undefined when there was none. */
export async function deleteTemplate(trx: Trx, kind: RecruitmentTemplateKind) {
  return trx
    .deleteFrom('recruitment_template')
    .where('kind', '=', kind)
    .returning(['file_name'])
    .executeTakeFirst();
}

/**
 * One page of the dossiers whose person's name holds the text, or whose ID number is exactly it, with the branch
 * in the scope: open ones first, then by name and the latest application; each row carries the total.
 */
export async function searchDossierRows(db: Q, where: RawBuilder<SqlBool>, s: SearchText, page: SearchPage) {
  const order = sql`p.name <> ${s.text}, p.name not ${sql.raw(s.like)} ${s.prefix}, r.outcome <> 'in_progress', p.name, r.applied_on desc nulls last, r.id desc`;
  return db
    .selectFrom('recruitment as r')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .where(where)
    .where((eb) => {
      const byName = eb('p.name', s.like, s.contains);
      return s.idNumber === null ? byName : eb.or([byName, eb('p.id_number', '=', s.idNumber)]);
    })
    .select([
      'r.id',
      'p.name',
      'r.outcome',
      'r.current_step',
      sql<string>`coalesce(o.short_name, o.name)`.as('org_name'),
      sql<string>`count(*) over ()`.as('total'),
    ])
    .orderBy(sql`${order}`)
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** Recorded steps by id with the applicant and the dossier's branch path, as another module links them. */
export async function linkedSteps(db: Q, ids: readonly number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('recruitment_event as e')
    .innerJoin('recruitment as r', 'r.id', 'e.recruitment_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .select([
      'e.id',
      'e.recruitment_id',
      'e.step',
      'e.on_date',
      'p.name as person_name',
      'o.name as org_name',
      'o.path',
    ])
    .where('e.id', 'in', [...ids])
    .execute();
}

/**
 * One page of the steps recorded on the dossiers of the branches under `subtreePath`, the latest first, optionally
 * of applicants whose name holds `q`; with the total.
 */
export async function recordedSteps(
  db: Q,
  f: { subtreePath: string; q?: string | undefined },
  page: { limit: number; offset: number },
) {
  const filtered = db
    .selectFrom('recruitment_event as e')
    .innerJoin('recruitment as r', 'r.id', 'e.recruitment_id')
    .innerJoin('org as o', 'o.id', 'r.org_id')
    .innerJoin('person as p', 'p.id', 'r.person_id')
    .where('o.path', 'like', `${escapeLike(f.subtreePath)}%`)
    .$if(f.q !== undefined, (qb) => qb.where('p.name', 'like', `%${escapeLike(f.q!)}%`));
  const [rows, count] = await Promise.all([
    filtered
      .select([
        'e.id',
        'e.recruitment_id',
        'e.step',
        'e.on_date',
        'p.name as person_name',
        'o.name as org_name',
        'o.path',
      ])
      .orderBy('e.on_date', 'desc')
      .orderBy('e.id', 'desc')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
