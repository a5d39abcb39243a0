/**
 * Roster import: a dry run reports every problem by row and column; a commit checks everything
 * again inside one transaction and writes all rows or none. People are matched by ID number:
 * a match is updated (only if something changed), anyone else is created, and each commit is kept
 * in the import history with who did it and what it changed.
 */
import { createHash } from 'node:crypto';
import {
  AppError,
  canHoldMembers,
  checkImportedRecord,
  checkMemberRecord,
  columnLetter,
  type ImportColumn,
  type ImportProblem,
  type ImportRowAction,
  type IsoDate,
  importColumnLabels,
  importColumnTitle,
  importedRecord,
  importLayoutLabels,
  importProblem,
  type MemberField,
  type MemberImportListItem,
  type MemberImportMode,
  type MemberImportReport,
  type MemberRecord,
  maxReportedProblems,
  maxReportedRows,
  memberFieldLabels,
  memberStatusLabels,
  normaliseOrgName,
  orgTypeLabels,
  type Page,
} from '@dangjian/core';
import type { Actor, AuditChange, Db, Trx } from '../../../http/context.ts';
import { isPathInScope } from '../../../http/scope.ts';
import { changedFields, fromPersonColumns } from '../record.ts';
import { type MemberEventInput, recordMemberEvents } from '../service.ts';
import { checkXlsx } from './guard.ts';
import { type ReadSheet, readMemberSheet } from './read.ts';
import * as repo from './repo.ts';

/** An uploaded file, checked and read, ready for a dry run or a commit. */
export interface ImportFile {
  fileName: string;
  sha256: string;
  sheet: ReadSheet;
}

/**
 * Checks an uploaded body (size, zip structure, zip bombs, rows/columns, formulas) and reads its
 * roster sheet. Runs before any transaction: a refused file never touches the database.
 */
export async function readImportFile(body: unknown, fileName: string): Promise<ImportFile> {
  if (!Buffer.isBuffer(body))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      '请直接上传 .xlsx 文件内容（Content-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet）',
    );
  const sha256 = createHash('sha256').update(body).digest('hex');
  const sheet = await readMemberSheet(await checkXlsx(body));
  return { fileName, sha256, sheet };
}

/** One row the import would write. */
interface PlannedRow {
  row: number;
  action: ImportRowAction;
  personId: number | null;
  before: MemberRecord | null;
  record: MemberRecord;
  fields: MemberField[];
}

interface ImportPlan {
  problems: ImportProblem[];
  rows: PlannedRow[];
}

type OrgRow = Awaited<ReturnType<typeof repo.orgsInScope>>[number];

/** Finds branches (and their 党小组) by name among the orgs of the actor's scope. */
function placementIndex(orgs: readonly OrgRow[]) {
  const byName = new Map<string, OrgRow[]>();
  const byShortName = new Map<string, OrgRow[]>();
  const groups = new Map<number, Map<string, OrgRow[]>>();
  const add = (map: Map<string, OrgRow[]>, key: string, o: OrgRow) => {
    const list = map.get(key);
    if (list) list.push(o);
    else map.set(key, [o]);
  };
  for (const o of orgs) {
    add(byName, normaliseOrgName(o.name), o);
    if (o.short_name) add(byShortName, normaliseOrgName(o.short_name), o);
    if (o.type === 'group' && o.parent_id !== null) {
      const g = groups.get(o.parent_id) ?? new Map<string, OrgRow[]>();
      groups.set(o.parent_id, g);
      add(g, normaliseOrgName(o.name), o);
    }
  }
  const byId = new Map(orgs.map((o) => [o.id, o]));
  return {
    byId,
    /** The org a row names, or why it cannot hold the row's member. */
    resolve(
      branchName: string,
      groupName: string | null | undefined,
    ): { org: OrgRow } | { problem: [ImportColumn, string] } {
      const key = normaliseOrgName(branchName);
      const hits = byName.get(key) ?? byShortName.get(key) ?? [];
      if (hits.length === 0) return { problem: ['branchName', `“${branchName}”不存在或不在您的管理范围内`] };
      if (hits.length > 1)
        return {
          problem: ['branchName', `“${branchName}”对应 ${hits.length} 个党组织，请联系组织部处理重名`],
        };
      const branch = hits[0]!;
      if (branch.type === 'group')
        return {
          problem: ['branchName', `“${branchName}”是党小组：此处请填写其所属党支部，党小组填在“党小组”列`],
        };
      if (!canHoldMembers(branch.type, branch.parent_type ?? null))
        return {
          problem: [
            'branchName',
            `“${branchName}”是${orgTypeLabels[branch.type] ?? '党组织'}，党员只能编入党支部或其党小组`,
          ],
        };
      if (!groupName) return { org: branch };
      const g = groups.get(branch.id)?.get(normaliseOrgName(groupName)) ?? [];
      if (g.length !== 1)
        return { problem: ['groupName', `“${branch.name}”下没有名为“${groupName}”的党小组`] };
      return { org: g[0]! };
    },
  };
}

