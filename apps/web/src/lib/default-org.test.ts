import type { OrgListItem } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { pickDefaultOrgId } from './default-org';

function org(id: number, type: OrgListItem['type'], parentId: number | null, archived = false): OrgListItem {
  return {
    id,
    parentId,
    name: `组织${id}`,
    shortName: null,
    type,
    category: null,
    code: null,
    unitId: null,
    unitName: null,
    archived,
    depth: parentId === null ? 0 : 1,
    memberCount: 0,
    fullMemberCount: 0,
    alertCount: 0,
    sortOrder: 0,
  };
}

const branch = org(10, 'branch', 1);
const group = org(11, 'group', 10);
const isBranch = (o: OrgListItem) => o.type === 'branch';

describe('pickDefaultOrgId', () => {
  it('takes the root of a one-org scope when the form accepts it', () => {
    expect(pickDefaultOrgId({ kind: 'subtrees', orgIds: [10] }, [branch, group])).toBe(10);
  });

  it('takes the only selectable org when the scope root is not selectable', () => {
    const general = org(1, 'general_branch', null);
    expect(pickDefaultOrgId({ kind: 'subtrees', orgIds: [1] }, [general, branch], isBranch)).toBe(10);
  });

  it('leaves the choice open with several selectable orgs', () => {
    const other = org(12, 'branch', 1);
    expect(pickDefaultOrgId({ kind: 'subtrees', orgIds: [10, 12] }, [branch, other])).toBeNull();
    expect(pickDefaultOrgId({ kind: 'all' }, [branch, other])).toBeNull();
  });

  it('never presets an archived org', () => {
    expect(pickDefaultOrgId({ kind: 'subtrees', orgIds: [10] }, [org(10, 'branch', 1, true)])).toBeNull();
  });

  it('leaves the choice open with nothing to choose', () => {
    expect(pickDefaultOrgId({ kind: 'self' }, [])).toBeNull();
  });
});
