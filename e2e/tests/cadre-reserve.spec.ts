import { expect, test } from '@playwright/test';
import { signIn } from './sign-in.ts';

type Person = { id: number; name: string; category: string };
type Pool = { items: { id: number; personId: number; name: string }[] };

test('the 组织部 nominates a young cadre, adds a plan item and a 挂职; a 校领导 reads the file and changes nothing', async ({
  page,
  browser,
}) => {
  await signIn(page, 'zzb');
  // Someone of the college not in the pool yet, whose name is unique among the people the picker finds.
  const pool = (await (await page.request.get('/api/cadre-reserve?pageSize=200')).json()) as Pool;
  const inPool = new Set(pool.items.map((i) => i.personId));
  const people = (await (await page.request.get('/api/people?q=王&limit=50')).json()) as Person[];
  const count = (name: string) => people.filter((p) => p.name === name).length;
  const person = people.find((p) => p.category === 'staff' && !inPool.has(p.id) && count(p.name) === 1);
  expect(person, 'a person to nominate').toBeDefined();
  if (!person) return;

  await page.goto('/cadre-reserve');
  await expect(page.getByRole('heading', { name: '后备干部库' })).toBeVisible();
  await page.getByRole('button', { name: '提名后备干部' }).click();
  const nominate = page.getByRole('dialog', { name: '提名后备干部' });
  await nominate.getByLabel('人员').fill(person.name);
  await page.getByRole('option').filter({ hasText: person.name }).first().click();
  await nominate.getByLabel('提名日期').fill('2026-11-20');
  await nominate.getByLabel('提名日期').press('Enter');
  await nominate.getByRole('button', { name: /提\s*名/ }).click();
  await expect(page.getByRole('heading', { name: `后备干部：${person.name}` })).toBeVisible();
  await expect(page.getByText('提名', { exact: true }).first()).toBeVisible();

  // A plan item.
  await page.getByRole('button', { name: '增加培养措施' }).click();
  const plan = page.getByRole('dialog', { name: '增加培养措施' });
  await plan.getByLabel('具体事项').fill('参加学校年轻储备干部培训班');
  await plan.getByLabel('完成时限').fill('2027-06-30');
  await plan.getByLabel('完成时限').press('Enter');
  await plan.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('cell', { name: '参加学校年轻储备干部培训班' })).toBeVisible();

  // A 挂职 too short is refused with the rule; a year is recorded.
  await page.getByRole('button', { name: '登记挂职' }).click();
  const secondment = page.getByRole('dialog', { name: '登记挂职' });
  await secondment.getByLabel('挂职单位').fill('县乡村振兴局');
  await secondment.getByLabel('挂职职务').fill('副局长');
  const [from, to] = [secondment.getByPlaceholder('开始日期'), secondment.getByPlaceholder('结束日期')];
  await from.click();
  await from.fill('2027-01-01');
  await to.fill('2027-03-31');
  await to.press('Enter');
  await secondment.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText(/挂职期限不少于6个月/).first()).toBeVisible();
  await from.click();
  await from.fill('2027-01-01');
  await to.fill('2027-12-31');
  await to.press('Enter');
  await secondment.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByRole('cell', { name: '县乡村振兴局' })).toBeVisible();
  await expect(page.getByText('待开始')).toBeVisible();
  const url = page.url();

  // The 校领导 reads it: no 提名 button, no step buttons.
  const other = await browser.newContext();
  const lp = await other.newPage();
  await signIn(lp, 'leader');
  await lp.goto('/cadre-reserve');
  await expect(lp.getByRole('heading', { name: '后备干部库' })).toBeVisible();
  await expect(lp.getByRole('button', { name: '提名后备干部' })).toHaveCount(0);
  await lp.goto(new URL(url).pathname);
  await expect(lp.getByRole('heading', { name: `后备干部：${person.name}` })).toBeVisible();
  await expect(lp.getByRole('button', { name: '入库' })).toHaveCount(0);
  await expect(lp.getByRole('button', { name: '登记挂职' })).toHaveCount(0);
  await other.close();
});