/** Units or majors by name: name → ids. */
function nameIndex(rows: readonly { id: number; name: string }[]) {
  const map = new Map<string, number[]>();
  for (const r of rows) {
    const key = normaliseOrgName(r.name);
    map.set(key, [...(map.get(key) ?? []), r.id]);
  }
  return map;
}

/** The branch an org belongs to: itself, or the branch of a 党小组. */
function branchIdOf(org: { id: number; type: string | null; parent_id: number | null }): number {
  return org.type === 'group' && org.parent_id !== null ? org.parent_id : org.id;
}

/**
 * Checks every row against the rules and the database: record rules (core), duplicates in the file
 * and with people already registered, names of branches, 党小组, units and majors within the
 * actor's scope, and what a matched person's update would change.
 */
async function planImport(db: Db | Trx, actor: Actor, sheet: ReadSheet, today: IsoDate): Promise<ImportPlan> {
  const { header } = sheet;
  const problems: ImportProblem[] = [...header.problems];
  const title = (c: ImportColumn) => importColumnTitle(header, c);
  const [orgs, { units, majors }] = await Promise.all([
    repo.orgsInScope(db, actor.scope),
    repo.unitsAndMajors(db),
  ]);
  const places = placementIndex(orgs);
  const unitIds = nameIndex(units);
  const majorIds = nameIndex(majors);

  const firstRowOf = new Map<string, number>();
  for (const d of sheet.rows) {
    const id = d.values.idNumber;
    if (id && !firstRowOf.has(id)) firstRowOf.set(id, d.row);
  }
  const existing = new Map(
    (await repo.peopleByIdNumbers(db, [...firstRowOf.keys()])).map((p) => [p.id_number!, p]),
  );

  const rows: PlannedRow[] = [];
  for (const draft of sheet.rows) {
    const { values } = draft;
    const rowProblems: ImportProblem[] = [...draft.problems];
    const add = (column: ImportColumn, detail: string) =>
      rowProblems.push(importProblem(draft.row, title(column), detail));

    let orgId = 0;
    let branchId: number | null = null;
    if (values.branchName) {
      const placed = places.resolve(values.branchName, values.groupName);
      if ('problem' in placed) add(...placed.problem);
      else {
        orgId = placed.org.id;
        branchId = branchIdOf(placed.org);
      }
    }
    const byName = (index: Map<string, number[]>, column: 'unitName' | 'majorName', kind: string) => {
      if (!(column in values)) return undefined;
      const name = values[column];
      if (!name) return null;
      const ids = index.get(normaliseOrgName(name)) ?? [];
      if (ids.length === 1) return ids[0]!;
      add(
        column,
        ids.length === 0
          ? `“${name}”不存在，请按“字典”工作表中的${kind}名称填写`
          : `“${name}”对应多个${kind}`,
      );
      return null;
    };
    const unitId = byName(unitIds, 'unitName', '单位');
    const majorId = byName(majorIds, 'majorName', '专业');

    const idNumber = values.idNumber ?? null;
    const first = idNumber ? firstRowOf.get(idNumber) : undefined;
    if (first !== undefined && first !== draft.row) add('idNumber', `与第${first}行重复`);
    const person = idNumber && first === draft.row ? existing.get(idNumber) : undefined;
    let before: MemberRecord | null = null;
    if (person) {
      const inScope =
        actor.scope.kind === 'all' ||
        (person.org_path !== null && isPathInScope(actor.scope, person.org_path));
      if (!inScope)
        add('idNumber', '已登记在您管理范围以外的党组织，不能通过导入修改；调入请办理组织关系转接');
      else if (person.status !== 'active')
        add(
          'idNumber',
          `该人员已不在册（${memberStatusLabels[person.status] ?? person.status}），不能通过导入修改`,
        );
      else {
        before = fromPersonColumns(person);
        const currentBranch =
          person.org_id === null
            ? null
            : branchIdOf({ id: person.org_id, type: person.org_type, parent_id: person.org_parent_id });
        if (currentBranch !== null && branchId !== null && currentBranch !== branchId)
          add(
            'branchName',
            `该党员现属“${places.byId.get(currentBranch)?.name ?? '其他党组织'}”，调整到其他党支部须办理组织关系转接`,
          );
      }
    }

    const record = importedRecord(values, { orgId, unitId, majorId }, before);
    const tolerated = new Set(before ? checkMemberRecord(before, today).map((p) => p.message) : []);
    rowProblems.push(...checkImportedRecord(record, draft, header, today, tolerated));
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    const fields = before ? changedFields(before, record) : [];
    rows.push({
      row: draft.row,
      action: before ? (fields.length > 0 ? 'update' : 'unchanged') : 'create',
      personId: person?.id ?? null,
      before,
      record,
      fields,
    });
  }
  return { problems, rows };
}

