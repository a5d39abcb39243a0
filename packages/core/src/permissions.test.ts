import { describe, expect, it } from 'vitest';
import {
  checkRoleGrants,
  type DataScope,
  exclusiveRoleSets,
  type PermissionCode,
  permissionCodes,
  permissionLabels,
  permissionsFor,
  type RoleCode,
  type RoleGrant,
  roleCodes,
  roleDefinitions,
  roleLabels,
  scopeFor,
} from './permissions.ts';

/** A grant of `role`, on `orgId` for subtree roles (null for school-wide and self roles). */
function grant(role: RoleCode, orgId: number | null = null): RoleGrant {
  return { role, orgId };
}

const writeActions = [
  ':create',
  ':edit',
  ':archive',
  ':move',
  ':reset-password',
  ':unlock',
  ':import',
  ':manage',
  ':review',
];

function changesData(code: PermissionCode): boolean {
  return writeActions.some((a) => code.endsWith(a));
}

describe('permission and role tables', () => {
  it('codes are unique and follow 模块:资源:动作', () => {
    expect(new Set(permissionCodes).size).toBe(permissionCodes.length);
    for (const code of permissionCodes) expect(code).toMatch(/^[a-z]+:[a-z]+:[a-z-]+$/);
  });

  it('every code and role has a label', () => {
    for (const code of permissionCodes) expect(permissionLabels[code]).toBeTruthy();
    for (const role of roleCodes) expect(roleLabels[role]).toBeTruthy();
  });

  it.each(roleCodes)('role %s lists known permissions without duplicates', (role) => {
    const perms = roleDefinitions[role].permissions as readonly PermissionCode[];
    expect(new Set(perms).size).toBe(perms.length);
    for (const p of perms) expect(permissionCodes).toContain(p);
  });

  it('every permission is held by at least one role', () => {
    const held = new Set(permissionsFor(roleCodes.map((r) => grant(r))));
    expect(permissionCodes.filter((p) => !held.has(p))).toEqual([]);
  });
});

describe('permissionsFor', () => {
  it('no grants give no permissions', () => {
    expect(permissionsFor([])).toEqual([]);
  });

  it.each(roleCodes)('a single %s grant gives exactly its role permissions', (role) => {
    const expected = permissionCodes.filter((p) =>
      (roleDefinitions[role].permissions as readonly string[]).includes(p),
    );
    expect(permissionsFor([grant(role, 1)])).toEqual(expected);
  });

  it.each<[string, RoleGrant[]]>([
    ['branch secretary + member', [grant('branch_secretary', 7), grant('member')]],
    ['org admin + security admin', [grant('org_admin'), grant('security_admin')]],
    ['two subtree grants', [grant('branch_secretary', 7), grant('general_branch_secretary', 3)]],
    ['auditor + school leader', [grant('auditor'), grant('school_leader')]],
  ])('%s: the union, in catalogue order, without duplicates', (_name, grants) => {
    const union = new Set<PermissionCode>(grants.flatMap((g) => roleDefinitions[g.role].permissions));
    const result = permissionsFor(grants);
    expect(result).toEqual(permissionCodes.filter((p) => union.has(p)));
    expect(new Set(result).size).toBe(result.length);
  });

  it('the same role granted twice adds nothing', () => {
    expect(permissionsFor([grant('branch_secretary', 1), grant('branch_secretary', 2)])).toEqual(
      permissionsFor([grant('branch_secretary', 1)]),
    );
  });

  it('a grant adds permissions only (union is monotonic)', () => {
    const base = permissionsFor([grant('branch_secretary', 1)]);
    const more = permissionsFor([grant('branch_secretary', 1), grant('security_admin')]);
    for (const p of base) expect(more).toContain(p);
    expect(more).toContain('security:policy:edit');
  });
});

