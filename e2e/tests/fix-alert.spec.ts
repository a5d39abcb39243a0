import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type OrgListItem = { id: number; name: string; shortName: string | null };
type OrgDetail = {
  terms: { isCurrent: boolean; team: { personName: string; personId: number; post: string }[] }[];
};
type Person = { id: number; name: string; partyStatus: string | null };

async function pickPerson(page: Page, index: number, name: string) {
  const select = page.locator(`#team_${index}_personId`);
  await select.click();
  // The picker searches the server (debounced): wait for the answer to this name before choosing.
  const searched = page.waitForResponse(
    (r) => r.url().includes('/api/people') && decodeURIComponent(r.url()).includes(name),
  );
  await select.fill(name);
  await searched;
  // antd also renders a hidden accessible copy of the list: click the visible option.
  await page.locator(`.ant-select-item-option[title="${name}"]:visible`).first().click();
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

test('a branch secretary signs in, opens the org tree, records the overdue 换届 and the alert disappears', async ({
  page,
}) => {
  await signIn(page, 'zhibu');

  await page.getByRole('menuitem', { name: '组织架构' }).click();
  await expect(page).toHaveURL(/\/orgs/);

  // The secretary's scope is one branch: find it and its current team through the same API the page uses.
  const orgs = (await (await page.request.get('/api/orgs')).json()) as OrgListItem[];
  expect(orgs.length).toBeGreaterThan(0);
  const branch = orgs[0]!;
  const detail = (await (await page.request.get(`/api/orgs/${branch.id}`)).json()) as OrgDetail;
  const current = detail.terms.find((t) => t.isCurrent)!;
  const secretary = current.team.find((m) => m.post === 'secretary')!;
  const people = (await (
    await page.request.get(`/api/people?orgId=${branch.id}&limit=100`)
  ).json()) as Person[];
  const others = people.filter((p) => p.partyStatus === 'full' && p.id !== secretary.personId).slice(0, 2);
  expect(others).toHaveLength(2);

  await page
    .getByRole('tree')
    .getByText(branch.shortName ?? branch.name, { exact: true })
    .first()
    .click();
  await page.getByRole('tab', { name: /预警/ }).click();
  await expect(page.getByText('届期已满未换届').first()).toBeVisible();

  await page.getByRole('tab', { name: '班子与届次' }).click();
  await page.getByRole('button', { name: /换届（录入新一届班子）/ }).click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByText('班子成员', { exact: true })).toBeVisible();
  await pickPerson(page, 0, secretary.personName);
  await drawer.getByRole('button', { name: /添加班子成员/ }).click();
  await pickPerson(page, 1, others[0]!.name);
  await drawer.getByRole('button', { name: /添加班子成员/ }).click();
  await pickPerson(page, 2, others[1]!.name);
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer).toBeHidden();

  await page.getByRole('tab', { name: /预警/ }).click();
  await expect(page.getByText('届期已满未换届')).toHaveCount(0);

  // The alerts page agrees.
  await page.getByRole('menuitem', { name: '监测预警' }).click();
  await expect(page).toHaveURL(/\/alerts/);
  await expect(page.getByText('届期已满未换届')).toHaveCount(0);
});

test('on a phone-sized screen a member signs in and the menu opens as a drawer', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await signIn(page, 'dangyuan');
  await expect(page.getByText('党员').first()).toBeVisible();
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth).toBeLessThanOrEqual(380);
  await page.getByRole('button', { name: '打开菜单' }).click();
  await expect(page.locator('.ant-drawer').getByRole('menuitem', { name: '首页' })).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('phone.png') });
  await context.close();
});