function presentReport(
  mode: MemberImportMode,
  file: ImportFile,
  plan: ImportPlan,
  previous: Awaited<ReturnType<typeof repo.lastImportOf>>,
  importId: number | null,
): MemberImportReport {
  const { header } = file.sheet;
  const count = (a: ImportRowAction) => plan.rows.filter((r) => r.action === a).length;
  return {
    mode,
    fileName: file.fileName,
    sha256: file.sha256,
    sheetName: file.sheet.sheetName,
    layout: header.layout,
    layoutLabel: importLayoutLabels[header.layout],
    headerRow: header.row,
    columns: header.columns.map((c) => ({
      letter: columnLetter(c.index),
      header: c.header,
      field: c.column,
      label: importColumnLabels[c.column],
    })),
    ignoredColumns: header.ignored.map((c) => ({ letter: columnLetter(c.index), header: c.header })),
    rowCount: file.sheet.rows.length,
    problemCount: plan.problems.length,
    problems: plan.problems.slice(0, maxReportedProblems),
    created: count('create'),
    updated: count('update'),
    unchanged: count('unchanged'),
    changes: plan.rows
      .filter((r) => r.action !== 'unchanged')
      .slice(0, maxReportedRows)
      .map((r) => ({
        row: r.row,
        name: r.record.name,
        action: r.action,
        fields: r.fields.map((f) => memberFieldLabels[f]),
      })),
    committed: importId !== null,
    importId,
    previousImport: previous
      ? { id: previous.id, at: new Date(previous.at).toISOString(), actorName: previous.actor_name }
      : null,
  };
}

/** Checks a file against the rules and the database and reports what a commit would do. */
export async function dryRunImport(
  db: Db,
  actor: Actor,
  file: ImportFile,
  today: IsoDate,
): Promise<MemberImportReport> {
  const [plan, previous] = await Promise.all([
    planImport(db, actor, file.sheet, today),
    repo.lastImportOf(db, file.sha256),
  ]);
  return presentReport('dry-run', file, plan, previous, null);
}

/** Phones stay out of the import history in full, as in the audit log. */
function historyValue(field: MemberField, v: unknown): unknown {
  return field === 'phone' && typeof v === 'string' ? `…${v.slice(-4)}` : v;
}

/**
 * Checks everything again under the import lock and, when nothing is wrong, writes the people,
 * their timeline events and the history entry in the caller's transaction. Any problem → 422 with
 * the report, and the transaction (hence nothing) is committed.
 */
