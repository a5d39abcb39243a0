import { renameSync, writeFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { clockFile, demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

const dayMs = 86_400_000;

type Org = { id: number; name: string; type: string; parentId: number | null };

/** Writes the server's clock offset atomically (the server reads the file at most once a second). */
function setClockOffset(days: number): void {
  writeFileSync(`${clockFile}.tmp`, String(days));
  renameSync(`${clockFile}.tmp`, clockFile);
}

/** The college's date (Asia/Shanghai) `offset` days from now. */
const shanghaiDay = (offset = 0) =>
  new Date(Date.now() + offset * dayMs + 8 * 3600_000).toISOString().slice(0, 10);

async function apiSession(request: APIRequestContext, username: string) {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
  return ((await res.json()) as { csrfToken: string }).csrfToken;
}

/** Waits until the server's day is `day` (it reads the clock file at most once a second). */
async function serverDayIs(api: APIRequestContext, day: string) {
  await expect
    .poll(
      async () => {
        await apiSession(api, 'zzb');
        return ((await (await api.get('/api/inbox')).json()) as { today: string }).today;
      },
      { timeout: 10_000 },
    )
    .toBe(day);
}

test('the 组织部 runs a 选拔任用 from 动议 to 任职 with its 公示 window, then sees the 试用期 reminder', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const zzbApi = await playwright.request.newContext({ baseURL });
  const csrf = await apiSession(zzbApi, 'zzb');
  const orgs = (await (await zzbApi.get('/api/orgs')).json()) as Org[];
  const committee = orgs.find((o) => o.parentId === null && o.type === 'committee')!;

  // A 党委会 held today: the decision links it, and its day is the decision day.
  const created = await zzbApi.post('/api/activities', {
    headers: { 'X-CSRF-Token': csrf },
    data: {
      orgId: committee.id,
      kind: 'committee_meeting',
      title: 'e2e 党委会（干部任免）',
      startsAt: new Date(Date.now() - 2 * 3600_000).toISOString(),
    },
  });
  expect(created.ok(), await created.text()).toBeTruthy();
  const meeting = (await created.json()) as { id: number; version: number };
  const held = await zzbApi.post(`/api/activities/${meeting.id}/start`, {
    headers: { 'X-CSRF-Token': csrf },
    data: { version: meeting.version },
  });
  expect(held.ok(), await held.text()).toBeTruthy();

  // Someone not in the roster and without a procedure, with a name no one else has.
  const people = (await (await zzbApi.get('/api/people?limit=100')).json()) as { id: number; name: string }[];
  const cadres = (await (await zzbApi.get('/api/cadres?pageSize=100')).json()) as {
    items: { personId: number }[];
  };
  const procedures = (await (await zzbApi.get('/api/cadre-appointments?pageSize=100')).json()) as {
    items: { personId: number }[];
  };
  const taken = new Set([...cadres.items, ...procedures.items].map((c) => c.personId));
  const names = new Map<string, number>();
  for (const p of people) names.set(p.name, (names.get(p.name) ?? 0) + 1);
  const person = people.find((p) => !taken.has(p.id) && names.get(p.name) === 1)!;
  expect(person).toBeDefined();

  // 动议 through the form.
  await signIn(page, 'zzb');
  await page.goto('/cadre-appointments');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('干部选拔任用');
  await page
    .getByRole('button', { name: /动\s*议/ })
    .first()
    .click();
  const drawer = page.getByRole('dialog');
  const picker = drawer.getByLabel('人员');
  await picker.click();
  await picker.fill(person.name);
  await page.locator('.ant-select-item-option:visible').filter({ hasText: person.name }).first().click();
  const units = (await (await zzbApi.get('/api/units')).json()) as { name: string; kind: string }[];
  const unitName = (units.find((u) => u.kind === 'college') ?? units[0]!).name;
  const unit = drawer.getByLabel('拟任单位');
  await unit.click();
  await unit.fill(unitName);
  // The person picker's options (with their org, which may be a college's name) may still be fading out.
  await page.locator(`.ant-select-item-option[title="${unitName}"]`).click();
  await drawer.getByLabel('拟任职务').fill('副院长');
  await drawer.getByRole('button', { name: /^动\s*议$/ }).click();
  await expect(page).toHaveURL(/\/cadre-appointments\/\d+$/);
  const id = Number(/\/cadre-appointments\/(\d+)$/.exec(page.url())?.[1]);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(person.name);

  const stepButton = (name: string) => page.getByRole('button', { name: new RegExp(`^${name}$`) });
  const dialog = page.getByRole('dialog');
  // 民主推荐.
  await stepButton('民主推荐').click();
  await dialog.getByRole('button', { name: '民主推荐' }).click();
  await expect(stepButton('考\\s*察')).toBeVisible();
  // 考察: both vetoes 合格.
  await stepButton('考\\s*察').click();
  for (const group of await dialog.getByRole('radiogroup').all())
    await group.getByText('合格', { exact: true }).click();
  await dialog.getByRole('button', { name: /^考\s*察$/ }).click();
  await expect(stepButton('党委讨论决定')).toBeVisible();
  // 党委讨论决定 at today's 党委会.
  await stepButton('党委讨论决定').click();
  await dialog.getByLabel('党委会记录').click();
  await page.locator('.ant-select-item-option:visible').filter({ hasText: 'e2e 党委会（干部任免）' }).click();
  await dialog.getByRole('button', { name: '党委讨论决定' }).click();
  await expect(page.getByRole('link', { name: /e2e 党委会（干部任免）/ })).toBeVisible();
  // 任前公示 from tomorrow for 9 days (at least 5 working days).
  const start = shanghaiDay(1);
  const end = shanghaiDay(9);
  await stepButton('任前公示').click();
  const range = dialog.locator('.ant-picker-range input');
  await range.nth(0).click();
  await range.nth(0).fill(start);
  await range.nth(0).press('Enter');
  await range.nth(1).fill(end);
  await range.nth(1).press('Enter');
  await dialog.getByRole('button', { name: '任前公示' }).click();
  await expect(page.getByText(`${start} 至 ${end}`).first()).toBeVisible();
  await expect(stepButton('任\\s*职')).toBeVisible();

  try {
    // The day after the notice: 任职 is due, and the 组织部 appoints with the 文号.
    setClockOffset(10);
    await serverDayIs(zzbApi, shanghaiDay(10));
    await page.context().clearCookies();
    await page.clock.setSystemTime(new Date(Date.now() + 10 * dayMs));
    await signIn(page, 'zzb');
    await page.goto('/inbox');
    await page.getByRole('tab', { name: /公示期满办理任职/ }).click();
    await expect(page.getByText(`公示期满办理任职：${person.name}`)).toBeVisible();
    await page.goto(`/cadre-appointments/${id}`);
    await stepButton('任\\s*职').click();
    await dialog.getByLabel('任职文号').fill('院党委〔2026〕99号');
    await dialog.getByRole('button', { name: /^任\s*职$/ }).click();
    await expect(
      page
        .locator('.ant-tag')
        .filter({ hasText: /^试用期$/ })
        .first(),
    ).toBeVisible();
    await expect(page.getByText('院党委〔2026〕99号', { exact: true })).toBeVisible();

    // Twenty days before the 试用期 ends, the reminder.
    setClockOffset(345);
    await serverDayIs(zzbApi, shanghaiDay(345));
    await page.context().clearCookies();
    await page.clock.setSystemTime(new Date(Date.now() + 345 * dayMs));
    await signIn(page, 'zzb');
    await page.goto('/inbox');
    await page.getByRole('tab', { name: /干部试用期满转正/ }).click();
    await expect(page.getByText(`试用期即将期满：${person.name}`)).toBeVisible();
    await page.goto(`/cadre-appointments/${id}`);
    await expect(page.getByText(/试用期将于 .* 期满/)).toBeVisible();
  } finally {
    setClockOffset(0);
  }
  await zzbApi.dispose();
});
