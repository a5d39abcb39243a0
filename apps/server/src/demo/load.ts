import { roleLabels } from '@dangjian/core';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Trx } from '../http/context.ts';
import type { CollegeData } from './types.ts';

/** How the demo college is written: the password hash shared by the demo accounts, and flags. */
export interface LoadOptions {
  /** Institution name; defaults to the generated one (the root 党委 is renamed to match). */
  schoolName?: string;
  passwordHash: string;
  mustChangePassword: boolean;
  isDemo: boolean;
}

/** A demo account as reported to the person who loaded the college. */
export interface LoadedAccount {
  username: string;
  /** Chinese label of the account's first role. */
  role: string;
  displayName: string;
}

/** Rows per INSERT: 500 persons × 15 columns stays far below PostgreSQL's 65,535 parameters. */
const batchSize = 500;

async function inBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += batchSize) await insert(rows.slice(i, i + batchSize));
}

/** Tables whose ids the loader writes explicitly, so their sequences must be moved past them. */
const tablesWithExplicitIds = [
  'unit',
  'major',
  'org',
  'person',
  'term',
  'appointment',
  'transfer',
] as const satisfies readonly (keyof Database)[];

/**
 * Writes a generated college into an empty database inside `trx`: institution, units, majors,
 * orgs, people, terms, posts, demo accounts and their roles. Writes no audit rows (the caller does).
 */
export async function loadCollege(
  trx: Trx,
  data: CollegeData,
  opts: LoadOptions,
): Promise<{ accounts: LoadedAccount[] }> {
  const schoolName = opts.schoolName ?? data.schoolName;
  const now = new Date();

  await trx.insertInto('institution').values({ name: schoolName, is_demo: opts.isDemo }).execute();

  await inBatches(data.units, (batch) =>
    trx
      .insertInto('unit')
      .values(batch.map((u) => ({ id: u.id, name: u.name, kind: u.kind, sort_order: u.sortOrder })))
      .execute(),
  );
  await inBatches(data.majors, (batch) =>
    trx
      .insertInto('major')
      .values(batch.map((m) => ({ id: m.id, name: m.name, kind: m.kind, unit_id: m.unitId })))
      .execute(),
  );
  // Parents come before children in the generated list, so the parent_id foreign key holds batch by batch.
  await inBatches(data.orgs, (batch) =>
    trx
      .insertInto('org')
      .values(
        batch.map((o) => ({
          id: o.id,
          parent_id: o.parentId,
          path: o.path,
          depth: o.depth,
          type: o.type,
          name: o.parentId === null && schoolName !== data.schoolName ? `中共${schoolName}委员会` : o.name,
          short_name: o.shortName,
          category: o.category,
          code: o.code,
          unit_id: o.unitId,
          founded_on: o.foundedOn,
          sort_order: o.sortOrder,
          archived_at: null,
          archive_reason: null,
          updated_at: now,
        })),
      )
      .execute(),
  );
  await inBatches(
    data.orgs.flatMap((o) => o.majorIds.map((majorId) => ({ org_id: o.id, major_id: majorId }))),
    (batch) => trx.insertInto('org_major').values(batch).execute(),
  );
  await inBatches(data.people, (batch) =>
    trx
      .insertInto('person')
      .values(
        batch.map((p) => ({
          id: p.id,
          name: p.name,
          gender: p.gender,
          birth_date: p.birthDate,
          id_number: p.idNumber,
          phone: p.phone,
          ethnicity: p.ethnicity,
          education: p.education,
          position: p.position,
          major_id: p.majorId,
          grade: p.grade,
          class_name: p.className,
          is_mobile: p.isMobile,
          is_abroad: p.isAbroad,
          is_in_hardship: p.isInHardship,
          dual_leader_kind: p.dualLeaderKind,
          category: p.category,
          party_status: p.partyStatus,
          org_id: p.orgId,
          joined_on: p.joinedOn,
          confirmed_on: p.confirmedOn,
          is_dual_leader: p.isDualLeader,
          dual_leader_note: p.dualLeaderNote,
          unit_id: p.unitId,
          title: p.title,
          updated_at: now,
        })),
      )
      .execute(),
  );
  await inBatches(data.terms, (batch) =>
    trx
      .insertInto('term')
      .values(
        batch.map((t) => ({
          id: t.id,
          org_id: t.orgId,
          number: t.number,
          team_kind: t.teamKind,
          start_date: t.startDate,
          planned_end_date: t.plannedEndDate,
          actual_end_date: t.actualEndDate,
          elected_on: t.electedOn,
          election_requested_on: t.electionRequestedOn,
          postponed_to: t.postponedTo,
          postponement_approved_on: t.postponementApprovedOn,
        })),
      )
      .execute(),
  );
  await inBatches(data.appointments, (batch) =>
    trx
      .insertInto('appointment')
      .values(
        batch.map((a) => ({
          id: a.id,
          person_id: a.personId,
          org_id: a.orgId,
          term_id: a.termId,
          post: a.post,
          start_date: a.startDate,
          end_date: a.endDate,
        })),
      )
      .execute(),
  );
  if (data.transfers.length > 0)
    await trx
      .insertInto('transfer')
      .values(
        data.transfers.map((t) => ({
          id: t.id,
          kind: t.kind,
          status: t.status,
          person_id: t.personId,
          from_org_id: t.fromOrgId,
          to_org_id: t.toOrgId,
          requested_side: t.kind === 'internal' ? ('from' as const) : null,
          external_org_name: t.externalOrgName,
          external_unit: t.externalUnit,
          letter_number: t.letterNumber,
          issued_on: t.issuedOn,
          valid_days: t.validDays,
          expires_on: t.expiresOn,
          requested_on: t.requestedOn,
          reason: t.reason,
          updated_at: now,
        })),
      )
      .execute();
  for (const table of tablesWithExplicitIds) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
      trx,
    );
  }

  const users = await trx
    .insertInto('app_user')
    .values(
      data.accounts.map((a) => ({
        username: a.username,
        display_name: a.displayName,
        person_id: a.personId,
        password_hash: opts.passwordHash,
        must_change_password: opts.mustChangePassword,
        locked_until: null,
        last_login_at: null,
        password_changed_at: null,
      })),
    )
    .returning(['id', 'username'])
    .execute();
  const userIds = new Map(users.map((u) => [u.username, u.id]));
  const roles = data.accounts.flatMap((a) =>
    a.roles.map((r) => ({ user_id: userIds.get(a.username) ?? 0, role: r.role, org_id: r.orgId })),
  );
  if (roles.length > 0) await trx.insertInto('user_role').values(roles).execute();

  return {
    accounts: data.accounts.map((a) => {
      const first = a.roles[0];
      return { username: a.username, role: first ? roleLabels[first.role] : '', displayName: a.displayName };
    }),
  };
}
