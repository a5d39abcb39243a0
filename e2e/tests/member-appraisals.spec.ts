import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type Item = { id: number; org: { name: string }; status: string };
type Detail = {
  id: number;
  status: string;
  roll: { personId: number; name: string; probationary: boolean; proposedGrade: string | null }[];
};

/**
 * 民主评议党员 (issue 17): a member writes the 个人自评 on a 375 px phone; the 总支 secretary enters the 党员大会's
 * decision for a branch that held it — one member 不合格 with a 限期改正 plan — and the plan appears on that member's
 * timeline.
 */
test('a member writes the 自评 on a phone; the grade is decided; the 限期改正 plan is on the member’s timeline', async ({
  browser,
}) => {
  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const member = await phone.newPage();
  await signIn(member, 'dangyuan');
  await member.goto('/me/appraisal');
  const text =
    '本年度认真学习党的创新理论，按时参加组织生活，完成教学任务；不足是联系群众不够主动，今后加强。';
  await member.getByLabel('个人自评').fill(text);
  await member.getByRole('button', { name: '提交个人自评' }).click();
  await expect(member.getByText('个人自评已提交，支部书记可以看到')).toBeVisible();
  await expect(member.getByRole('button', { name: '修改个人自评' })).toBeVisible();
  expect(await member.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const inbox = (await (await member.request.get('/api/inbox')).json()) as { items: { kind: string }[] };
  expect(inbox.items.map((i) => i.kind)).not.toContain('member_appraisal.self');
  await phone.close();

  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await desk.newPage();
  await signIn(page, 'zongzhi');
  const list = (await (
    await page.request.get('/api/member-appraisals?year=2026&status=decision')
  ).json()) as { items: Item[] };
  const waiting = list.items[0];
  expect(waiting, 'a branch of the 总支 waiting for its 党员大会’s decision').toBeDefined();
  if (!waiting) return;
  const before = (await (await page.request.get(`/api/member-appraisals/${waiting.id}`)).json()) as Detail;
  const full = before.roll.filter((m) => !m.probationary);
  const target = full.at(-1)!;
  const contact = full[0]!;

  await page.goto(`/member-appraisals/${waiting.id}`);
  await page.getByRole('button', { name: '党员大会决定评定等次' }).click();
  const drawer = page.getByRole('dialog', { name: '党员大会决定评定等次' });
  await expect(drawer).toBeVisible();
  await drawer
    .locator('.ant-form-item')
    .filter({ hasText: `${target.name}的等次` })
    .getByText('不合格', { exact: true })
    .click();
  await drawer.getByLabel('不合格理由').fill('一年来多次无故不参加组织生活，经批评教育仍未改正');
  const deadline = drawer.getByLabel(/改正期限/);
  await deadline.click();
  await deadline.fill('2027-06-30');
  await deadline.press('Enter');
  await drawer.getByLabel('改正措施').fill('支部书记每月谈心一次，按时参加“三会一课”并作思想汇报');
  await drawer.getByLabel('帮教联系人').click();
  const open = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  await open.getByTitle(contact.name, { exact: true }).click();
  await expect(open).toHaveCount(0);
  // The 党员大会 the branch held since the appraisal began (the demo's branch held its 民主评议党员 meeting).
  await drawer.getByLabel('党员大会记录').click();
  await open.locator('.ant-select-item-option').first().click();
  await drawer.getByRole('button', { name: /决\s*定/ }).click();
  await expect(page.getByText('党员大会已决定评定等次，民主评议完成')).toBeVisible();
  await expect(page.getByText('已完成').first()).toBeVisible();
  await expect(page.getByText(`${target.name}：限期改正`)).toBeVisible();

  await page.goto(`/members/${target.personId}?tab=timeline`);
  await expect(page.getByText('限期改正至 2027-06-30')).toBeVisible();
  await desk.close();
});
