import AxeBuilder from '@axe-core/playwright';
import { type Browser, expect, type Locator, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

/** The WCAG 2.0/2.1 A and AA rules; best-practice rules are left out, the landmarks are checked below. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const phone = { viewport: { width: 375, height: 740 }, isMobile: true, hasTouch: true } as const;
const desktop = { viewport: { width: 1440, height: 900 } } as const;

/**
 * Scans the page once its data is shown (`ready`) and fails on any serious or critical violation,
 * listing each rule with its impact, count and the selectors of what it found. Also checks the
 * structure axe leaves to best practice: one h1, one main landmark, no margin round the page.
 */
async function expectAccessible(page: Page, ready: Locator, title: string) {
  await expect(ready).toBeVisible();
  // Every part of the page has loaded: a card still loading may be scanned half drawn.
  await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(title);
  await expect(page.getByRole('main')).toHaveCount(1);
  expect(await page.evaluate(() => getComputedStyle(document.body).margin)).toBe('0px');
  // Wait for antd's entrance motions to end: a half-faded element reads as low contrast.
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));

  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) =>
      `${v.id} (${v.impact}, ${v.nodes.length}): ${v.help}\n` +
      v.nodes
        .slice(0, 10)
        .map((n) => `    ${n.target.join(' ')}`)
        .join('\n'),
  );
  const count = blocking.reduce((sum, v) => sum + v.nodes.length, 0);
  expect(count, `serious/critical violations on ${page.url()}:\n${report.join('\n')}`).toBe(0);
}

async function newPage(browser: Browser, options: typeof phone | typeof desktop, username?: string) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  if (username) await signIn(page, username);
  return page;
}

test.describe('accessibility (axe, WCAG 2.1 AA)', () => {
  test('登录页, signed out', async ({ browser }) => {
    const page = await newPage(browser, desktop);
    await page.goto('/login');
    await expectAccessible(page, page.getByRole('button', { name: /^zzb/ }), '党建工作平台');
    await page.context().close();
  });

  test('首页, 党员名册 and 活动记录 for the 组织部', async ({ browser }) => {
    const page = await newPage(browser, desktop, 'zzb');
    await page.goto('/');
    await expectAccessible(page, page.getByText('党员总数'), '首页');

    await page.goto('/members');
    await expectAccessible(page, page.locator('.ant-table-row').first(), '党员名册');

    await page.goto('/activities');
    await expectAccessible(page, page.locator('.ant-table-row').first(), '活动记录');
    await page.context().close();
  });

  test('首页 of a branch secretary', async ({ browser }) => {
    const page = await newPage(browser, desktop, 'zhibu');
    await page.goto('/');
    await expectAccessible(page, page.getByText('党员总数'), '首页');
    await page.context().close();
  });

  test('党建工作概览 of the 校领导, on a desk and on a phone', async ({ browser }) => {
    for (const options of [desktop, phone]) {
      const page = await newPage(browser, options, 'leader');
      await page.goto('/overview');
      await expectAccessible(page, page.locator('a[data-figure]').first(), '党建工作概览');
      await page.context().close();
    }
  });

  test('phone: a member’s 首页 and 我的组织生活', async ({ browser }) => {
    const page = await newPage(browser, phone, 'dangyuan');
    await page.goto('/');
    await expectAccessible(page, page.getByText('常用功能'), '首页');

    await page.goto('/me/activities');
    await expectAccessible(page, page.getByText(/近期活动（\d+）/), '我的组织生活');
    await page.context().close();
  });

  test('phone: an applicant’s 我的入党进度', async ({ browser }) => {
    const page = await newPage(browser, phone, 'shenqing');
    await page.goto('/me/recruitment');
    await expectAccessible(page, page.getByText('我的发展进度'), '我的入党进度');
    await page.context().close();
  });
});
