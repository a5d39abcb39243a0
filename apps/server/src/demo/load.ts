import { addMonths, roleLabels } from '@dangjian/core';
import { sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Trx } from '../http/context.ts';
import { dossierColumns } from '../modules/recruitment/state.ts';
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
  'activity',
  'recruitment',
  'rectification',
  'supervised_task',
  'rectification_campaign',
  'inspection',
  'app_user',
] as const satisfies readonly (keyof Database)[];

/** Activities per INSERT: 24 columns × 2,000 rows stays below PostgreSQL's 65,535 parameters. */
const activityBatch = 2000;
/** Attendance rows per INSERT: sent as one array per column, so only the statement size limits it. */
const attendanceBatch = 20_000;

/** Writes the demo's organisational life: activities, attendance (as column arrays), resolutions, reviews. */
async function loadActivities(trx: Trx, data: CollegeData, now: Date): Promise<void> {
  for (let i = 0; i < data.activities.length; i += activityBatch) {
    await trx
      .insertInto('activity')
      .values(
        data.activities.slice(i, i + activityBatch).map((a) => ({
          id: a.id,
          org_id: a.orgId,
          kind: a.kind,
          title: a.title,
          status: a.status,
          starts_at: a.startsAt,
          ends_at: a.endsAt,
          on_date: a.onDate,
          place: a.place,
          host_person_id: a.hostPersonId,
          recorder_person_id: a.recorderPersonId,
          speaker: a.speaker,
          partner_person_id: a.partnerPersonId,
          topic: a.topic,
          agenda: JSON.stringify(a.agenda),
          has_first_topic: a.agenda.some((item) => item.isFirstTopic),
          segments: JSON.stringify(a.segments),
          notice: a.notice,
          notice_published_at: a.noticePublishedAt,
          minutes: a.minutes,
          sign_in_secret: a.signInSecret,
          closed_at: a.closedAt,
          created_at: a.noticePublishedAt ?? a.startsAt,
          updated_at: a.closedAt ?? now,
        })),
      )
      .execute();
  }
  const att = data.attendance;
  for (let i = 0; i < att.personId.length; i += attendanceBatch) {
    const part = <T>(column: readonly T[]): T[] => column.slice(i, i + attendanceBatch);
    // Sign-in and leave times follow from the activity's start, so they are computed in SQL.
    await sql`
      insert into activity_attendee (activity_id, person_id, role, party_status, status, signed_in_at,
        sign_in_method, manual_reason, leave_status, leave_reason, leave_requested_at, leave_decided_at)
      select u.activity_id, u.person_id, u.role, u.party_status, u.status,
        a.starts_at + make_interval(secs => u.signed_in_after), u.sign_in_method, u.manual_reason,
        u.leave_status, u.leave_reason,
        case when u.leave_status is not null then a.starts_at - interval '2 days' end,
        case when u.leave_status = 'approved' then a.starts_at - interval '1 day' end
      from unnest(${part(att.activityId)}::int[], ${part(att.personId)}::int[], ${part(att.role)}::text[],
        ${part(att.partyStatus)}::text[], ${part(att.status)}::text[], ${part(att.signedInAfter)}::int[],
        ${part(att.method)}::text[], ${part(att.manualReason)}::text[], ${part(att.leaveStatus)}::text[],
        ${part(att.leaveReason)}::text[])
        as u(activity_id, person_id, role, party_status, status, signed_in_after, sign_in_method,
          manual_reason, leave_status, leave_reason)
      join activity a on a.id = u.activity_id
    `.execute(trx);
  }
  // A closed 党员大会 or 支委会 records whether it had its quorum, as archiving it through the platform does.
  await sql`
    update activity a set quorum_met = q.met
    from (
      select x.activity_id,
        case when ac.kind = 'committee_meeting' then
          2 * count(*) filter (where x.role <> 'guest' and x.status = 'present') > count(*) filter (where x.role <> 'guest')
        else
          2 * count(*) filter (where x.role <> 'guest' and x.party_status = 'full' and x.status = 'present')
            > count(*) filter (where x.role <> 'guest' and x.party_status = 'full')
        end as met
      from activity_attendee x join activity ac on ac.id = x.activity_id
      where ac.status = 'closed' and ac.kind in ('general_meeting', 'committee_meeting')
      group by x.activity_id, ac.kind
    ) q
    where a.id = q.activity_id`.execute(trx);
  await inBatches(data.resolutions, (batch) =>
    trx
      .insertInto('activity_resolution')
      .values(
        batch.map((r) => ({
          activity_id: r.activityId,
          position: r.position,
          title: r.title,
          content: r.content,
          is_vote: r.isVote,
          entitled: r.entitled,
          present_entitled: r.presentEntitled,
          votes_for: r.votesFor,
          votes_against: r.votesAgainst,
          abstentions: r.abstentions,
          written_for: r.writtenFor,
          written_against: r.writtenAgainst,
          outcome: r.outcome,
        })),
      )
      .execute(),
  );
  await inBatches(data.reviews, (batch) =>
    trx
      .insertInto('activity_review')
      .values(
        batch.map((r) => ({
          activity_id: r.activityId,
          reviewer_id: null,
          reviewer_name: r.reviewerName,
          reviewer_org_id: r.reviewerOrgId,
          rating: r.rating,
          content_comment: r.contentComment,
          procedure_comment: r.procedureComment,
          reviewed_at: r.reviewedAt,
          response: r.response,
          responder_name: r.responderName,
          responded_at: r.respondedAt,
        })),
      )
      .execute(),
  );
}

