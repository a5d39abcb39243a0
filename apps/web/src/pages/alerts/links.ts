import { type FindingCause, type PermissionCode, toLocalDate } from '@dangjian/core';

/** The page of one finding (keys hold colons, so they are encoded). */
export function alertPath(key: string): string {
  return `/alerts/${encodeURIComponent(key)}`;
}

/** The day a finding was first found, in the college's time zone ('YYYY-MM-DD'). */
export function firstSeenDay(firstSeenAt: string): string {
  const t = new Date(firstSeenAt);
  return Number.isNaN(t.getTime()) ? firstSeenAt.slice(0, 10) : toLocalDate(t);
}

/** Where the record a write changed can be seen, and the permission that page asks for. */
export interface CauseLink {
  to: string;
  permission: PermissionCode;
}

const numericId = (id: string | null): string | null => (id !== null && /^\d+$/.test(id) ? id : null);

/**
 * The web page of the record whose write resolved a finding, when one exists. Terms and appointments
 * have no page of their own: they show on their org's 班子 tab, the finding's org (the write that
 * resolved a finding is the one that touched its org).
 */
export function causeLink(cause: FindingCause, findingOrgId: number): CauseLink | null {
  const id = numericId(cause.targetId);
  switch (cause.targetType) {
    case 'activity':
      return id ? { to: `/activities/${id}`, permission: 'life:activity:view' } : null;
    case 'org':
      return id ? { to: `/orgs/${id}`, permission: 'org:org:view' } : null;
    case 'term':
    case 'appointment':
      return { to: `/orgs/${findingOrgId}?tab=team`, permission: 'org:org:view' };
    case 'person':
      return id ? { to: `/members/${id}`, permission: 'member:member:view' } : null;
    case 'transfer':
      return { to: '/transfers', permission: 'member:member:view' };
    case 'recruitment':
      return id ? { to: `/recruitment/${id}`, permission: 'recruitment:dossier:view' } : null;
    case 'member_correction':
      return { to: '/members/corrections', permission: 'member:correction:review' };
    default:
      return null;
  }
}

/** "由 张三 的操作“新增党员：李四”解决": who resolved a finding by which write. */
export function causeText(cause: FindingCause): string {
  return `由 ${cause.actorName ?? '系统'} 的操作“${cause.summary ?? cause.action}”解决`;
}
