import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type Hours = {
  total: number;
  items: { source: string; title: string; hours: number; counted: boolean }[];
};

test('a member sees their 学时 on a 375 px phone, with the hours of a recorded 党课 and where each came from', async ({
  browser,
}) => {
  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  await signIn(page, 'dangyuan');
  const mine = (await (await page.request.get('/api/me/training-hours')).json()) as Hours;
  const lecture = mine.items.find((i) => i.source === 'lecture' && i.counted);
  expect(lecture, 'a 党课 dangyuan attended, recorded and closed').toBeDefined();
  if (!lecture) return;

  await page.goto('/me/training-hours');
  await expect(page.getByRole('heading', { name: '我的学时' })).toBeVisible();
  await expect(page.getByTestId('hours-total')).toContainText(`已计 ${mine.total} 学时`);
  const row = page.getByTestId('hours-source').filter({ hasText: lecture.title }).first();
  await expect(row).toBeVisible();
  await expect(row.getByText('党课', { exact: true })).toBeVisible();
  await expect(row.getByText(`${lecture.hours} 学时`, { exact: true })).toBeVisible();
  // Where the requirement comes from, and nothing wider than the phone.
  await expect(page.getByText('党员教育管理工作条例', { exact: false }).first()).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await phone.close();
});