export async function commitImport(
  trx: Trx,
  actor: Actor,
  file: ImportFile,
  today: IsoDate,
  change: AuditChange,
): Promise<MemberImportReport> {
  await repo.lockImports(trx);
  const plan = await planImport(trx, actor, file.sheet, today);
  const previous = await repo.lastImportOf(trx, file.sha256);
  if (plan.problems.length > 0) {
    const report = presentReport('commit', file, plan, previous, null);
    throw new AppError(
      'RULE_VIOLATION',
      `文件中有 ${plan.problems.length} 处问题，未导入任何数据。${plan.problems[0]!.message}`,
      { report },
    );
  }
  const creates = plan.rows.filter((r) => r.action === 'create');
  const updates = plan.rows.filter((r) => r.action === 'update');
  const newIds = await repo.insertPeople(
    trx,
    creates.map((r) => r.record),
  );
  for (const r of creates) r.personId = newIds.get(r.record.idNumber!) ?? null;
  await repo.updatePeople(
    trx,
    updates.map((r) => ({ personId: r.personId!, record: r.record })),
  );
  const importId = await repo.insertImport(trx, {
    fileName: file.fileName,
    sha256: file.sha256,
    layout: file.sheet.header.layout,
    actorId: actor.userId,
    actorName: actor.username,
    rowCount: file.sheet.rows.length,
    created: creates.length,
    updated: updates.length,
    unchanged: plan.rows.length - creates.length - updates.length,
    changes: [...creates, ...updates].map((r) => ({
      row: r.row,
      personId: r.personId,
      action: r.action === 'create' ? 'created' : 'updated',
      ...(r.before
        ? {
            fields: Object.fromEntries(
              r.fields.map((f) => [
                f,
                { from: historyValue(f, r.before![f]), to: historyValue(f, r.record[f]) },
              ]),
            ),
          }
        : {}),
    })),
  });

  const where = (row: number) => `${file.fileName} 第${row}行`;
  const events: MemberEventInput[] = [];
  for (const r of creates)
    events.push({
      personId: r.personId!,
      kind: 'created',
      on: today,
      summary: `批量导入建档（${where(r.row)}）`,
      details: { importId, row: r.row },
    });
  for (const r of updates) {
    if (r.before!.partyStatus === 'probationary' && r.record.partyStatus === 'full')
      events.push({
        personId: r.personId!,
        kind: 'status_confirmed',
        on: r.record.confirmedOn ?? today,
        summary: `转为正式党员（转正日期 ${r.record.confirmedOn}）`,
        details: { importId, row: r.row },
      });
    events.push({
      personId: r.personId!,
      kind: 'imported',
      on: today,
      summary: `批量导入更新${r.fields.map((f) => memberFieldLabels[f]).join('、')}（${where(r.row)}）`,
      details: { importId, row: r.row, fields: r.fields },
    });
  }
  await recordMemberEvents(trx, actor, events);

  const report = presentReport('commit', file, plan, previous, importId);
  Object.assign(change, {
    targetType: 'member_import',
    targetId: importId,
    summary: `导入党员名册“${file.fileName}”：新增 ${report.created} 人，更新 ${report.updated} 人，无变化 ${report.unchanged} 人`,
    after: {
      fileName: file.fileName,
      sha256: file.sha256,
      layout: report.layout,
      rowCount: report.rowCount,
      created: report.created,
      updated: report.updated,
      unchanged: report.unchanged,
    },
  });
  return report;
}

/** The import history: the whole college's for a school-wide actor, else the actor's own imports. */
export async function listImports(
  db: Db,
  actor: Actor,
  query: { page: number; pageSize: number },
): Promise<Page<MemberImportListItem>> {
  const { rows, total } = await repo.pageImports(
    db,
    actor.scope.kind === 'all' ? null : actor.userId,
    query.page,
    query.pageSize,
  );
  return {
    items: rows.map((r) => ({
      id: r.id,
      fileName: r.file_name,
      sha256: r.file_sha256,
      layout: r.layout,
      actorName: r.actor_name,
      at: new Date(r.at).toISOString(),
      rowCount: r.row_count,
      createdCount: r.created_count,
      updatedCount: r.updated_count,
      unchangedCount: r.unchanged_count,
    })),
    total,
    page: query.page,
    pageSize: query.pageSize,
  };
}