describe('scopeFor', () => {
  it.each<[string, RoleGrant[], DataScope]>([
    ['no grants', [], { kind: 'self' }],
    ['member only', [grant('member')], { kind: 'self' }],
    ['one subtree', [grant('branch_secretary', 7)], { kind: 'subtrees', orgIds: [7] }],
    [
      'two subtrees, in grant order',
      [grant('general_branch_secretary', 3), grant('branch_secretary', 7)],
      { kind: 'subtrees', orgIds: [3, 7] },
    ],
    [
      'the same org twice is listed once',
      [grant('branch_secretary', 7), grant('general_branch_secretary', 7), grant('branch_secretary', 7)],
      { kind: 'subtrees', orgIds: [7] },
    ],
    ['subtree + member', [grant('member'), grant('branch_secretary', 7)], { kind: 'subtrees', orgIds: [7] }],
    ['a subtree grant without org reaches nothing', [grant('branch_secretary', null)], { kind: 'self' }],
    ['all alone', [grant('org_admin')], { kind: 'all' }],
    ['all wins when first', [grant('school_leader'), grant('branch_secretary', 7)], { kind: 'all' }],
    [
      'all wins when last',
      [grant('branch_secretary', 7), grant('member'), grant('auditor')],
      { kind: 'all' },
    ],
  ])('%s', (_name, grants, expected) => {
    expect(scopeFor(grants)).toEqual(expected);
  });

  it.each(roleCodes)('role %s alone gives a scope matching its reach', (role) => {
    const reach = roleDefinitions[role].reach;
    const scope = scopeFor([grant(role, reach === 'subtree' ? 5 : null)]);
    expect(scope.kind).toBe(reach === 'subtree' ? 'subtrees' : reach);
  });
});

describe('checkRoleGrants', () => {
  it.each<[string, RoleGrant[]]>([
    ['no grants', []],
    ['one school-wide role', [grant('org_admin')]],
    ['sys_admin alone', [grant('sys_admin')]],
    ['security_admin alone', [grant('security_admin')]],
    ['auditor alone', [grant('auditor')]],
    ['a subtree role with its org', [grant('branch_secretary', 7)]],
    ['the same subtree role on two orgs', [grant('branch_secretary', 7), grant('branch_secretary', 8)]],
    ['an admin who is also a member', [grant('sys_admin'), grant('member')]],
    ['an auditor who is also a branch secretary', [grant('auditor'), grant('branch_secretary', 7)]],
  ])('accepts %s', (_name, grants) => {
    expect(checkRoleGrants(grants)).toEqual([]);
  });

  it.each<[RoleCode[], string]>([
    [['sys_admin', 'security_admin'], '系统管理员、安全管理员'],
    [['sys_admin', 'auditor'], '系统管理员、审计员'],
    [['security_admin', 'auditor'], '安全管理员、审计员'],
    [['auditor', 'sys_admin'], '系统管理员、审计员'],
    [['sys_admin', 'security_admin', 'auditor'], '系统管理员、安全管理员、审计员'],
  ])('三员 %j cannot be held together', (roles, names) => {
    const problems = checkRoleGrants(roles.map((r) => grant(r)));
    expect(problems).toEqual([`${names}不能由同一账号兼任（三员分立）`]);
  });

  it('三员 are one exclusive set', () => {
    expect(exclusiveRoleSets).toEqual([['sys_admin', 'security_admin', 'auditor']]);
  });

  it.each(roleCodes.filter((r) => roleDefinitions[r].reach === 'subtree'))(
    'subtree role %s needs an org',
    (role) => {
      expect(checkRoleGrants([grant(role, null)])).toEqual([
        `角色“${roleLabels[role]}”必须指定所管理的党组织`,
      ]);
    },
  );

  it.each(roleCodes.filter((r) => roleDefinitions[r].reach !== 'subtree'))(
    'role %s, which is not limited to an org, must not name one',
    (role) => {
      expect(checkRoleGrants([grant(role, 5)])).toEqual([
        `角色“${roleLabels[role]}”不限定党组织，不应指定组织`,
      ]);
    },
  );

  it.each<[string, RoleGrant[], number]>([
    ['a school-wide role twice', [grant('org_admin'), grant('org_admin')], 1],
    ['a subtree role twice on the same org', [grant('branch_secretary', 7), grant('branch_secretary', 7)], 1],
    ['a role three times', [grant('member'), grant('member'), grant('member')], 2],
  ])('reports duplicates: %s', (_name, grants, count) => {
    const problems = checkRoleGrants(grants);
    expect(problems).toHaveLength(count);
    for (const p of problems) expect(p).toMatch(/重复授予$/);
  });

  it('reports every kind of problem at once', () => {
    const problems = checkRoleGrants([
      grant('sys_admin'),
      grant('auditor', 3),
      grant('branch_secretary', null),
      grant('sys_admin'),
    ]);
    expect(problems).toEqual([
      '系统管理员、审计员不能由同一账号兼任（三员分立）',
      '角色“审计员”不限定党组织，不应指定组织',
      '角色“支部书记/委员”必须指定所管理的党组织',
      '角色“系统管理员”重复授予',
    ]);
  });
});

