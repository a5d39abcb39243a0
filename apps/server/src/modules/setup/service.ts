import {
  AppError,
  checkGoLiveDate,
  checkPassword,
  defaultSecurityPolicy,
  type InitialAccount,
  type IsoDate,
  roleLabels,
  type SetupBody,
  type SetupStatus,
} from '@dangjian/core';
import { appendAuditEntry } from '../../http/audit-append.ts';
import type { Clock, Db, Trx } from '../../http/context.ts';
import { bumpGeneration } from '../../http/generation.ts';
import { generatePassword, hashPassword } from '../auth/password.ts';
import * as repo from './repo.ts';
import { getInstitution } from './repo.ts';

/** The college this installation serves; sign-in reads its name through this service. */
export { getInstitution };

const setupLockKey = 727_002;

/** Whether the college is set up, and on a demo the accounts for the login page. */
export async function getSetupStatus(db: Db, demoPasswordFromEnv: boolean): Promise<SetupStatus> {
  const school = await getInstitution(db);
  let demoAccounts: SetupStatus['demoAccounts'] = [];
  if (school?.is_demo) {
    const rows = await repo.accountsWithRoles(db);
    const seen = new Set<number>();
    for (const r of rows) {
      if (seen.has(r.id)) continue;
      seen.add(r.id);
      demoAccounts.push({
        username: r.username,
        displayName: r.display_name,
        role: roleLabels[r.role as keyof typeof roleLabels] ?? r.role,
      });
    }
    demoAccounts = demoAccounts.slice(0, 20);
  }
  return {
    initialised: Boolean(school),
    school: school ? { name: school.name, isDemo: school.is_demo } : null,
    demoAccounts,
    demoPasswordFromEnv: Boolean(school?.is_demo) && demoPasswordFromEnv,
  };
}

async function lockAndCheckEmpty(trx: Trx): Promise<void> {
  await repo.advisoryXactLock(trx, setupLockKey);
  if (await getInstitution(trx)) throw new AppError('ALREADY_INITIALISED');
}

/**
 * The 三员 accounts set up beside `admin`. The system administrator can never create them later
 * (core/accounts.ts), so the first 安全管理员 and 审计员 are made here, with one-time passwords.
 */
const initialPrivilegedAccounts = [
  { username: 'secadmin', displayName: '安全管理员', role: 'security_admin' },
  { username: 'auditor', displayName: '审计员', role: 'auditor' },
] as const;

/**
 * Sets up the college's own installation: the school, its 党委, the `admin` account with the password
 * chosen, and the `secadmin` and `auditor` accounts with generated one-time passwords (returned once).
 */
export async function setupOwnCollege(
  db: Db,
  body: Extract<SetupBody, { mode: 'own' }>,
  ip: string,
  now: Date,
  today: IsoDate,
): Promise<InitialAccount[]> {
  const problems = checkPassword(body.adminPassword, defaultSecurityPolicy, 'admin');
  if (problems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `管理员密码：${problems.join('；')}`, {
      fields: problems.map((message) => ({ path: 'adminPassword', message })),
    });
  }
  const goLiveDate = body.goLiveDate ?? today;
  const dateProblems = checkGoLiveDate(goLiveDate, today);
  if (dateProblems.length > 0) {
    throw new AppError('VALIDATION_FAILED', `启用日期：${dateProblems.join('；')}`, {
      fields: dateProblems.map((message) => ({ path: 'goLiveDate', message })),
    });
  }
  const passwordHash = await hashPassword(body.adminPassword);
  const initialAccounts = await Promise.all(
    initialPrivilegedAccounts.map(async (a) => {
      const temporaryPassword = generatePassword();
      return { ...a, temporaryPassword, passwordHash: await hashPassword(temporaryPassword) };
    }),
  );
  await db.transaction().execute(async (trx) => {
    await lockAndCheckEmpty(trx);
    await repo.insertInstitution(trx, { name: body.schoolName, is_demo: false, go_live_date: goLiveDate });
    await repo.insertRootCommittee(trx, body.committeeName, now);
    const admin = await repo.insertUser(trx, {
      username: 'admin',
      display_name: '系统管理员',
      person_id: null,
      password_hash: passwordHash,
      must_change_password: false,
    });
    await repo.insertUserRoles(trx, [
      { user_id: admin.id, role: 'sys_admin', org_id: null },
      { user_id: admin.id, role: 'org_admin', org_id: null },
    ]);
    for (const a of initialAccounts) {
      const user = await repo.insertUser(trx, {
        username: a.username,
        display_name: a.displayName,
        person_id: null,
        password_hash: a.passwordHash,
        must_change_password: true,
      });
      await repo.insertUserRoles(trx, [{ user_id: user.id, role: a.role, org_id: null }]);
    }
    await appendAuditEntry(trx, {
      actorId: null,
      actorName: null,
      ip,
      action: 'setup.own',
      targetType: 'institution',
      targetId: null,
      summary: `初始化本校：${body.schoolName}`,
      before: null,
      after: {
        schoolName: body.schoolName,
        committeeName: body.committeeName,
        goLiveDate,
        accounts: [
          { username: 'admin', roles: ['sys_admin', 'org_admin'] },
          ...initialAccounts.map((a) => ({ username: a.username, roles: [a.role] })),
        ],
      },
      outcome: 'success',
    });
  });
  return initialAccounts.map((a) => ({
    username: a.username,
    displayName: a.displayName,
    role: roleLabels[a.role],
    temporaryPassword: a.temporaryPassword,
  }));
}

