import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type Subject = { id: number; name: string; grade: string | null };
type Round = {
  id: number;
  title: string;
  status: string;
  excellent: number;
  excellentQuota: number;
  subjects: Subject[];
};

/**
 * 中层干部年度考核 (issue 18 item 4): this year's round is in 民主测评 (the demo: about half the ballots cast, on the
 * demo's cadre roster). No count shows while the ballots are open; zzb ends the 测评, the tallies appear with the
 * rule's computation, and the grade dialog shows the 优秀 quota; a 优秀 within it is saved with the 党委's score and
 * counted against the quota. The demo plants the round only on a cadre roster (the roster's own demo step): without
 * one there is no round, and the flow is skipped with that reason.
 */
test('zzb closes the ballot and grades within the 优秀 quota', async ({ page }) => {
  await signIn(page, 'zzb');
  const list = (await (await page.request.get('/api/cadre-reviews?status=voting')).json()) as {
    items: Round[];
  };
  const round = list.items[0];
  test.skip(round === undefined, 'the demo has no 中层干部 roster, so no 年度考核 round to grade');
  if (!round) return;

  await page.goto('/cadre-reviews');
  await page.getByRole('link', { name: round.title }).click();
  await expect(page.getByRole('heading', { name: round.title })).toBeVisible();
  await expect(page.getByText(/已投 \d+ \/ \d+/).first()).toBeVisible();
  await expect(page.getByText('测评结束后显示').first()).toBeVisible();

  await page.getByRole('button', { name: '结束测评、进入评定' }).click();
  await page.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByText('已结束测评、进入评定')).toBeVisible();
  await expect(page.getByText('尚未填写党委评价分').first()).toBeVisible();

  const detail = (await (await page.request.get(`/api/cadre-reviews/${round.id}`)).json()) as Round;
  expect(detail.excellentQuota).toBe(Math.floor((detail.subjects.length * 20) / 100));
  await page
    .getByRole('button', { name: /^评\s*定$/ })
    .first()
    .click();
  const dialog = page.getByRole('dialog');
  await expect(
    dialog.getByText(
      `优秀名额：参加考核 ${detail.subjects.length} 人 × 20% = ${detail.excellentQuota} 人（向下取整），其他人已评优秀 0 人`,
    ),
  ).toBeVisible();
  await dialog.getByLabel(/党委评价分/).fill('98');
  await dialog.getByLabel('评定等次').click();
  await page.getByTitle('优秀', { exact: true }).click();
  await dialog.getByLabel('调整理由').fill('年度目标任务完成突出，党委评定为优秀');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`已评 1 / ${detail.excellentQuota} 人`)).toBeVisible();
  const after = (await (await page.request.get(`/api/cadre-reviews/${round.id}`)).json()) as Round;
  expect(after.subjects.filter((s) => s.grade === 'excellent')).toHaveLength(1);
});
