import { renameSync, writeFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';
import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, type Browser, expect, type Page, test } from '@playwright/test';
import { clockFile, demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

const dayMs = 86_400_000;
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const phone = { width: 390, height: 844 };

type Org = { id: number; name: string; type: string; parentId: number | null };
type Me = { user: { roles: { orgId: number | null; orgName: string | null }[] } };

/** Writes the server's clock offset atomically (the server reads the file at most once a second). */
function setClockOffset(days: number): void {
  writeFileSync(`${clockFile}.tmp`, String(days));
  renameSync(`${clockFile}.tmp`, clockFile);
}

/** The college's date (Asia/Shanghai) `offset` days from now. */
const shanghaiDay = (offset = 0) =>
  new Date(Date.now() + offset * dayMs + 8 * 3600_000).toISOString().slice(0, 10);

async function apiLogin(request: APIRequestContext, username: string): Promise<Me> {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return (await (await request.get('/api/auth/me')).json()) as Me;
}

/** No serious or critical WCAG 2.1 AA violation on the page once its data is shown. */
async function expectAccessible(page: Page) {
  await expect(page.locator('.ant-skeleton, .ant-spin-spinning')).toHaveCount(0);
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = blocking.map(
    (v) => `${v.id}: ${v.help} ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
  expect(blocking, report.join('\n')).toHaveLength(0);
}

/** Prints the API's refusals of the flow's writes (a failed step shows why in the report). */
function logRefusals(page: Page): void {
  page.on('response', async (r) => {
    if (r.request().method() !== 'GET' && r.url().includes('/api/') && r.status() >= 400)
      console.log(`${r.request().method()} ${r.url()} → ${r.status()} ${await r.text().catch(() => '')}`);
  });
}

/** A signed-in page of its own (a phone for the branch secretary), its browser clock `days` ahead. */
async function pageOf(browser: Browser, username: string, opts: { phone?: boolean; days?: number } = {}) {
  const context = await browser.newContext(
    opts.phone ? { viewport: phone, isMobile: true, hasTouch: true } : {},
  );
  const page = await context.newPage();
  logRefusals(page);
  if (opts.days) await page.clock.setSystemTime(new Date(Date.now() + opts.days * dayMs));
  await signIn(page, username);
  return page;
}

/** The text of word/document.xml in a .docx (a zip), without its tags. */
function docxText(buf: Buffer): string {
  // Walk the local file headers: signature, sizes at 18/22, name length at 26, extra length at 28.
  for (let at = 0; at + 30 <= buf.length && buf.readUInt32LE(at) === 0x04034b50; ) {
    const method = buf.readUInt16LE(at + 8);
    const size = buf.readUInt32LE(at + 18);
    const nameLength = buf.readUInt16LE(at + 26);
    const extraLength = buf.readUInt16LE(at + 28);
    const name = buf.toString('utf8', at + 30, at + 30 + nameLength);
    const start = at + 30 + nameLength + extraLength;
    if (name === 'word/document.xml') {
      const body = buf.subarray(start, start + size);
      const xml = (method === 8 ? inflateRawSync(body) : body).toString('utf8');
      return xml.replace(/<[^>]+>/g, '');
    }
    at = start + size;
  }
  throw new Error('word/document.xml is not in the file');
}

test('a 星级 round from the template: the 组织部 opens it, a branch secretary writes the 自评 on a phone, the 总支 and the 组织部 review, 公示 and the final stars on the star map; the scorecard as Word', async ({
  page,
  browser,
  playwright,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const systemName = 'e2e 星级党支部评定指标体系';
  const roundTitle = 'e2e 星级党支部评定';

  // zhibu's branch lies under the 党总支 the demo's zongzhi leads: the review passes through it.
  const api = await playwright.request.newContext({ baseURL });
  const branchId = (await apiLogin(api, 'zhibu')).user.roles[0]?.orgId ?? 0;
  const zongzhiOrg = (await apiLogin(api, 'zongzhi')).user.roles[0]!;
  await apiLogin(api, 'zzb');
  const orgs = (await (await api.get('/api/orgs')).json()) as Org[];
  const branch = orgs.find((o) => o.id === branchId)!;
  expect(branch.parentId, 'zongzhi leads the 总支 above zhibu’s branch').toBe(zongzhiOrg.orgId);
  const generalBranch = orgs.find((o) => o.id === zongzhiOrg.orgId)!;

  logRefusals(page);
  // The 组织部 takes the built-in 星级党支部 template as this year's version, and sees it in the editor.
  await signIn(page, 'zzb');
  await page.goto('/assessments/systems');
  await page.getByRole('button', { name: '新建指标体系' }).click();
  const create = page.getByRole('dialog');
  await create.getByRole('combobox', { name: '模板' }).click();
  await page.locator('.ant-select-item-option').filter({ hasText: '星级党支部评定（六个方面）' }).click();
  await create.getByLabel('名称', { exact: true }).fill(systemName);
  await create.getByRole('button', { name: /创\s*建/ }).click();
  await expect(page).toHaveURL(/\/assessments\/systems\/\d+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(systemName);
  // Core's checks show at the field: a dimension whose maximum is not its indicators' sum.
  const dimensionA = page.locator('.ant-card').filter({ hasText: '一级指标 A 班子建设' }).first();
  await dimensionA.getByRole('button', { name: '编辑' }).first().click();
  const dimensionMax = dimensionA.getByLabel('满分', { exact: true }).first();
  await dimensionMax.fill('16');
  await expect(dimensionA.getByText('满分：16 与所属计分指标满分之和 15 不一致')).toBeVisible();
  await expect(page.getByText(/还有 \d+ 处需要修改才能保存/)).toBeVisible();
  await dimensionMax.fill('15');
  await expect(page.getByText(/还有 \d+ 处需要修改才能保存/)).toHaveCount(0);
  await expectAccessible(page);

  // … and opens a round of it for the 总支 above zhibu's branch, to be self-assessed within a week.
  await page.goto('/assessments');
  await page.getByRole('button', { name: '发起考核' }).click();
  const drawer = page.getByRole('dialog');
  await drawer.getByLabel('指标体系').click();
  await page.locator('.ant-select-item-option').filter({ hasText: systemName }).click();
  await drawer.getByLabel('名称', { exact: true }).fill(roundTitle);
  const scope = drawer.getByLabel('考核范围');
  await scope.click();
  await scope.fill(generalBranch.name);
  await page
    .locator('.ant-select-tree-node-content-wrapper')
    .filter({ hasText: generalBranch.name })
    .first()
    .click();
  const selfDue = drawer.getByLabel('自评截止日期');
  await selfDue.click();
  await selfDue.fill(shanghaiDay(7));
  await selfDue.press('Enter');
  await drawer.getByRole('button', { name: /发\s*起/ }).click();
  await expect(page).toHaveURL(/\/assessments\/\d+$/);
  const roundId = Number(/\/assessments\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(roundTitle);
  const boardRow = page.getByRole('row').filter({ hasText: branch.name });
  await expect(boardRow).toContainText('待自评');
  await expectAccessible(page);

  // The branch secretary, on a phone, finds the 自评 waiting and opens the scorecard from it.
  const zhibu = await pageOf(browser, 'zhibu', { phone: true });
  await zhibu.goto('/inbox');
  await zhibu.getByRole('button', { name: `去处理：填写考核自评：${roundTitle}` }).click();
  await expect(zhibu).toHaveURL(`/assessments/${roundId}/orgs/${branchId}`);
  // Computed items come from the records with what they read; only the reviewer items are typed.
  const b1 = zhibu.locator('[data-item="B1"]');
  await expect(b1).toContainText('平台取数');
  await expect(b1).toContainText('“三会一课”按期完成率');
  await b1.getByRole('button', { name: /查看 \d+ 条来源记录/ }).click();
  await expect(b1.getByRole('link').first()).toHaveAttribute('href', /^\/activities\/\d+$/);
  await expect(zhibu.locator('[data-item="B1"] .ant-input-number')).toHaveCount(0);
  // A manual indicator: points, a comment and a link to a record of the branch.
  const a4 = zhibu.locator('[data-item="A4"]');
  await a4.getByRole('spinbutton', { name: /自评得分$/ }).fill('3');
  await a4.getByLabel('A4 支委分工明确、履职尽责 说明').fill('每月支委会记录支委分工和落实情况');
  await a4.getByLabel('关联记录').click();
  await zhibu.locator('.ant-select-item-option:visible').filter({ hasText: '组织生活记录' }).first().click();
  await zhibu.keyboard.press('Escape');
  // The other reviewer items, so the 自评 is complete.
  const scores = zhibu.getByRole('spinbutton', { name: /自评得分$/ });
  for (let i = 0; i < (await scores.count()); i++)
    if (!(await scores.nth(i).inputValue())) await scores.nth(i).fill('2');
  await zhibu.getByRole('button', { name: '保存自评' }).click();
  await expect(zhibu.getByText('已保存评分')).toBeVisible();
  await expect(a4).toContainText('每月支委会记录支委分工和落实情况');
  await expectAccessible(zhibu);
  await zhibu.getByRole('button', { name: '提交自评' }).click();
  await zhibu.getByRole('dialog').getByRole('button', { name: '提交自评' }).click();
  await expect(zhibu.getByRole('dialog')).toBeHidden();
  await expect(zhibu.getByTestId('assessment-status')).toHaveText('待总支审核');
  await expect(zhibu.getByRole('button', { name: '保存自评' })).toHaveCount(0);

  // The 总支 reviews: lowering an item needs a reason (the server's message lands on the field), then approves.
  const zongzhi = await pageOf(browser, 'zongzhi');
  await zongzhi.goto('/inbox');
  await zongzhi.getByRole('button', { name: `去处理：审核所属支部考核自评：${roundTitle}` }).click();
  await expect(zongzhi).toHaveURL(`/assessments/${roundId}`);
  await zongzhi.getByRole('link', { name: branch.name }).click();
  const reviewA4 = zongzhi.locator('[data-item="A4"]');
  await expect(reviewA4).toContainText('自评');
  await expect(reviewA4).toContainText('3 分');
  await reviewA4.getByRole('spinbutton', { name: /党总支审核得分$/ }).fill('2');
  await zongzhi.getByRole('button', { name: '保存党总支审核' }).click();
  await expect(reviewA4.getByText('说明：审核扣分、判定不达标须写明理由')).toBeVisible();
  await reviewA4.getByLabel('A4 支委分工明确、履职尽责 说明').fill('支委会记录中有两个月未记分工落实');
  await zongzhi.getByRole('button', { name: '保存党总支审核' }).click();
  await expect(zongzhi.getByText('已保存评分')).toBeVisible();
  await zongzhi.getByRole('button', { name: '总支审核通过' }).click();
  await zongzhi.getByRole('dialog').getByRole('button', { name: '总支审核通过' }).click();
  await expect(zongzhi.getByTestId('assessment-status')).toHaveText('待组织部审核');

  // The 组织部 reviews from its board: an override of a computed figure keeps the computed value beside it.
  await page.goto(`/assessments/${roundId}?status=department_review`);
  await page.getByRole('link', { name: branch.name }).click();
  const a2 = page.locator('[data-item="A2"]');
  await a2.getByRole('button', { name: '调整计算结果' }).click();
  await a2.getByRole('spinbutton', { name: 'A2 按期换届 调整为' }).fill('4');
  await a2.getByLabel('A2 按期换届 调整理由').fill('换届已报批，延期批复在途');
  await page.getByRole('button', { name: '保存组织部审核' }).click();
  await expect(page.getByText('已保存评分')).toBeVisible();
  await expect(a2).toContainText(/按记录计算为 \d+ 分，调整为 4 分/);
  await expect(a2).toContainText('理由：换届已报批，延期批复在途');
  await expect(page.locator('[data-item="A4"]')).toContainText('支委会记录中有两个月未记分工落实');
  await page.getByRole('button', { name: '组织部审核通过' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '组织部审核通过' }).click();
  await expect(page.getByTestId('assessment-status')).toHaveText('待党委审定');
  const stars = Number(
    await page.getByTestId('assessment-stars').locator('[data-stars]').getAttribute('data-stars'),
  );
  expect(stars).toBeGreaterThan(0);

  // The 党委's decision today and the 公示 of five working days.
  await page.getByRole('button', { name: '登记党委审定结果并公示' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '登记党委审定结果并公示' }).click();
  await expect(page.getByTestId('assessment-status')).toHaveText('公示中');
  await expect(page.getByRole('button', { name: '公示期满，确定结果' })).toBeVisible();
  await expectAccessible(page);

  // Past the 公示 the 组织部 confirms the result; the branch's stars show on the star map.
  try {
    setClockOffset(10);
    await expect
      .poll(
        async () => {
          await apiLogin(api, 'zzb');
          return ((await (await api.get('/api/inbox')).json()) as { today: string }).today;
        },
        { timeout: 10_000 },
      )
      .toBe(shanghaiDay(10));
    const later = await pageOf(browser, 'zzb', { days: 10 });
    await later.goto(`/assessments/${roundId}/orgs/${branchId}`);
    await later.getByRole('button', { name: '公示期满，确定结果' }).click();
    await later.getByRole('dialog').getByRole('button', { name: '公示期满，确定结果' }).click();
    await expect(later.getByTestId('assessment-status')).toHaveText('已确定');
    const href = await later.getByRole('link', { name: /下载 Word/ }).getAttribute('href');
    await later.goto(`/assessments/star-map?round=${roundId}`);
    await expect(later.getByRole('heading', { level: 1 })).toHaveText('星级分布图');
    const chip = later.locator(`[data-org="${branch.name}"]`);
    await expect(chip).toHaveAttribute('data-stars', String(stars));
    await expect(chip.getByText(`${['', '一', '二', '三', '四', '五'][stars]}星级`)).toBeAttached();
    await expectAccessible(later);

    // The scorecard as Word: the org, the result, the steps' judgements.
    const word = await later.request.get(href ?? '');
    expect(word.status()).toBe(200);
    expect(word.headers()['content-type']).toContain('wordprocessingml');
    const text = docxText(await word.body());
    expect(text).toContain(`${branch.name}考核评分表`);
    expect(text).toContain('已确定');
    expect(text).toContain('支委会记录中有两个月未记分工落实');
    expect(text).toContain('换届已报批，延期批复在途');
  } finally {
    setClockOffset(0);
  }
  await api.dispose();
});
