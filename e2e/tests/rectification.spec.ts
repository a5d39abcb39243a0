import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Locator, type Page, test } from '@playwright/test';
import { demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

type Me = { csrfToken: string; user: { roles: { role: string; orgId: number | null }[] } };
type OrgListItem = { id: number; name: string; parentId: number | null; type: string; archived: boolean };
type OrgDetail = {
  terms: { isCurrent: boolean; team: { personId: number; personName: string; post: string }[] }[];
};
type AlertPage = { items: { key: string; ruleId: string; title: string; orgId: number }[] };
type RectificationPage = { items: { id: number; status: string }[] };
type CreatedUser = { user: { username: string }; temporaryPassword: string };

/** Signs a request context in through the API; answers the CSRF token for its writes. */
async function apiLogin(request: APIRequestContext, username: string, password: string): Promise<Me> {
  const res = await request.post('/api/auth/login', { data: { username, password } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await res.json()) as Me;
}

/** Serious and critical axe findings (WCAG 2.1 A/AA) on what the page shows now. */
async function axeBlocking(page: Page): Promise<string[]> {
  await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Fills one text field of a dialog (整改措施, 整改完成情况, 进展 …) and saves it. */
async function fillDialog(page: Page, label: string, value: string, ok: RegExp) {
  const dialog = page.getByRole('dialog');
  // Not exact: a required field's name starts with the asterisk antd draws before its label.
  await dialog.getByRole('textbox', { name: label }).fill(value);
  await dialog.getByRole('button', { name: ok }).click();
  await expect(dialog).toBeHidden();
}

/** A step's dialog (开始整改, 提交销号 …): confirmed with its button. */
async function takeStep(page: Page, step: string, ok: RegExp) {
  await page.getByRole('button', { name: step, exact: true }).click();
  await page.getByRole('dialog').getByRole('button', { name: ok }).click();
}

const timelineOf = (page: Page): Locator => page.locator('.ant-card').filter({ hasText: '整改经过' });

test('the 组织部 opens a rectification item from a finding of a branch; the branch secretary records measures, links the meeting that fixes it and submits; the 总支 verifies it (销号), and the timeline and the finding’s history show every step', async ({
  browser,
  playwright,
  baseURL,
}) => {
  // zhibu's branch and the 党总支 above it, which verifies its branches' items: the demo's zongzhi leads it. The
  // secretary of another 总支 gets an account from the administrator (and sets a password of their own), to check
  // that the item stays out of their sight.
  const zhibuApi = await playwright.request.newContext({ baseURL });
  const branchId = (await apiLogin(zhibuApi, 'zhibu', demoPassword)).user.roles[0]?.orgId ?? 0;
  await zhibuApi.dispose();
  const zongzhiApi = await playwright.request.newContext({ baseURL });
  const zongzhiOrgId = (await apiLogin(zongzhiApi, 'zongzhi', demoPassword)).user.roles[0]?.orgId ?? 0;
  await zongzhiApi.dispose();
  const admin = await playwright.request.newContext({ baseURL });
  const adminCsrf = (await apiLogin(admin, 'admin', demoPassword)).csrfToken;
  const orgs = (await (await admin.get('/api/orgs')).json()) as OrgListItem[];
  const branch = orgs.find((o) => o.id === branchId);
  const general = orgs.find((o) => o.id === branch?.parentId);
  expect(general?.type, 'zhibu’s branch lies under a 党总支').toBe('general_branch');
  expect(general?.id, 'zongzhi leads the 总支 above zhibu’s branch').toBe(zongzhiOrgId);
  const another = orgs.find((o) => o.type === 'general_branch' && o.id !== general?.id && !o.archived);
  if (!branch || !general || !another) return;
  const anotherDetail = (await (await admin.get(`/api/orgs/${another.id}`)).json()) as OrgDetail;
  const secretary = anotherDetail.terms.find((t) => t.isCurrent)?.team.find((m) => m.post === 'secretary');
  expect(secretary, 'the other 总支 has a secretary').toBeDefined();
  if (!secretary) return;
  const created = await admin.post('/api/users', {
    headers: { 'X-CSRF-Token': adminCsrf },
    data: {
      username: `e2e-zz-${Date.now() % 1_000_000}`,
      displayName: secretary.personName,
      personId: secretary.personId,
      roles: [{ role: 'general_branch_secretary', orgId: another.id }],
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const account = (await created.json()) as CreatedUser;
  await admin.dispose();
  const first = await playwright.request.newContext({ baseURL });
  const firstCsrf = (await apiLogin(first, account.user.username, account.temporaryPassword)).csrfToken;
  const changed = await first.post('/api/auth/password', {
    headers: { 'X-CSRF-Token': firstCsrf },
    data: { oldPassword: account.temporaryPassword, newPassword: demoPassword },
  });
  expect(changed.ok(), await changed.text()).toBeTruthy();
  await first.dispose();

  // 1. The 组织部 opens the item from a finding of the branch itself that has none open yet.
  const zzbContext = await browser.newContext();
  const zzb = await zzbContext.newPage();
  await signIn(zzb, 'zzb');
  // The 组织部's board: per 总支 and per source; a count opens the list of exactly those items.
  await zzb.goto('/rectifications');
  const board = zzb.locator('.ant-card').filter({ hasText: '整改情况看板' });
  await expect(board).toBeVisible();
  expect(await axeBlocking(zzb)).toEqual([]);
  const overdueTotal = board.locator('.ant-table-summary a[href$="overdue=true"]');
  if ((await overdueTotal.count()) > 0) {
    const n = Number(await overdueTotal.textContent());
    await overdueTotal.click();
    await expect(zzb).toHaveURL(/overdue=true/);
    await expect(zzb.getByText(`共 ${n} 项`)).toBeVisible();
  }
  const findings = (await (
    await zzb.request.get(`/api/alerts?orgId=${branch.id}&orgOnly=true&pageSize=50`)
  ).json()) as AlertPage;
  let finding: AlertPage['items'][number] | undefined;
  // A finding of the branch's 组织生活 (life.*): the meeting the secretary links below is what fixes such a finding —
  // not, say, a member's 限期改正 that needs the 党员大会's conclusion.
  for (const f of findings.items.filter((x) => x.ruleId.startsWith('life.'))) {
    const items = (await (
      await zzb.request.get(`/api/rectifications?findingKey=${encodeURIComponent(f.key)}`)
    ).json()) as RectificationPage;
    if (items.items.every((i) => i.status === 'closed')) {
      finding = f;
      break;
    }
  }
  let problem: string;
  if (finding) {
    await zzb.goto(`/alerts/${encodeURIComponent(finding.key)}`);
    await expect(zzb.getByRole('heading', { level: 1 })).toContainText(finding.title);
    await zzb.getByRole('button', { name: '生成整改事项' }).click();
    await zzb
      .getByRole('dialog')
      .getByRole('button', { name: /生\s*成/ })
      .click();
    problem = finding.title;
  } else {
    // No finding of the branch is left without an item: the 组织部 enters one by hand (上级督查).
    await zzb.getByRole('menuitem', { name: '整改销号' }).click();
    await zzb.getByRole('button', { name: '新建整改事项' }).click();
    const drawer = zzb.getByRole('dialog');
    const org = drawer.getByLabel('整改责任党组织');
    await org.click();
    await org.fill(branch.name);
    await zzb
      .locator('.ant-select-tree-node-content-wrapper:visible')
      .filter({ hasText: branch.name })
      .first()
      .click();
    problem = 'e2e 支委会会议记录不完整，未记录表决情况';
    await drawer.getByLabel('问题', { exact: true }).fill(problem);
    const deadline = drawer.getByLabel('整改期限');
    await deadline.click();
    await deadline.fill(new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10));
    await deadline.press('Enter');
    await drawer.getByRole('button', { name: /登\s*记/ }).click();
  }
  await expect(zzb).toHaveURL(/\/rectifications\/\d+$/);
  const itemId = Number(/\/rectifications\/(\d+)$/.exec(zzb.url())?.[1]);
  await expect(zzb.getByRole('heading', { level: 1 })).toContainText('待整改');
  await expect(zzb.getByText(general.name).first()).toBeVisible(); // 审核销号: the 总支
  // The 组织部 starts nothing itself: the steps belong to the branch.
  await expect(zzb.getByRole('button', { name: '开始整改', exact: true })).toHaveCount(0);
  expect(await axeBlocking(zzb)).toEqual([]);
  if (finding) {
    // The alert now leads to the item instead of opening another.
    await zzb.goto(`/alerts/${encodeURIComponent(finding.key)}`);
    await expect(zzb.getByRole('button', { name: '查看整改事项' })).toBeVisible();
    await expect(zzb.getByRole('button', { name: '生成整改事项' })).toHaveCount(0);
  }

  // 2. The branch secretary finds it in the 整改台账 and rectifies it.
  const zhibuContext = await browser.newContext();
  const zhibu = await zhibuContext.newPage();
  await signIn(zhibu, 'zhibu');
  await zhibu.getByRole('menuitem', { name: '整改销号' }).click();
  await expect(zhibu).toHaveURL(/\/rectifications$/);
  await expect(zhibu.getByRole('heading', { level: 1 })).toHaveText('整改台账');
  // The keyword narrows the ledger to the problem (the demo's items of the branch may fill the first page).
  await zhibu.getByLabel('关键词').fill(problem);
  await zhibu.getByLabel('关键词').press('Enter');
  await expect(zhibu).toHaveURL(/[?&]q=/);
  const row = zhibu
    .locator('.ant-table-row')
    .filter({ has: zhibu.locator(`a[href="/rectifications/${itemId}"]`) });
  await expect(row).toContainText('待整改');
  expect(await axeBlocking(zhibu)).toEqual([]);
  await row.locator(`a[href="/rectifications/${itemId}"]`).first().click();
  await expect(zhibu.getByRole('heading', { level: 1 })).toContainText(problem.slice(0, 10));

  // Starting without measures is refused: the server's message stands on 整改措施.
  await takeStep(zhibu, '开始整改', /开始整改/);
  await expect(zhibu.locator('#rectification-measures')).toContainText('开始整改前须填写整改措施');
  await zhibu.getByRole('button', { name: '填写整改措施' }).click();
  await fillDialog(zhibu, '整改措施', '召开支部党员大会研究整改方案，明确分工，月底前完成。', /保\s*存/);
  await takeStep(zhibu, '开始整改', /开始整改/);
  await expect(zhibu.getByRole('heading', { level: 1 })).toContainText('整改中');
  await zhibu.getByRole('button', { name: '填报进展' }).click();
  await fillDialog(zhibu, '进展', '已拟定整改方案，征求了党员意见。', /填\s*报/);

  // The record that fixes it: a meeting of the branch, held and archived, chosen from its recent records.
  await zhibu.getByRole('button', { name: '关联记录' }).click();
  const picker = zhibu.getByRole('dialog');
  await expect(picker.getByText('组织生活', { exact: true })).toBeVisible();
  const candidate = picker.locator('.ant-list-item').first();
  await expect(candidate).toBeVisible();
  const meetingTitle = (await candidate.locator('.ant-list-item-meta-title').innerText()).trim();
  await candidate.getByRole('button', { name: /^关联/ }).click();
  await expect(picker).toBeHidden();
  const evidence = zhibu.locator('#rectification-evidence');
  await expect(evidence.getByRole('link', { name: meetingTitle })).toHaveAttribute(
    'href',
    /^\/activities\/\d+$/,
  );

  // Submitting without the result is refused on 整改完成情况; with it, the item goes to the 总支.
  await takeStep(zhibu, '提交销号', /提\s*交/);
  await expect(zhibu.locator('#rectification-result')).toContainText('提交销号前须说明整改完成情况');
  await zhibu.getByRole('button', { name: '填写整改完成情况' }).click();
  await fillDialog(zhibu, '整改完成情况', `已召开${meetingTitle}，问题已整改到位。`, /保\s*存/);
  await takeStep(zhibu, '提交销号', /提\s*交/);
  await expect(zhibu.getByRole('heading', { level: 1 })).toContainText('已提交');
  // The branch does not verify its own item.
  await expect(zhibu.getByRole('button', { name: '审核销号', exact: true })).toHaveCount(0);
  await zhibuContext.close();

  // Another 总支's secretary does not see it (like a missing item).
  const otherApi = await playwright.request.newContext({ baseURL });
  await apiLogin(otherApi, account.user.username, demoPassword);
  expect((await otherApi.get(`/api/rectifications/${itemId}`)).status()).toBe(404);
  await otherApi.dispose();

  // 3. The 总支 (the demo's zongzhi) verifies it: 已销号.
  const generalContext = await browser.newContext();
  const gsec = await generalContext.newPage();
  await signIn(gsec, 'zongzhi');
  await gsec.goto(`/rectifications/${itemId}`);
  await expect(gsec.getByRole('button', { name: '退回重改', exact: true })).toBeVisible();
  await gsec.getByRole('button', { name: '审核销号', exact: true }).click();
  const verify = gsec.getByRole('dialog');
  await verify.getByLabel('审核意见').fill('整改到位，同意销号。');
  await verify.getByRole('button', { name: /同意销号/ }).click();
  await expect(verify).toBeHidden();
  await expect(gsec.getByRole('heading', { level: 1 })).toContainText('已销号');
  // Every step on the timeline, with who took it.
  const timeline = timelineOf(gsec);
  for (const label of ['登记整改事项', '修改', '开始整改', '整改进展', '添加佐证', '提交销号', '审核销号'])
    await expect(timeline.getByText(label, { exact: true }).first()).toBeVisible();
  await expect(timeline).toContainText('整改到位，同意销号。');
  await expect(timeline).toContainText(meetingTitle);
  expect(await axeBlocking(gsec)).toEqual([]);
  await generalContext.close();

  // 4. The 校领导 reads it and can do nothing with it.
  const leaderContext = await browser.newContext();
  const leader = await leaderContext.newPage();
  await signIn(leader, 'leader');
  await leader.goto('/rectifications');
  await expect(leader.getByRole('heading', { level: 1 })).toHaveText('整改台账');
  await expect(leader.getByRole('button', { name: '新建整改事项' })).toHaveCount(0);
  await leader.goto(`/rectifications/${itemId}`);
  await expect(leader.getByRole('heading', { level: 1 })).toContainText('已销号');
  await expect(leader.getByRole('button', { name: '回头看发现反弹', exact: true })).toHaveCount(0);
  await expect(leader.getByRole('button', { name: '关联记录' })).toHaveCount(0);
  await leaderContext.close();

  // 5. The finding's history shows the item opened from it and its 销号, each linking the item.
  if (finding) {
    await zzb.goto(`/alerts/${encodeURIComponent(finding.key)}`);
    const history = zzb.locator('.ant-timeline');
    await expect(history.getByText('生成整改事项', { exact: true })).toBeVisible();
    await expect(history.getByText('整改销号', { exact: true })).toBeVisible();
    await expect(history.locator(`a[href="/rectifications/${itemId}"]`)).toHaveCount(2);
  }
  await zzbContext.close();
});
