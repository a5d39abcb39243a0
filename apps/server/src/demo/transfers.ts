import { addDays, type IsoDate } from '@dangjian/core';
import type { DemoAppointment, DemoOrg, DemoPerson, DemoTransfer } from './types.ts';

/** Receiving party organisations outside the college, for the demo's outgoing letters. */
const receivers = [
  { name: '中共杭州数智科技有限公司支部委员会', unit: '杭州数智科技有限公司' },
  { name: '中共宁波港智慧物流有限公司委员会', unit: '宁波港智慧物流有限公司' },
] as const;

/**
 * A few transfers under way on `today`, none of which changes anyone's place on the roster (so the
 * org rule cases stay as planted): a graduate's letter whose receipt is overdue, a letter just issued,
 * and an internal request between two teacher branches of one 党总支 waiting for confirmation.
 * (leavers.ts numbers them again after the completed letters of those who left in the year.)
 */
export function buildDemoTransfers(
  people: readonly DemoPerson[],
  orgs: readonly DemoOrg[],
  appointments: readonly DemoAppointment[],
  caseOrgIds: ReadonlySet<number>,
  today: IsoDate,
): DemoTransfer[] {
  const holdsPost = new Set(appointments.filter((a) => a.endDate === null).map((a) => a.personId));
  const branchOf = (p: DemoPerson) => {
    const org = orgs[p.orgId - 1]!;
    return org.type === 'group' && org.parentId !== null ? orgs[org.parentId - 1]! : org;
  };
  const eligible = (p: DemoPerson, category: DemoOrg['category']) => {
    const branch = branchOf(p);
    return (
      p.partyStatus === 'full' &&
      !holdsPost.has(p.id) &&
      branch.category === category &&
      !caseOrgIds.has(branch.id)
    );
  };
  const graduates = people.filter((p) => p.category === 'student' && eligible(p, 'student'));
  const teachers = people.filter((p) => p.category === 'staff' && eligible(p, 'staff'));
  const out: DemoTransfer[] = [];
  const year = today.slice(0, 4);
  const letter = (n: number) => `${year}-${String(n).padStart(3, '0')}`;
  const first = graduates[0];
  const second = graduates.find((p) => first && branchOf(p).id !== branchOf(first).id);
  /** An outgoing letter for a graduate, issued `daysAgo`, valid 30 days. */
  const letterFor = (p: DemoPerson, receiver: (typeof receivers)[number], daysAgo: number): DemoTransfer => {
    const issued = addDays(today, -daysAgo);
    return {
      id: out.length + 1,
      kind: 'outgoing',
      status: 'issued',
      personId: p.id,
      fromOrgId: p.orgId,
      toOrgId: null,
      externalOrgName: receiver.name,
      externalUnit: receiver.unit,
      letterNumber: letter(out.length + 1),
      issuedOn: issued,
      validDays: 30,
      expiresOn: addDays(issued, 30),
      requestedOn: issued,
      reason: '毕业就业，转入工作单位党组织',
      duesPaidUntil: null,
      receiptOn: null,
    };
  };
  if (first) out.push(letterFor(first, receivers[0], 40));
  if (second) out.push(letterFor(second, receivers[1], 5));
  // A teacher moving between two teacher branches of the same 党总支 (e.g. after a 教研室 merger).
  for (const t of teachers) {
    const from = branchOf(t);
    const to = orgs.find(
      (o) =>
        o.id !== from.id &&
        o.parentId === from.parentId &&
        o.type === 'branch' &&
        o.category === 'staff' &&
        !caseOrgIds.has(o.id),
    );
    if (!to) continue;
    out.push({
      id: out.length + 1,
      kind: 'internal',
      status: 'requested',
      personId: t.id,
      fromOrgId: t.orgId,
      toOrgId: to.id,
      externalOrgName: null,
      externalUnit: null,
      letterNumber: null,
      issuedOn: null,
      validDays: null,
      expiresOn: null,
      requestedOn: addDays(today, -3),
      reason: '教研室调整，工作岗位变动',
      duesPaidUntil: null,
      receiptOn: null,
    });
    break;
  }
  return out;
}
