import { AppError, type Major, type Unit, type UnitKind } from '@dangjian/core';
import type { AuditChange, Db, Trx } from '../../http/context.ts';
import * as repo from './repo.ts';

type UnitInput = {
  name?: string;
  kind?: UnitKind;
  sortOrder?: number;
  studentCount?: number | null | undefined;
  staffCount?: number | null | undefined;
};

type UnitRow = {
  id: number;
  name: string;
  kind: UnitKind;
  sort_order: number;
  student_count: number | null;
  staff_count: number | null;
};

function presentUnit(u: UnitRow): Unit {
  return {
    id: u.id,
    name: u.name,
    kind: u.kind,
    sortOrder: u.sort_order,
    studentCount: u.student_count,
    staffCount: u.staff_count,
  };
}

/** Units (二级学院, 部门, 教辅单位) in display order. */
export async function listUnits(db: Db | Trx): Promise<Unit[]> {
  const rows = await repo.listUnitRows(db);
  return rows.map(presentUnit);
}

export async function createUnit(
  trx: Trx,
  body: Required<Pick<UnitInput, 'name' | 'kind'>> & UnitInput,
  change: AuditChange,
): Promise<Unit> {
  const r = await repo.insertUnit(trx, {
    name: body.name,
    kind: body.kind,
    sort_order: body.sortOrder ?? 0,
    student_count: body.studentCount ?? null,
    staff_count: body.staffCount ?? null,
  });
  Object.assign(change, { targetType: 'unit', targetId: r.id, summary: `新建单位：${r.name}`, after: body });
  return presentUnit(r);
}

export async function updateUnit(trx: Trx, id: number, body: UnitInput, change: AuditChange): Promise<Unit> {
  const before = await repo.lockUnit(trx, id);
  if (!before) throw new AppError('NOT_FOUND');
  const r = await repo.updateUnitRow(trx, id, {
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.kind !== undefined ? { kind: body.kind } : {}),
    ...(body.sortOrder !== undefined ? { sort_order: body.sortOrder } : {}),
    ...(body.studentCount !== undefined ? { student_count: body.studentCount } : {}),
    ...(body.staffCount !== undefined ? { staff_count: body.staffCount } : {}),
  });
  Object.assign(change, {
    targetType: 'unit',
    targetId: r.id,
    summary: `修改单位：${r.name}`,
    before: presentUnit(before),
    after: presentUnit(r),
  });
  return presentUnit(r);
}

/** Majors and major clusters with the unit that runs them. */
export async function listMajors(db: Db | Trx, ids?: number[]): Promise<Major[]> {
  const rows = await repo.listMajorRows(db, ids);
  return rows.map((m) => ({
    id: m.id,
    name: m.name,
    kind: m.kind as Major['kind'],
    unitId: m.unit_id,
    unitName: m.unit_name,
  }));
}

export async function createMajor(
  trx: Trx,
  body: { name: string; kind: Major['kind']; unitId: number | null },
  change: AuditChange,
): Promise<number> {
  if (body.unitId !== null) {
    const unit = await repo.findUnitId(trx, body.unitId);
    if (!unit)
      throw new AppError('VALIDATION_FAILED', '所属单位：不存在', {
        fields: [{ path: 'unitId', message: '所属单位不存在' }],
      });
  }
  const r = await repo.insertMajor(trx, { name: body.name, kind: body.kind, unit_id: body.unitId });
  Object.assign(change, { targetType: 'major', targetId: r.id, summary: `新建专业：${r.name}`, after: body });
  return r.id;
}