/**
 * Loads the demo college. With `password` (DJ_ADMIN_PASSWORD) every demo account gets it and need not
 * change it; without, a generated one is returned once and must be changed at first sign-in.
 */
export async function setupDemoCollege(
  db: Db,
  clock: Clock,
  password: string | null,
  ip: string | null,
  scale = 1,
): Promise<{ generatedPassword: string | null }> {
  const generatedPassword = password ? null : generatePassword();
  const passwordHash = await hashPassword(password ?? generatedPassword!);
  // The generator is only needed for a demo: load it on demand.
  const [{ generateCollege }, { loadCollege }] = await Promise.all([
    import('../../demo/generate.ts'),
    import('../../demo/load.ts'),
  ]);
  const data = generateCollege({ scale, today: clock.today() });
  await db.transaction().execute(async (trx) => {
    await lockAndCheckEmpty(trx);
    await loadCollege(trx, data, { passwordHash, mustChangePassword: password === null, isDemo: true });
    await appendAuditEntry(trx, {
      actorId: null,
      actorName: null,
      ip,
      action: 'setup.demo',
      targetType: 'institution',
      targetId: null,
      summary: `载入演示学校（规模 ${scale}）`,
      before: null,
      after: { scale },
      outcome: 'success',
    });
  });
  // Fresh bulk data: give the planner real statistics at once.
  await repo.analyze(db);
  // 民主评议党员 before the findings and the assessments read the records: a 民主评议党员 record counts once completed.
  const { plantMemberAppraisals } = await import('../../demo/member-appraisals.ts');
  await plantMemberAppraisals(db, clock, data.seed);
  const { plantFindingHistory } = await import('../../demo/finding-history.ts');
  await plantFindingHistory(db, clock);
  // The assessment rounds last: played through their service on the loaded records, their ids after the others'.
  const { plantAssessments } = await import('../../demo/assessments.ts');
  await plantAssessments(db, clock, data.seed);
  // 述职评议 after the assessments: last year's complete, this year's in 民主测评 (through its and the ballots' services).
  const { plantDutyReviews } = await import('../../demo/duty-reviews.ts');
  await plantDutyReviews(db, clock, data.seed);
  // 中层干部名册: posts of every unit with three years of history, rotations, 试用期, the planted 10-year cases.
  const { plantCadres } = await import('../../demo/cadres.ts');
  await plantCadres(db, clock, data.seed);
  // 培训: courses of the four classes, sign-ins, external training (set-wise, on the loaded roster and teams).
  const { plantTrainings } = await import('../../demo/trainings.ts');
  await plantTrainings(db, clock, data.seed);
  // 选拔任用 after the cadre roster (its people are those without a cadre record), through its service.
  const { plantCadreAppointments } = await import('../../demo/cadre-appointments.ts');
  await plantCadreAppointments(db, clock, data.seed);
  // 中层干部年度考核 after the cadre roster: last year's round complete, this year's in 民主测评 (through its and the
  // ballots' services; nothing without cadres).
  const { plantCadreReviews } = await import('../../demo/cadre-reviews.ts');
  await plantCadreReviews(db, clock, data.seed);
  // 年轻干部储备 after training: young staff the 年轻储备干部培训班 took, their steps replayed through core.
  const { plantCadreReserve } = await import('../../demo/cadre-reserve.ts');
  await plantCadreReserve(db, clock, data.seed);
  bumpGeneration(db);
  return { generatedPassword };
}

/**
 * A new school's set-up checklist, computed from what it has recorded (nothing to tick by hand): each step
 * is done once the records it asks for exist.
 */
export async function getSetupChecklist(db: Db) {
  const [p, school] = await Promise.all([repo.setupProgress(db), repo.getInstitution(db)]);
  const steps = [
    {
      key: 'go_live' as const,
      title: '确认启用日期',
      detail: school
        ? `启用日期为 ${school.go_live_date}：此前结束的期间不作检查。迁入往年记录时可改早。`
        : '尚未初始化',
      done: school !== undefined,
      link: '/settings/rules',
    },
    {
      key: 'org_tree' as const,
      title: '建立组织架构',
      detail: `党委下的党总支、党支部、党小组（现有 ${p.orgs} 个党组织）`,
      done: p.orgs > 1,
      link: '/orgs',
    },
    {
      key: 'teams' as const,
      title: '录入班子与届次',
      detail: `各党组织的书记、委员和任期（已录入 ${p.terms} 届）`,
      done: p.terms > 0,
      link: '/orgs',
    },
    {
      key: 'roster' as const,
      title: '导入党员名册',
      detail: `下载模板或使用全国党员管理信息系统的导出文件（现有党员 ${p.members} 人）`,
      done: p.members > 0,
      link: '/members/import',
    },
    {
      key: 'accounts' as const,
      title: '为书记和组织员开设账号',
      detail: `账号按党组织授权，书记只看到本支部（已授权书记、组织员 ${p.secretaries} 个）`,
      done: p.secretaries > 0,
      link: '/system/users',
    },
    {
      key: 'rules' as const,
      title: '核对规则设置',
      detail: '支部人数上限、提醒提前天数、党课频次等本校规定',
      done: p.rules_saved,
      link: '/settings/rules',
    },
  ];
  const done = steps.filter((s) => s.done).length;
  return { steps, done, total: steps.length };
}
