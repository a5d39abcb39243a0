import { renameSync, writeFileSync } from 'node:fs';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { clockFile, demoPassword } from '../playwright.config.ts';
import { signIn } from './sign-in.ts';

type Dossier = {
  id: number;
  version: number;
  person: { id: number; name: string };
  org: { id: number };
  currentStep: string | null;
  daysInStage: number | null;
  probationEndOn: string | null;
  confirmedOn: string | null;
};
type MemberList = { items: { id: number; name: string }[] };

const dayMs = 86_400_000;

/** Writes the server's clock offset atomically, so the server never reads a half-written file. */
function setClockOffset(days: number): void {
  writeFileSync(`${clockFile}.tmp`, String(days));
  renameSync(`${clockFile}.tmp`, clockFile);
}

/** The college's date (Asia/Shanghai) `offset` days from now. */
function shanghaiDay(offset: number): string {
  return new Date(Date.now() + offset * dayMs + 8 * 3600_000).toISOString().slice(0, 10);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);
}

/** A valid 身份证号 (GB 11643 checksum) for a man born on `birth`. */
function idNumber(birth: string, order: number): string {
  const body = `330106${birth.replaceAll('-', '')}${String(order).padStart(3, '0')}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, c, i) => s + Number(c) * (weights[i] ?? 0), 0);
  return `${body}${'10X98765432'[sum % 11]}`;
}

/** An API session of a demo account (signed in again after each clock move: sessions expire). */
async function apiSession(request: APIRequestContext, username: string) {
  const res = await request.post('/api/auth/login', { data: { username, password: demoPassword } });
  expect(res.ok(), await res.text()).toBeTruthy();
  const csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  return { request, csrf };
}

type Session = Awaited<ReturnType<typeof apiSession>>;

test('one applicant from application to 转正, with the clock moved forward', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
  let offset = 0;
  const today = () => shanghaiDay(offset);
  const zhibuApi = await playwright.request.newContext({ baseURL });
  const zzbApi = await playwright.request.newContext({ baseURL });
  let zhibu: Session = await apiSession(zhibuApi, 'zhibu');
  let zzb: Session = await apiSession(zzbApi, 'zzb');

  const detail = async (id: number): Promise<Dossier> => {
    const res = await zhibu.request.get(`/api/recruitment/${id}`);
    expect(res.ok(), await res.text()).toBeTruthy();
    return (await res.json()) as Dossier;
  };
  /** Records a step through the API as zhibu (or zzb for the superior's steps). */
  const record = async (s: Session, id: number, body: Record<string, unknown>): Promise<Dossier> => {
    const { version } = await detail(id);
    const res = await s.request.post(`/api/recruitment/${id}/steps`, {
      headers: { 'X-CSRF-Token': s.csrf },
      data: { ...body, version },
    });
    expect(res.ok(), `${String(body.step)}: ${await res.text()}`).toBeTruthy();
    return ((await res.json()) as { dossier: Dossier }).dossier;
  };
  /** Moves the server's clock (and the browser's) to `days` after the start; waits until the server sees it. */
  const moveClock = async (days: number, id: number, stageStartedOn: string) => {
    offset = days;
    setClockOffset(days);
    // The server looks at the file at most once a second: sign in afresh until its today has moved (a
    // session opened just before the move would count as long expired).
    const expected = Math.round((Date.parse(today()) - Date.parse(stageStartedOn)) / dayMs);
    await expect
      .poll(
        async () => {
          zhibu = await apiSession(zhibuApi, 'zhibu');
          const res = await zhibu.request.get(`/api/recruitment/${id}`);
          return res.ok() ? ((await res.json()) as Dossier).daysInStage : null;
        },
        { timeout: 10_000 },
      )
      .toBe(expected);
    zzb = await apiSession(zzbApi, 'zzb');
    await page.clock.setSystemTime(new Date(Date.now() + days * dayMs));
  };
  test.info().annotations.push({ type: 'clock', description: clockFile });

  try {
    const start = today();
    const orgs = (await (await zhibu.request.get('/api/orgs')).json()) as {
      id: number;
      name: string;
      type: string;
    }[];
    const branch = orgs.find((o) => o.name === '信息工程学院软件教工党支部');
    expect(branch).toBeDefined();
    if (!branch) return;
    const full = (await (
      await zhibu.request.get(`/api/members?orgId=${branch.id}&partyStatus=full&pageSize=20`)
    ).json()) as MemberList;
    const [mentor, sponsor] = full.items;
    expect(mentor && sponsor).toBeTruthy();
    if (!mentor || !sponsor) return;

    // 1–2 in the UI: zhibu opens the dossier of a new applicant (a young teacher) and records the talk.
    // Names hold Chinese characters only: the run's last digits spelled with 甲乙丙….
    const name = `试${[...String(Date.now()).slice(-3)].map((d) => '甲乙丙丁戊己庚辛壬癸'[Number(d)]).join('')}`;
    await signIn(page, 'zhibu');
    await page.goto(`/recruitment?orgId=${branch.id}`);
    await page.getByRole('button', { name: '新增入党申请' }).click();
    const drawer = page.getByRole('dialog', { name: '新增入党申请' });
    // The branch comes from the list's filter; choose it in the picker when the drawer opened without it.
    const branchLabel = /软件教工党支部/;
    const chosen = drawer.getByText(branchLabel).locator('visible=true');
    if ((await chosen.count()) === 0) {
      await drawer.getByRole('combobox', { name: '党支部' }).click();
      await page.locator('.ant-select-tree-node-content-wrapper', { hasText: branchLabel }).first().click();
    }
    await expect(chosen.first()).toBeVisible();
    await drawer.getByLabel('姓名').fill(name);
    await drawer.getByLabel('身份证号').fill(idNumber(addDays(start, -365 * 27), 135));
    await drawer.getByText('教工', { exact: true }).click();
    await drawer.getByLabel('职务').fill('专任教师');
    const created = page.waitForResponse(
      (r) => r.url().endsWith('/api/recruitment') && r.request().method() === 'POST',
    );
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    expect((await created).status()).toBe(201);
    await expect(page).toHaveURL(/\/recruitment\/\d+$/);
    const id = Number(page.url().split('/').at(-1));

    const stepDone = () =>
      page.waitForResponse(
        (r) => r.url().endsWith(`/api/recruitment/${id}/steps`) && r.request().method() === 'POST',
      );
    await page.getByTestId('recruitment-next-step').click();
    let posted = stepDone();
    await page.getByTestId('recruitment-step-submit').click();
    expect((await posted).status()).toBe(200);
    await expect(page.getByText('党组织派人谈话').first()).toBeVisible();

    // The Word materials: the talk record carries the talk's day; no 公示 is recorded yet, so none is offered.
    await page.getByRole('tab', { name: 'Word 材料' }).click();
    const materials = page.getByRole('tabpanel', { name: 'Word 材料' });
    const talkRecord = materials.getByRole('link', { name: '下载入党申请人谈话记录' });
    await expect(talkRecord).toBeVisible();
    await expect(materials).toContainText(`落款日期：${start}`);
    await expect(materials).toContainText('尚未登记公示期');
    await expect(materials.getByRole('link', { name: /下载发展党员公示/ })).toHaveCount(0);
    const download = await zhibu.request.get((await talkRecord.getAttribute('href')) ?? '');
    expect(download.status()).toBe(200);
    await page.getByRole('tab', { name: /办理记录/ }).click();

    // 3 too early: the violation shows with its clause and nothing is recorded.
    await page.getByTestId('recruitment-next-step').click();
    await page.getByLabel('党员推荐').check();
    posted = stepDone();
    await page.getByTestId('recruitment-step-submit').click();
    expect((await posted).status()).toBe(422);
    const violations = page.getByTestId('recruitment-violations');
    await expect(violations).toContainText('递交申请书满3个月');
    // The rule's clause (a school rule, so it may be waived with a reason).
    await expect(violations).toContainText('依据：本校党建工作规定');
    await expect(violations).toContainText('豁免此条');
    expect((await detail(id)).currentStep).toBe('application_talk');
    await page.getByRole('button', { name: /取\s*消/ }).click();

    // 3–6: past the school's minimum, the activist with 公示, 备案 (zzb), mentors and half-yearly reviews.
    await moveClock(100, id, start);
    const notice = (day: string) => ({ startOn: addDays(day, -12), endOn: addDays(day, -2) });
    const activistOn = today();
    await record(zhibu, id, {
      step: 'activist_designation',
      date: activistOn,
      recommendation: 'member',
      publicNotice: notice(activistOn),
    });
    await record(zzb, id, { step: 'activist_filing', date: activistOn });
    await record(zhibu, id, {
      step: 'mentor_assignment',
      date: activistOn,
      mentorIds: [mentor.id, sponsor.id],
    });
    await moveClock(250, id, activistOn);
    await record(zhibu, id, { step: 'activist_review', date: today() });
    await moveClock(450, id, activistOn);
    await record(zhibu, id, { step: 'activist_review', date: today() });

    // 7–14 a year on: candidate, 备案, sponsors, political review, training, 支委会, 预审 (zzb), 志愿书.
    await moveClock(470, id, activistOn);
    const candidateOn = today();
    await record(zhibu, id, {
      step: 'candidate_designation',
      date: candidateOn,
      publicNotice: notice(candidateOn),
    });
    await record(zzb, id, { step: 'candidate_filing', date: candidateOn });
    await record(zhibu, id, {
      step: 'sponsor_assignment',
      date: candidateOn,
      sponsorIds: [mentor.id, sponsor.id],
    });
    await record(zhibu, id, { step: 'political_review', date: candidateOn, passed: true });
    await record(zhibu, id, { step: 'training', date: candidateOn, days: 3, hours: 24 });
    await record(zhibu, id, { step: 'committee_review', date: candidateOn });
    await record(zzb, id, { step: 'pre_examination', date: candidateOn, passed: true });
    await record(zhibu, id, { step: 'application_form', date: candidateOn });

    // 15–17: 支部大会 with votes, 上级谈话, then 审批 by zzb in the UI → 预备党员 on the roster.
    await moveClock(490, id, candidateOn);
    const resolutionOn = today();
    const votes = { entitled: 10, presentEntitled: 9, votesFor: 9, votesAgainst: 0, abstentions: 0 };
    await record(zhibu, id, {
      step: 'admission_meeting',
      date: resolutionOn,
      votes,
      publicNotice: notice(resolutionOn),
    });
    await record(zhibu, id, { step: 'superior_talk', date: resolutionOn, talkerRole: 'organiser' });
    await signIn(page, 'zzb');
    await page.goto(`/recruitment/${id}`);
    await page.getByTestId('recruitment-next-step').click();
    await page.getByLabel('批准', { exact: true }).check();
    posted = stepDone();
    await page.getByTestId('recruitment-step-submit').click();
    expect((await posted).status()).toBe(200);
    await page.goto(`/members?q=${encodeURIComponent(name)}`);
    const row = page.getByRole('row', { name: new RegExp(name) });
    await expect(row).toContainText('预备党员');

    // 18–22: 备案, 编入党小组, 宣誓; the 预备期 ends a year after the resolution: 考察, 转正申请.
    await record(zzb, id, { step: 'admission_filing', date: resolutionOn });
    await record(zhibu, id, { step: 'group_placement', date: resolutionOn, groupId: null });
    const dossier = await record(zhibu, id, { step: 'oath', date: resolutionOn });
    const end = dossier.probationEndOn;
    expect(end).not.toBeNull();
    if (!end) return;
    const endOffset = 490 + Math.round((Date.parse(end) - Date.parse(resolutionOn)) / dayMs);
    await moveClock(endOffset, id, resolutionOn);
    await record(zhibu, id, { step: 'probation_review', date: end });
    await record(zhibu, id, { step: 'confirmation_application', date: end });
    // 23–24: 支部大会 转正 and 审批 (zzb) → 正式党员 with the 转正日期.
    await record(zhibu, id, {
      step: 'confirmation_meeting',
      date: end,
      decision: 'confirm',
      votes,
      publicNotice: notice(end),
    });
    await record(zzb, id, { step: 'confirmation_approval', date: end });
    await signIn(page, 'zzb');
    await page.goto(`/members/${dossier.person.id}`);
    await expect(page.getByText('正式党员').first()).toBeVisible();
    await expect(page.getByText(end).first()).toBeVisible();
  } finally {
    setClockOffset(0);
    await zhibuApi.dispose();
    await zzbApi.dispose();
  }
});