/** At which hour (+08:00) a demo step was recorded: the morning of its day. */
const recordedAt = (date: string): string => `${date}T10:00:00+08:00`;

/** Writes the 发展党员 dossiers (their people are already in): dossier, recorded steps, member timeline. */
async function loadRecruitment(trx: Trx, data: CollegeData, now: Date): Promise<void> {
  await inBatches(data.recruits, (batch) =>
    trx
      .insertInto('recruitment')
      .values(
        batch.map((r) => {
          const s = r.state;
          return {
            id: r.id,
            person_id: r.person.id,
            org_id: r.orgId,
            ...dossierColumns(s),
            version: r.events.length - 1,
            created_by: r.events[0]?.recordedBy ?? null,
            created_at: recordedAt(s.appliedOn ?? data.today),
            updated_at: s.lastDate ? recordedAt(s.lastDate) : now,
          };
        }),
      )
      .execute(),
  );
  const events = data.recruits.flatMap((r) =>
    r.events.map((e, i) => ({
      recruitment_id: r.id,
      seq: i + 1,
      step: e.event.step,
      on_date: e.event.date,
      // As the service stores it: the core event plus the ids of the documents it names (none here).
      event: JSON.stringify({ ...e.event, documentIds: [] }),
      warnings: JSON.stringify(e.warnings),
      overrides: '[]',
      note: null,
      activity_id: e.activityId,
      recorded_by: e.recordedBy,
      recorder_name: e.recorderName,
      recorded_at: recordedAt(e.event.date),
    })),
  );
  await inBatches(events, (batch) => trx.insertInto('recruitment_event').values(batch).execute());
  const timeline = data.recruits.flatMap((r) =>
    r.personEvents.map((e) => ({
      person_id: r.person.id,
      kind: e.kind,
      on_date: e.on,
      at: recordedAt(e.on),
      actor_id: null,
      actor_name: null,
      summary: e.summary,
      details: JSON.stringify({ recruitmentId: r.id }),
    })),
  );
  await inBatches(timeline, (batch) => trx.insertInto('person_event').values(batch).execute());
}

/**
 * Writes the rectification items: the rows (an item opened from a finding names it in `source_ref` as
 * `finding:<key>` until the demo's findings are evaluated and finding-history.ts links it), milestones, the records
 * linked as evidence, and the timelines. After the accounts: evidence and steps name who did them.
 */
