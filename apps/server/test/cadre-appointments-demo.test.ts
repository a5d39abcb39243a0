/**
 * The demo's 选拔任用 (issue 18 item 2): one at 动议, one at 考察, one in 任前公示 today, one vetoed, two in 试用期 — one
 * ending within 30 days (the reminder), one over (转正 due, the finding citing 第四十二条) — each for someone who had no
 * cadre record, the two appointed now in the roster with the 党委's decision date; the 组织部 sees them, a branch
 * secretary does not.
 */
import type { CadreAppointmentItem, CadreDetail, InboxResponse } from '@dangjian/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoTestApp, demoPassword, type TestApp } from './helpers.ts';

const at = new Date('2026-12-06T02:00:00Z');
let t: TestApp;
type Client = Awaited<ReturnType<TestApp['login']>>;
let zzb: Client;

beforeAll(async () => {
  t = await createDemoTestApp(at);
  zzb = await t.login('zzb', demoPassword);
}, 180_000);
afterAll(() => t.close());

describe('the demo’s 选拔任用', () => {
  it('has one in each planted state, the 公示 window holding today', async () => {
    const res = await zzb.get('/api/cadre-appointments?pageSize=100');
    expect(res.statusCode, res.body).toBe(200);
    const { items, today } = res.json() as { items: CadreAppointmentItem[]; today: string };
    const by = (s: string) => items.filter((i) => i.status === s);
    expect(by('motion')).toHaveLength(1);
    expect(by('inspected')).toHaveLength(1);
    expect(by('vetoed')).toHaveLength(1);
    const [notice] = by('notice');
    expect(notice!.noticeStartOn! <= today && today <= notice!.noticeEndOn!).toBe(true);
    const probation = by('probation');
    expect(probation.map((p) => p.due?.kind).sort()).toEqual(['confirm', 'probation_ending']);
    for (const p of probation) {
      expect(p.cadreId).not.toBeNull();
      const cadre = (await zzb.get(`/api/cadres/${p.cadreId}`)).json() as CadreDetail;
      expect(cadre.currentPosts).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ startOn: p.decidedOn, probationEndOn: p.probationEndOn }),
        ]),
      );
    }
  });

  it('the 组织部 has the 转正 and the reminder waiting; a finding cites 第四十二条', async () => {
    const inbox = (await zzb.get('/api/inbox')).json() as InboxResponse;
    expect(inbox.items.filter((i) => i.kind === 'cadre_appointment.probation')).toHaveLength(2);
    const findings = await t.db
      .selectFrom('finding')
      .select(['rule_id', 'state'])
      .where('rule_id', 'in', ['cadre_appointment.probation_due', 'cadre_appointment.probation_ending'])
      .execute();
    expect(findings.filter((f) => f.state !== 'resolved').map((f) => f.rule_id)).toEqual(
      expect.arrayContaining(['cadre_appointment.probation_due', 'cadre_appointment.probation_ending']),
    );
  });

  it('a branch secretary sees none of it', async () => {
    const zhibu = await t.login('zhibu', demoPassword);
    expect((await zhibu.get('/api/cadre-appointments')).statusCode).toBe(403);
    const inbox = (await zhibu.get('/api/inbox')).json() as InboxResponse;
    expect(inbox.items.filter((i) => i.kind.startsWith('cadre_appointment.'))).toEqual([]);
  });
});
