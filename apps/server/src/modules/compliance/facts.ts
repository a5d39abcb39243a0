/**
 * The org and record facts of organisational life as core's engine reads them, loaded set-wise: shared by the
 * findings, the matrix and the assessment metrics of this module.
 */
import {
  checkQuorum,
  type HeldActivityFacts,
  type IsoDate,
  type LifeOrgFacts,
  periodOf,
} from '@dangjian/core';
import type { Db, Trx } from '../../http/context.ts';
import { recordsOfCompletedAppraisals } from '../member-appraisals/service.ts';
import * as repo from './repo.ts';

type Q = Db | Trx;

/** Orgs without a founding day are taken as existing long before any record. */
export const longAgo = '2000-01-01';

/** First day of the earliest period (quarter, term, year) that overlaps `from`: its records count too. */
export function periodsStart(from: IsoDate): IsoDate {
  return (['quarter', 'term', 'year'] as const)
    .map((u) => periodOf(from, u).start)
    .reduce((a, b) => (a < b ? a : b));
}

/** Active orgs, with whether the term in force on `today` is a committee. */
export async function loadOrgFacts(
  db: Q,
  today: IsoDate,
  orgIds: repo.OrgFilter = null,
): Promise<LifeOrgFacts[]> {
  const rows = await repo.lifeOrgs(db, today, orgIds);
  return rows.map((o) => ({
    id: o.id,
    name: o.name,
    type: o.type,
    parentId: o.parent_id,
    path: o.path,
    hasCommittee: o.team_kind === 'committee',
    activeFrom: o.founded_on ?? longAgo,
  }));
}

/** Whether every vote of a record had its quorum (core's rule on the stored snapshots); null without votes. */
function quorumOfVotes(entitled: number[] | null, present: number[] | null): boolean | null {
  if (!entitled || !present || entitled.length === 0) return null;
  return entitled.every(
    (e, i) => checkQuorum({ entitled: e, presentEntitled: present[i] ?? 0 }).quorumReached,
  );
}

/**
 * Drops the 民主评议党员 records whose branch has not completed that appraisal (个人自评 → 民主测评 → 党员大会决定, the
 * member-appraisals module): issue 17 — the record counts for compliance only when the appraisal is completed.
 */
export async function withoutIncompleteAppraisals<
  T extends { id: number; org_id: number; kind: string; on_date: string },
>(db: Q, rows: readonly T[]): Promise<T[]> {
  const appraisals = rows.filter((r) => r.kind === 'member_appraisal');
  if (appraisals.length === 0) return [...rows];
  const done = await recordsOfCompletedAppraisals(
    db,
    appraisals.map((r) => ({ id: r.id, orgId: r.org_id, onDate: r.on_date })),
  );
  return rows.filter((r) => r.kind !== 'member_appraisal' || done.has(r.id));
}

/** Closed records in [from, to] that count as held. */
export async function loadActivityFacts(
  db: Q,
  from: IsoDate,
  to: IsoDate,
  orgIds: repo.OrgFilter = null,
): Promise<HeldActivityFacts[]> {
  const rows = await withoutIncompleteAppraisals(db, await repo.closedActivities(db, from, to, orgIds));
  return rows.map((a) => ({
    id: a.id,
    orgId: a.org_id,
    kind: a.kind,
    onDate: a.on_date,
    hasFirstTopic: a.has_first_topic,
    quorumReached: quorumOfVotes(a.vote_entitled, a.vote_present),
    title: a.title,
  }));
}