async function loadRectifications(trx: Trx, data: CollegeData): Promise<void> {
  const items = data.rectifications;
  await inBatches(items, (batch) =>
    trx
      .insertInto('rectification')
      .values(
        batch.map((r) => ({
          id: r.id,
          org_id: r.orgId,
          source: r.source,
          finding_id: null,
          activity_id: r.activityId,
          source_ref: r.findingKey ? `finding:${r.findingKey}` : null,
          source_label: r.sourceLabel,
          problem: r.problem,
          clause: r.clause,
          responsible_person_id: r.responsiblePersonId,
          assisting_org_ids: [],
          measures: r.measures,
          result: r.result,
          status: r.status,
          deadline: r.deadline,
          original_deadline: r.originalDeadline,
          extensions: r.extensions,
          extension_until: r.extensionRequest?.until ?? null,
          extension_reason: r.extensionRequest?.reason ?? null,
          reopen_count: r.reopenCount,
          submitted_at: r.submittedAt,
          closed_at: r.closedAt,
          campaign_id: r.campaignId ?? null,
          inspection_id: r.inspectionId ?? null,
          created_by: r.createdBy,
          created_at: r.createdAt,
          updated_at: r.updatedAt,
          version: r.version,
        })),
      )
      .execute(),
  );
  await inBatches(
    items.flatMap((r) =>
      r.milestones.map((m, i) => ({
        rectification_id: r.id,
        position: i,
        title: m.title,
        due_on: m.dueOn,
        done_on: m.doneOn,
      })),
    ),
    (batch) => trx.insertInto('rectification_milestone').values(batch).execute(),
  );
  await inBatches(
    items.flatMap((r) =>
      r.evidence.map((e) => ({
        rectification_id: r.id,
        kind: e.kind,
        activity_id: e.kind === 'activity' ? e.recordId : null,
        term_id: e.kind === 'term' ? e.recordId : null,
        note: e.note,
        added_by: e.addedBy,
        added_by_name: e.addedByName,
        added_at: e.addedAt,
      })),
    ),
    (batch) => trx.insertInto('rectification_evidence').values(batch).execute(),
  );
  await inBatches(
    items.flatMap((r) =>
      r.events.map((e) => ({
        rectification_id: r.id,
        at: e.at,
        kind: e.kind,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        actor_id: e.actorId,
        actor_name: e.actorName,
        note: e.note,
        until: e.until,
      })),
    ),
    (batch) => trx.insertInto('rectification_event').values(batch).execute(),
  );
}

/**
 * Writes the 问题清单 rounds, each participating org's list and summary as they stand and their history (after the
 * accounts: they name who submitted and returned; before the items: an item names its org's row).
 */
async function loadCampaigns(trx: Trx, data: CollegeData): Promise<void> {
  const root = data.orgs.find((o) => o.parentId === null)!;
  for (const c of data.campaigns) {
    await trx
      .insertInto('rectification_campaign')
      .values({
        id: c.id,
        issuer_org_id: root.id,
        name: c.name,
        year: c.year,
        kind: c.kind,
        issued_on: c.issuedOn,
        list_due_on: c.listDueOn,
        summary_due_on: c.summaryDueOn,
        description: c.description,
        created_by: c.createdBy,
        created_at: c.createdAt,
        updated_at: c.createdAt,
      })
      .execute();
    await inBatches(c.orgs, (batch) =>
      trx
        .insertInto('rectification_campaign_org')
        .values(
          batch.map((o) => ({
            campaign_id: c.id,
            org_id: o.orgId,
            list_submitted_at: o.list?.at ?? null,
            list_submitted_by: o.list?.byId ?? null,
            list_submitted_by_name: o.list?.byName ?? null,
            no_problems: o.list?.noProblems ?? false,
            list_note: o.list?.note ?? null,
            list_returned_at: o.listReturn?.at ?? null,
            list_returned_by_name: o.listReturn?.byName ?? null,
            list_return_reason: o.listReturn?.reason ?? null,
            summary: o.summary?.text ?? null,
            summary_submitted_at: o.summary?.at ?? null,
            summary_submitted_by: o.summary?.byId ?? null,
            summary_submitted_by_name: o.summary?.byName ?? null,
            summary_items: o.summary?.figures.items ?? null,
            summary_closed: o.summary?.figures.closed ?? null,
            summary_open: o.summary?.figures.open ?? null,
            summary_overdue: o.summary?.figures.overdue ?? null,
            updated_at: o.events.at(-1)?.at ?? c.createdAt,
            version: o.version,
          })),
        )
        .execute(),
    );
    await inBatches(
      c.orgs.flatMap((o) =>
        o.events.map((e) => ({
          campaign_id: c.id,
          org_id: o.orgId,
          at: e.at,
          kind: e.kind,
          actor_id: e.actorId,
          actor_name: e.actorName,
          note: e.note,
        })),
      ),
      (batch) => trx.insertInto('rectification_campaign_event').values(batch).execute(),
    );
  }
}

