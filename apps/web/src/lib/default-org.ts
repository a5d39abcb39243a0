import type { Me, OrgListItem } from '@dangjian/core';
import { useMemo } from 'react';
import { useOrgList } from '../pages/orgs/api';
import { useMe } from './auth';

/**
 * The org a form's 党组织 picker starts with, or null to leave the choice open: the root of the
 * user's scope when it is one org the form accepts (a branch secretary's branch), else the only
 * org the form accepts at all. Archived orgs are never preselected.
 */
export function pickDefaultOrgId(
  scope: Me['scope'],
  orgs: readonly OrgListItem[],
  isSelectable?: (org: OrgListItem) => boolean,
): number | null {
  const selectable = orgs.filter((o) => !o.archived && (isSelectable ? isSelectable(o) : true));
  if (scope.kind === 'subtrees' && scope.orgIds.length === 1) {
    const root = scope.orgIds[0];
    if (selectable.some((o) => o.id === root)) return root ?? null;
  }
  return selectable.length === 1 ? (selectable[0]?.id ?? null) : null;
}

/**
 * The default org for a new record's picker (see `pickDefaultOrgId`), and whether the org list
 * it is chosen from has loaded: open the form once `ready`, so the preset is not missed.
 */
export function useDefaultOrgId(isSelectable?: (org: OrgListItem) => boolean): {
  orgId: number | null;
  ready: boolean;
} {
  const me = useMe();
  const orgs = useOrgList(false);
  const orgId = useMemo(
    () => (orgs.data ? pickDefaultOrgId(me.scope, orgs.data, isSelectable) : null),
    [me.scope, orgs.data, isSelectable],
  );
  return { orgId, ready: orgs.data !== undefined || orgs.isError };
}
