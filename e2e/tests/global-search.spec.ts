import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type MemberItem = { id: number; name: string; branchName: string | null; groupName: string | null };
type MemberPage = { items: MemberItem[] };

const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;

/** A member of the secretary's branch whose name no one else in their scope has. */
async function someMember(page: Page): Promise<MemberItem> {
  const list = (await (await page.request.get('/api/members?pageSize=50')).json()) as MemberPage;
  const counts = new Map<string, number>();
  for (const m of list.items) counts.set(m.name, (counts.get(m.name) ?? 0) + 1);
  const member = list.items.find((m) => counts.get(m.name) === 1 && m.branchName);
  expect(member, 'a member with a name of their own').toBeDefined();
  return member!;
}

/** Serious and critical axe findings (WCAG 2.1 A/AA) on what the page shows now, or on a part of it. */
async function axeBlocking(page: Page, only?: string): Promise<string[]> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  const results = await (only ? builder.include(only) : builder).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('a branch secretary finds a member from the header search, opens their page with Enter, and the breadcrumb leads back to the list', async ({
  page,
}) => {
  await signIn(page, 'zhibu');
  const member = await someMember(page);

  const box = page.getByRole('combobox', { name: /全局搜索/ });
  await box.fill(member.name);
  // Grouped by kind, each group with its total; every hit says where it sits.
  const hit = page.getByRole('option', { name: new RegExp(`^党员：${member.name}，`) });
  await expect(hit).toBeVisible();
  await expect(page.locator('.ant-select-item-group').filter({ hasText: '党员' })).toContainText(/共 \d+ 条/);
  await expect(page.getByRole('option', { name: /^查看全部“.+”的搜索结果$/ })).toBeVisible();
  expect(await axeBlocking(page)).toEqual([]);

  // The first hit is highlighted: Enter opens it.
  await box.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/members/${member.id}$`));
  await expect(page.getByRole('heading', { level: 1, name: member.name })).toBeVisible();

  const crumbs = page.getByRole('navigation', { name: '面包屑导航' });
  await expect(crumbs.getByRole('link', { name: member.branchName!, exact: true })).toBeVisible();
  await expect(crumbs.getByText(member.name)).toHaveAttribute('aria-current', 'page');
  await crumbs.getByRole('link', { name: '党员名册' }).click();
  await expect(page).toHaveURL(/\/members$/);
  await expect(page.getByRole('heading', { level: 1, name: '党员名册' })).toBeVisible();
});

test('the arrow keys move through the hits; 查看全部 opens the search page with every kind, paged by kind', async ({
  page,
}) => {
  await signIn(page, 'zongzhi');
  const box = page.getByRole('combobox', { name: /全局搜索/ });
  await box.fill('党支部');
  await expect(page.getByRole('option', { name: /^党组织：/ }).first()).toBeVisible();
  // Down from the first hit, then Enter: the second hit opens (an org page for this text).
  const second = page.getByRole('option', { name: /^党组织：/ }).nth(1);
  const secondName = (await second.getAttribute('aria-label'))!.replace(/^党组织：/, '').split('，')[0]!;
  await box.press('ArrowDown');
  await box.press('Enter');
  await expect(page).toHaveURL(/\/orgs\/\d+/);
  const orgCrumbs = page.getByRole('navigation', { name: '面包屑导航' });
  await expect(orgCrumbs.getByText(secondName, { exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(orgCrumbs.getByRole('link', { name: '组织架构' })).toBeVisible();

  await box.fill('王');
  await page.getByRole('option', { name: /^查看全部“.+”的搜索结果$/ }).click();
  await expect(page).toHaveURL(/\/search\?q=%E7%8E%8B$/);
  await expect(page.getByRole('heading', { level: 1, name: '搜索' })).toBeVisible();
  const memberTab = page.getByRole('tab', { name: /^党员（\d+）$/ });
  await expect(memberTab).toBeVisible();
  expect(await axeBlocking(page)).toEqual([]);

  await memberTab.click();
  await expect(page).toHaveURL(/tab=member/);
  const results = page.getByRole('main').locator('li a');
  await expect(results.first()).toBeVisible();
  const name = await results.first().innerText();
  await results.first().click();
  await expect(page).toHaveURL(/\/members\/\d+$/);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
});

test('on a 375 px phone the search icon opens a full-width search; a hit opens the record, with a compact way back', async ({
  browser,
}) => {
  const context = await browser.newContext(phone);
  const page = await context.newPage();
  await signIn(page, 'zhibu');
  const member = await someMember(page);
  await expect(page.getByRole('combobox', { name: /全局搜索/ })).toHaveCount(0);

  await page.getByRole('button', { name: '搜索', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: '搜索' });
  await expect(dialog).toBeVisible();
  const box = dialog.getByRole('combobox', { name: /全局搜索/ });
  await expect(box).toBeFocused();
  const width = (await box.boundingBox())!.width;
  expect(width).toBeGreaterThan(280);
  await box.fill(member.name);
  const hit = page.getByRole('option', { name: new RegExp(`^党员：${member.name}，`) });
  await expect(hit).toBeVisible();
  expect(await axeBlocking(page)).toEqual([]);
  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/members/${member.id}$`));
  await expect(dialog).toBeHidden();

  // On the phone the breadcrumb is one link: up to the member's 党小组 or branch.
  const crumbs = page.getByRole('navigation', { name: '面包屑导航' });
  await expect(crumbs.getByRole('link')).toHaveCount(1);
  await expect(crumbs.getByRole('link')).toHaveText(member.groupName ?? member.branchName!);
  expect(await axeBlocking(page, 'header')).toEqual([]);
  expect(await axeBlocking(page, 'nav[aria-label="面包屑导航"]')).toEqual([]);
  await context.close();
});