/**
 * Writes the 巡察 rounds: each round, its 巡察组, its units as they stand and its timeline (after the accounts: they
 * name who acted; before the items: an item names its round).
 */
async function loadInspections(trx: Trx, data: CollegeData): Promise<void> {
  for (const r of data.inspections) {
    await trx
      .insertInto('inspection')
      .values({
        id: r.id,
        name: r.name,
        kind: r.kind,
        starts_on: r.startsOn,
        ends_on: r.endsOn,
        focus: r.focus,
        report_months: r.reportMonths,
        lookback_months: r.lookbackMonths,
        created_by: r.createdBy,
        created_at: r.createdAt,
        updated_at: r.createdAt,
      })
      .execute();
    await trx
      .insertInto('inspection_team_member')
      .values(r.team.map((m, position) => ({ inspection_id: r.id, position, ...m, person_id: null })))
      .execute();
    await trx
      .insertInto('inspection_unit')
      .values(
        r.units.map((u) => ({
          inspection_id: r.id,
          org_id: u.orgId,
          status: u.status,
          feedback_on: u.feedbackOn,
          summary: u.summary,
          report_text: u.report?.text ?? null,
          report_submitted_on: u.report?.submittedOn ?? null,
          report_by_name: u.report?.byName ?? null,
          report_figures: u.report ? JSON.stringify(u.report.figures) : null,
          returned_reason: u.returnedReason,
          lookback_on: u.lookback?.on ?? null,
          lookback_note: u.lookback?.note ?? null,
          lookback_by_name: u.lookback?.byName ?? null,
          updated_at: u.updatedAt,
          version: u.version,
        })),
      )
      .execute();
    await trx
      .insertInto('inspection_event')
      .values(
        r.events.map((e) => ({
          inspection_id: r.id,
          org_id: e.orgId,
          at: e.at,
          kind: e.kind,
          actor_id: e.actorId,
          actor_name: e.actorName,
          note: e.note,
        })),
      )
      .execute();
  }
}

/** Writes what the 回头看 found of each closed item (after the items it names). */
async function loadInspectionVerdicts(trx: Trx, data: CollegeData): Promise<void> {
  for (const r of data.inspections) {
    const units = await trx
      .selectFrom('inspection_unit')
      .select(['id', 'org_id'])
      .where('inspection_id', '=', r.id)
      .execute();
    const rows = r.units.flatMap((u) =>
      (u.lookback?.verdicts ?? []).map((v) => ({
        inspection_unit_id: units.find((x) => x.org_id === u.orgId)!.id,
        rectification_id: v.rectificationId,
        outcome: v.outcome,
        reason: v.reason,
        until: v.until,
      })),
    );
    if (rows.length > 0) await trx.insertInto('inspection_verdict').values(rows).execute();
  }
}

/** Writes the supervised tasks and their timelines (after the accounts: the steps name who took them). */
async function loadSupervisedTasks(trx: Trx, data: CollegeData): Promise<void> {
  const tasks = data.supervisedTasks;
  await inBatches(tasks, (batch) =>
    trx
      .insertInto('supervised_task')
      .values(
        batch.map((s) => ({
          id: s.id,
          issuer_org_id: s.issuerOrgId,
          org_id: s.leadOrgId,
          activity_id: s.activityId,
          resolution_id: sql<number>`(select id from activity_resolution
            where activity_id = ${s.activityId} and position = ${s.resolutionPosition})`,
          title: s.title,
          content: s.content,
          assisting_org_ids: s.assistingOrgIds,
          cadence: s.cadence,
          status: s.status,
          issued_on: s.issuedOn,
          deadline: s.deadline,
          original_deadline: s.originalDeadline,
          extensions: s.extensions,
          extension_until: s.extensionRequest?.until ?? null,
          extension_reason: s.extensionRequest?.reason ?? null,
          last_report_on: s.lastReportOn,
          result: s.result,
          accepted_at: s.acceptedAt,
          reported_done_at: s.reportedDoneAt,
          done_at: s.doneAt,
          created_by: s.createdBy,
          created_at: s.createdAt,
          updated_at: s.updatedAt,
          version: s.version,
        })),
      )
      .execute(),
  );
  await inBatches(
    tasks.flatMap((s) =>
      s.events.map((e) => ({
        task_id: s.id,
        at: e.at,
        kind: e.kind,
        from_status: e.fromStatus,
        to_status: e.toStatus,
        actor_id: e.actorId,
        actor_name: e.actorName,
        note: e.note,
        until: e.until,
      })),
    ),
    (batch) => trx.insertInto('supervised_task_event').values(batch).execute(),
  );
}

