import AxeBuilder from '@axe-core/playwright';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

type Choice = { value: string; label: string };
type MyBallot = {
  id: number;
  title: string;
  status: string;
  voted: boolean;
  items: { key: string; label: string }[];
  choices: Choice[];
  tally: { cast: number } | null;
};
type BallotDetail = {
  id: number;
  voted: number;
  paperPending: number;
  abilities: Record<string, boolean>;
  tally: { cast: number; items: { key: string }[] } | null;
};

/** The demo's organisers, one of whom manages the ballot's org (a branch's 民主测评, a 总支's or the 党委's 述职评议). */
const organisers = ['zhibu', 'zongzhi', 'zzb'];

async function apiLogin(request: APIRequestContext, username: string): Promise<void> {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
}

/** No serious or critical WCAG 2.1 A/AA violation on the page as it is now. */
async function expectAccessible(page: Page) {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running'));
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Votes on a 375 px phone: one tap per item, the confirmation, then 已投票 on the card. */
async function voteOnPhone(page: Page, ballot: MyBallot, pick: (i: number) => Choice) {
  await page.goto('/me/ballots');
  const card = page.getByLabel(ballot.title, { exact: true });
  await expect(card.getByText('投票中')).toBeVisible();
  await expectAccessible(page);
  for (const [i, item] of ballot.items.entries())
    await card.getByRole('group', { name: item.label }).getByText(pick(i).label, { exact: true }).click();
  await card.getByRole('button', { name: '提交选票' }).click();
  const confirm = page.getByRole('dialog', { name: '确认提交选票' });
  await expect(confirm).toBeVisible();
  await expect(confirm.getByText('选票不记录您的姓名')).toBeVisible();
  await confirm.getByRole('button', { name: /提\s*交/ }).click();
  await expect(card.getByText('已投票', { exact: true })).toBeVisible();
  // Nothing wider than the phone.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
}

/**
 * Members vote on 375 px phones in the demo's open ballot (this year's 述职评议 of zongzhi's 总支, half the ballots
 * cast); the organiser sees the progress and no count. The demo has one open ballot: duty-reviews.spec.ts (run
 * after this file) closes it through the 述职评议's 结束测评, sees the tally and publishes it to the voters' phones.
 */
test('members vote on 375 px phones; before it closes nobody sees a count, not even the organiser', async ({
  browser,
  playwright,
  baseURL,
}) => {
  const phone = await browser.newContext({
    viewport: { width: 375, height: 740 },
    isMobile: true,
    hasTouch: true,
  });
  const member = await phone.newPage();
  await signIn(member, 'dangyuan');
  const mine = (await (await member.request.get('/api/me/ballots')).json()) as { items: MyBallot[] };
  const ballot = mine.items.find((b) => b.status === 'open' && !b.voted);
  expect(ballot, 'an open ballot of the demo that dangyuan has not voted in').toBeDefined();
  if (!ballot) return;
  const inbox = async () =>
    ((await (await member.request.get('/api/inbox')).json()) as { items: { kind: string }[] }).items.filter(
      (i) => i.kind === 'ballot.vote',
    ).length;
  const waiting = await inbox();
  expect(waiting).toBeGreaterThan(0);

  // Before it closes nobody sees counts, not even the organiser.
  let organiser: APIRequestContext | null = null;
  let organiserName = '';
  for (const name of organisers) {
    const api = await playwright.request.newContext({ baseURL });
    await apiLogin(api, name);
    if ((await api.get(`/api/ballots/${ballot.id}`)).ok()) {
      organiser = api;
      organiserName = name;
      break;
    }
    await api.dispose();
  }
  expect(organiser, 'a demo account organising the ballot').not.toBeNull();
  if (!organiser) return;
  const early = await organiser.get(`/api/ballots/${ballot.id}/tally`);
  expect(early.status()).toBe(409);

  await voteOnPhone(member, ballot, (i) => ballot.choices[i % ballot.choices.length]!);
  expect(await inbox()).toBe(waiting - 1);
  // A second vote of the same voter is refused.
  const again = await member.request.post(`/api/ballots/${ballot.id}/votes`, {
    headers: {
      'x-csrf-token': ((await (await member.request.get('/api/auth/me')).json()) as { csrfToken: string })
        .csrfToken,
    },
    data: { ballotChoices: ballot.items.map((i) => ({ itemKey: i.key, choice: ballot.choices[0]!.value })) },
  });
  expect(again.status()).toBe(409);
  const before = (await (await organiser.get(`/api/ballots/${ballot.id}`)).json()) as BallotDetail;
  expect(before.tally).toBeNull();
  expect((await organiser.get(`/api/ballots/${ballot.id}/tally`)).status()).toBe(409);

  // The organiser, on a desktop: how many voted and who, never what anyone chose.
  const desk = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await desk.newPage();
  await signIn(page, organiserName);
  await page.goto(`/ballots/${ballot.id}`);
  await expect(page.getByText('投票进度')).toBeVisible();
  await expect(page.getByText(`已投 ${before.voted} 人`)).toBeVisible();
  await expect(page.getByText('投票结束前任何人（包括组织者）都看不到计票结果。')).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '弃权' })).toHaveCount(0);
  await expectAccessible(page);
  await organiser.dispose();
  await desk.close();
  await phone.close();
});
