import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type AlertItem = { key: string; title: string; state: string; ackComment: string | null };

test('a branch secretary acknowledges a finding on the phone; the 组织部 sees it acknowledged, with its history', async ({
  browser,
}) => {
  // The secretary on a phone.
  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await phone.newPage();
  await signIn(page, 'zhibu');
  const open = (await (await page.request.get('/api/alerts?state=open&pageSize=50')).json()) as {
    items: AlertItem[];
  };
  const finding = open.items[0]!;
  expect(finding.state).toBe('open');

  await page.goto(`/alerts/${finding.key}`);
  await expect(page.getByText(finding.title).first()).toBeVisible();
  await expect(page.getByText('发现').first()).toBeVisible();
  await page
    .getByRole('button', { name: /确\s*认$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  // The 说明 is required: the server would refuse an empty one, the form says so first.
  await dialog.getByRole('button', { name: /确\s*认$/ }).click();
  await expect(dialog.getByText('请填写说明')).toBeVisible();
  await dialog.getByLabel('说明').fill('已列入本周支委会议题，整改后在平台登记');
  await dialog.getByRole('button', { name: /确\s*认$/ }).click();
  await expect(page.getByText('已确认').first()).toBeVisible();
  await expect(page.getByText('已列入本周支委会议题，整改后在平台登记').first()).toBeVisible();
  // Nothing runs off the side of the phone.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
  await phone.close();

  // The 组织部, on a desktop, still sees it — acknowledged, with the secretary's comment.
  const desk = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page2 = await desk.newPage();
  await signIn(page2, 'zzb');
  const listed = (await (await page2.request.get('/api/alerts?state=acknowledged&pageSize=200')).json()) as {
    items: AlertItem[];
  };
  expect(listed.items.find((f) => f.key === finding.key)?.ackComment).toBe(
    '已列入本周支委会议题，整改后在平台登记',
  );
  await page2.goto(`/alerts/${finding.key}`);
  await expect(page2.getByText('已列入本周支委会议题，整改后在平台登记').first()).toBeVisible();
  await expect(page2.getByText('已确认').first()).toBeVisible();
  await desk.close();
});