/**
 * Writes a generated college into an empty database inside `trx`: institution, units, majors,
 * orgs, people (and those who left in the year, with their timeline), terms, posts, transfers, two years of
 * organisational life, demo accounts and their roles, the 发展党员 dossiers and the rectification items. Writes no
 * audit rows (the caller does).
 */
export async function loadCollege(
  trx: Trx,
  data: CollegeData,
  opts: LoadOptions,
): Promise<{ accounts: LoadedAccount[] }> {
  const schoolName = opts.schoolName ?? data.schoolName;
  const now = new Date();

  // The demo's history starts two years back: it goes live then, so its planted cases are reported.
  await trx
    .insertInto('institution')
    .values({ name: schoolName, is_demo: opts.isDemo, go_live_date: addMonths(data.today, -24) })
    .execute();

  await inBatches(data.units, (batch) =>
    trx
      .insertInto('unit')
      .values(
        batch.map((u) => ({
          id: u.id,
          name: u.name,
          kind: u.kind,
          sort_order: u.sortOrder,
          student_count: u.studentCount,
          staff_count: u.staffCount,
        })),
      )
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
  // Who left in the year keep their row: off the roster since left_on, with the note, as the platform keeps them.
  const everyone = [
    ...data.people.map((p) => ({ ...p, status: 'active' as const, leftOn: null, leaveNote: null })),
    ...data.recruits.map((r) => ({ ...r.person, status: 'active' as const, leftOn: null, leaveNote: null })),
    ...data.leavers,
  ];
  await inBatches(everyone, (batch) =>
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
          status: p.status,
          left_on: p.leftOn,
          leave_note: p.leaveNote,
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
  // In batches: at scale 10 the graduates' completed letters alone are thousands of rows.
  await inBatches(data.transfers, (batch) =>
    trx
      .insertInto('transfer')
      .values(
        batch.map((t) => ({
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
          dues_paid_until: t.duesPaidUntil,
          receipt_on: t.receiptOn,
          decided_on: t.receiptOn,
          // A completed letter was entered on its day and closed when its 回执 was recorded.
          created_at: t.receiptOn ? recordedAt(t.requestedOn) : now,
          updated_at: t.receiptOn ? recordedAt(t.receiptOn) : now,
        })),
      )
      .execute(),
  );
  // The timeline of those who left: the entries the transfers and members modules wrote then.
  await inBatches(
    data.leavers.flatMap((p) =>
      p.events.map((e) => ({
        person_id: p.id,
        kind: e.kind,
        on_date: e.on,
        at: recordedAt(e.at),
        actor_id: null,
        actor_name: null,
        summary: e.summary,
        details: e.details === null ? null : JSON.stringify(e.details),
      })),
    ),
    (batch) => trx.insertInto('person_event').values(batch).execute(),
  );
  await loadActivities(trx, data, now);

  // Ids are explicit: the recorded steps of the demo dossiers name their recorder by account id.
  const users = await trx
    .insertInto('app_user')
    .values(
      data.accounts.map((a, i) => ({
        id: i + 1,
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
  await loadRecruitment(trx, data, now);
  await loadCampaigns(trx, data);
  await loadInspections(trx, data);
  await loadRectifications(trx, data);
  await loadInspectionVerdicts(trx, data);
  await loadSupervisedTasks(trx, data);
  for (const table of tablesWithExplicitIds) {
    await sql`select setval(pg_get_serial_sequence(${table}, 'id'), (select max(id) from ${sql.table(table)}))`.execute(
      trx,
    );
  }

  return {
    accounts: data.accounts.map((a) => {
      const first = a.roles[0];
      return { username: a.username, role: first ? roleLabels[first.role] : '', displayName: a.displayName };
    }),
  };
}