describe('role invariants', () => {
  it('the auditor changes nothing', () => {
    const perms = roleDefinitions.auditor.permissions as readonly PermissionCode[];
    expect(perms.filter(changesData)).toEqual([]);
    expect(perms).toContain('audit:log:view');
    expect(perms).toContain('audit:log:verify');
  });

  it('sys_admin cannot read or verify the audit log', () => {
    const perms = roleDefinitions.sys_admin.permissions as readonly PermissionCode[];
    expect(perms.filter((p) => p.startsWith('audit:'))).toEqual([]);
  });

  it('security_admin cannot read the audit log or manage org data', () => {
    const perms = roleDefinitions.security_admin.permissions as readonly PermissionCode[];
    expect(perms.filter((p) => p.startsWith('audit:') || p.startsWith('org:'))).toEqual([]);
  });

  it('only the auditor holds audit permissions', () => {
    const holders = roleCodes.filter((r) =>
      (roleDefinitions[r].permissions as readonly PermissionCode[]).some((p) => p.startsWith('audit:')),
    );
    expect(holders).toEqual(['auditor']);
  });

  it.each<RoleCode>(['school_leader', 'member', 'auditor'])('%s is read-only', (role) => {
    const perms = roleDefinitions[role].permissions as readonly PermissionCode[];
    expect(perms.filter(changesData)).toEqual([]);
    // Exporting the (masked) roster is a read: school leaders take it to meetings. Voting where a ballot's roll
    // names them is each person's own act, not a change to the records of an org.
    for (const p of perms.filter((x) => x !== 'ballot:ballot:vote'))
      expect(p).toMatch(/:(view|verify|export)$/);
  });

  it('only roles that manage members may see ID numbers in full', () => {
    const holders = roleCodes.filter((r) =>
      (roleDefinitions[r].permissions as readonly PermissionCode[]).includes('member:member:sensitive'),
    );
    expect(holders).toEqual(['org_admin', 'general_branch_secretary', 'branch_secretary']);
  });

  it('only the 校领导 and the 组织部 see the overview (党建工作概览), both school-wide', () => {
    const holders = roleCodes.filter((r) =>
      (roleDefinitions[r].permissions as readonly PermissionCode[]).includes('dashboard:overview:view'),
    );
    expect(holders).toEqual(['org_admin', 'school_leader']);
    for (const r of holders) expect(roleDefinitions[r].reach).toBe('all');
  });

  it('school_leader reaches the whole school', () => {
    expect(roleDefinitions.school_leader.reach).toBe('all');
  });

  it('subtree roles cannot edit rule settings or security policy', () => {
    for (const role of roleCodes.filter((r) => roleDefinitions[r].reach === 'subtree')) {
      const perms = roleDefinitions[role].permissions as readonly PermissionCode[];
      expect(perms).not.toContain('setting:rule:edit');
      expect(perms).not.toContain('security:policy:edit');
    }
  });

  it('every role sees the dashboard', () => {
    for (const role of roleCodes) expect(roleDefinitions[role].permissions).toContain('dashboard:home:view');
  });
});
