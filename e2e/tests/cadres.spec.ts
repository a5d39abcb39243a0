import AxeBuilder from '@axe-core/playwright';
import { expect, type Page, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type Post = {
  id: number;
  unitName: string;
  title: string;
  endOn: string | null;
  endReason: string | null;
  rotation: string;
};
type Cadre = { id: number; name: string; concurrent: boolean; currentPosts: Post[] };
type Detail = Cadre & { posts: Post[] };

async function roster(page: Page): Promise<Cadre[]> {
  const out: Cadre[] = [];
  for (let p = 1; ; p++) {
    const r = (await (await page.request.get(`/api/cadres?pageSize=100&page=${p}`)).json()) as {
      items: Cadre[];
      total: number;
    };
    out.push(...r.items);
    if (out.length >= r.total || r.items.length === 0) return out;
  }
}

/** The day in Shanghai (the college's), as the server's clock sees it. */
function shanghaiDay(): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
}

test('the 组织部 filters the roster, reads a 交叉任职 cadre’s past posts and records a 交流', async ({
  page,
}) => {
  await signIn(page, 'zzb');
  await page.getByRole('menuitem', { name: '干部工作' }).click();
  await page.getByRole('menuitem', { name: '干部名册' }).click();
  await expect(page.getByRole('heading', { name: '干部名册' })).toBeVisible();
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);

  // Filters: 试用期内 leaves only cadres with a post in 试用期.
  await page.getByLabel('试用期').click();
  await page.locator('.ant-select-item-option:visible').filter({ hasText: '试用期内' }).click();
  await expect(page).toHaveURL(/probation=true/);
  const inProbation = (await (await page.request.get('/api/cadres?probation=true&pageSize=20')).json()) as {
    total: number;
  };
  expect(inProbation.total).toBeGreaterThan(0);
  expect(
    inProbation.total,
    'fewer than a page, so the filtered page is told from the unfiltered one',
  ).toBeLessThan(20);
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows).toHaveCount(inProbation.total);
  const n = await rows.count();
  for (let i = 0; i < n; i++)
    await expect(rows.nth(i).getByText('试用期', { exact: true }).first()).toBeVisible();
  await page.getByRole('button', { name: '清除筛选' }).click();

  // A 党总支书记 who is also 副院长, with a past post.
  const cadres = await roster(page);
  let shown: Detail | null = null;
  for (const c of cadres.filter((x) => x.concurrent)) {
    const d = (await (await page.request.get(`/api/cadres/${c.id}`)).json()) as Detail;
    if (d.posts.some((p) => p.endOn !== null)) {
      shown = d;
      break;
    }
  }
  expect(shown, 'a 交叉任职 cadre with a past post').not.toBeNull();
  if (!shown) return;
  await page.getByLabel('姓名').fill(shown.name);
  await page.getByLabel('姓名').press('Enter');
  const row = page.locator('.ant-table-tbody tr.ant-table-row').filter({ hasText: shown.name }).first();
  await expect(row.getByText('交叉任职')).toBeVisible();
  await row.getByRole('link', { name: shown.name }).click();
  await expect(page.getByRole('heading', { name: `干部档案：${shown.name}` })).toBeVisible();
  await expect(page.getByText('现任职务（交叉任职）')).toBeVisible();
  for (const p of shown.currentPosts) await expect(page.getByText(`${p.unitName} ${p.title}`)).toBeVisible();
  const past = shown.posts.find((p) => p.endOn !== null)!;
  const history = page.locator('.ant-card').filter({ hasText: '任职经历' });
  await expect(history.getByText(past.endReason!).first()).toBeVisible();

  // 交流: the cadre due to rotate (10 years in one post) moves to another unit.
  const due = cadres.find((c) => c.currentPosts.some((p) => p.rotation === 'due'))!;
  const from = due.currentPosts.find((p) => p.rotation === 'due')!;
  await page.goto(`/cadres/${due.id}`);
  await expect(page.getByText('满10年应交流').first()).toBeVisible();
  const card = page.locator('.ant-card-type-inner').filter({ hasText: `${from.unitName} ${from.title}` });
  await card.getByRole('button', { name: '交流轮岗' }).click();
  const drawer = page.getByRole('dialog');
  const onDate = drawer.getByLabel('交流轮岗日期（新职务任职日期）');
  await onDate.click();
  await onDate.fill(shanghaiDay());
  await onDate.press('Enter');
  await drawer.getByLabel('文号', { exact: true }).fill('院党委〔2026〕88号');
  const unit = drawer.getByLabel('单位');
  await unit.click();
  await unit.fill('图书馆');
  await page.locator('.ant-select-item-option:visible').filter({ hasText: '图书馆' }).first().click();
  await drawer.getByLabel('职务', { exact: true }).fill('馆长');
  await drawer.getByRole('button', { name: '登记交流轮岗' }).click();
  await expect(page.getByText('交流轮岗已登记')).toBeVisible();
  const record = page.locator('.ant-card').filter({ hasText: '交流轮岗记录' });
  await expect(record.getByText(`${from.unitName}${from.title} → 图书馆馆长`)).toBeVisible();
  await expect(record.getByText('（院党委〔2026〕88号）')).toBeVisible();
  await expect(page.getByText('满10年应交流')).toHaveCount(0);
});

test('a 校领导 reads the roster without writing; a branch secretary has no menu and gets the not-found page', async ({
  browser,
}) => {
  const leaderCtx = await browser.newContext();
  const leader = await leaderCtx.newPage();
  await signIn(leader, 'leader');
  await leader.goto('/cadres');
  await expect(leader.getByRole('heading', { name: '干部名册' })).toBeVisible();
  await expect(leader.getByRole('button', { name: '增加干部' })).toHaveCount(0);
  await leader.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await expect(leader.getByRole('heading', { name: /干部档案：/ })).toBeVisible();
  await expect(leader.getByRole('button', { name: '交流轮岗' })).toHaveCount(0);
  await expect(leader.getByRole('button', { name: '免职' })).toHaveCount(0);
  await leaderCtx.close();

  const secretary = await browser.newContext();
  const zhibu = await secretary.newPage();
  await signIn(zhibu, 'zhibu');
  await expect(zhibu.getByRole('menuitem', { name: '党员管理' })).toBeVisible();
  await expect(zhibu.getByRole('menuitem', { name: '干部工作' })).toHaveCount(0);
  await zhibu.goto('/cadres');
  await expect(zhibu.getByText('页面不存在', { exact: true })).toBeVisible();
  await zhibu.goto('/cadres/1');
  await expect(zhibu.getByText('页面不存在', { exact: true })).toBeVisible();
  expect((await zhibu.request.get('/api/cadres')).status()).toBe(403);
  await secretary.close();
});
