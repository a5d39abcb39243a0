import {
  applySupervisedTaskTransition,
  isTaskOverdue,
  type SupervisedTaskState,
  supervisedTaskTransitions,
  supervisionSourceLabel,
} from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import { generateCollege } from './generate.ts';
import type { DemoSupervisedTask } from './types.ts';

const today = '2026-06-15';
const data = generateCollege({ scale: 1, today });
const tasks = data.supervisedTasks;

/** The state a task's timeline gives when every step is applied again with core's state machine. */
function replay(t: DemoSupervisedTask): SupervisedTaskState {
  let state: SupervisedTaskState = {
    status: 'awaiting_acceptance',
    deadline: t.originalDeadline,
    originalDeadline: t.originalDeadline,
    extensions: 0,
    extensionRequest: null,
  };
  for (const e of t.events) {
    if (e.kind === 'created' || e.kind === 'edited' || e.kind === 'progress') continue;
    expect(supervisedTaskTransitions).toContain(e.kind);
    const day = e.at.slice(0, 10);
    const out = applySupervisedTaskTransition(state, e.kind, {
      today: day,
      result: e.kind === 'report_done' ? e.note : null,
      reason: e.note ?? undefined,
      until: e.until ?? undefined,
    });
    if (!out.ok) throw new Error(`task ${t.id}: ${e.kind} refused: ${out.violations[0]!.message}`);
    expect(out.state.status).toBe(e.toStatus);
    state = out.state;
  }
  return state;
}

describe('demo supervised tasks', () => {
  it('about 30, in every state, some overdue, some with progress reports, deterministic', () => {
    expect(tasks.length).toBe(30);
    const statuses = new Set(tasks.map((t) => t.status));
    expect([...statuses].sort()).toEqual(['awaiting_acceptance', 'done', 'in_progress', 'reported_done']);
    const overdue = tasks.filter((t) => isTaskOverdue({ ...t, extensionRequest: t.extensionRequest }, today));
    expect(overdue.length).toBeGreaterThanOrEqual(4);
    expect(tasks.filter((t) => t.events.some((e) => e.kind === 'progress')).length).toBeGreaterThanOrEqual(8);
    expect(tasks.some((t) => t.extensions > 0)).toBe(true);
    expect(tasks.some((t) => t.extensionRequest !== null)).toBe(true);
    expect(generateCollege({ scale: 1, today }).supervisedTasks).toEqual(tasks);
  });

  it('each timeline replays through core to the stored state, with nothing after today', () => {
    for (const t of tasks) {
      const state = replay(t);
      expect(state).toEqual({
        status: t.status,
        deadline: t.deadline,
        originalDeadline: t.originalDeadline,
        extensions: t.extensions,
        extensionRequest: t.extensionRequest,
      });
      expect(t.version).toBe(t.events.length - 1);
      for (const e of t.events) expect(e.at.slice(0, 10) < today).toBe(true);
      const sorted = [...t.events].map((e) => e.at.slice(0, 10));
      expect(sorted).toEqual([...sorted].sort());
    }
  });

  it('each carries out a decision of a closed meeting of the org that issued it, led by a unit below it', () => {
    const orgById = new Map(data.orgs.map((o) => [o.id, o]));
    const activityById = new Map(data.activities.map((a) => [a.id, a]));
    const bySource = new Map<string, number>();
    for (const t of tasks) {
      const a = activityById.get(t.activityId)!;
      expect(a.status).toBe('closed');
      expect(a.orgId).toBe(t.issuerOrgId);
      const label = supervisionSourceLabel(a.kind, orgById.get(a.orgId)!.type);
      expect(label).not.toBeNull();
      bySource.set(
        `${label}@${orgById.get(a.orgId)!.type}`,
        (bySource.get(`${label}@${orgById.get(a.orgId)!.type}`) ?? 0) + 1,
      );
      expect(t.events[0]!.note).toBe(`${label}：${a.title}（${a.onDate}）`);
      const decision = data.resolutions.find(
        (r) => r.activityId === t.activityId && r.position === t.resolutionPosition,
      );
      expect(decision).toMatchObject({ title: t.title, content: t.content });
      expect(decision!.outcome).not.toBe('failed');
      expect(orgById.get(t.leadOrgId)!.parentId).toBe(t.issuerOrgId);
      expect(t.assistingOrgIds).not.toContain(t.leadOrgId);
      expect(t.issuedOn > a.onDate).toBe(true);
    }
    // Most from the 党委会, some from a 总支's 党务工作例会, a few from a 党政联席会; no decision supervised twice.
    expect(bySource.get('党委会@committee')!).toBeGreaterThanOrEqual(18);
    expect(bySource.get('党务工作例会@general_branch')!).toBeGreaterThanOrEqual(4);
    expect(bySource.get('党政联席会@general_branch')!).toBeGreaterThanOrEqual(2);
    expect(bySource.get('党政联席会@general_branch')!).toBeLessThanOrEqual(6);
    expect(bySource.has('党务工作例会@committee')).toBe(false);
    expect(new Set(tasks.map((t) => `${t.activityId}:${t.resolutionPosition}`)).size).toBe(tasks.length);
  });

  it('has the demo accounts on both sides: zongzhi leads some and issues some that zhibu’s branch leads', () => {
    const orgOf = (username: string) => data.accounts.find((a) => a.username === username)!.roles[0]!.orgId;
    const zongzhi = orgOf('zongzhi');
    const zhibu = orgOf('zhibu');
    expect(tasks.filter((t) => t.leadOrgId === zongzhi).length).toBeGreaterThanOrEqual(2);
    expect(tasks.filter((t) => t.issuerOrgId === zongzhi).length).toBeGreaterThanOrEqual(2);
    expect(
      tasks.filter((t) => t.issuerOrgId === zongzhi && t.leadOrgId === zhibu).length,
    ).toBeGreaterThanOrEqual(1);
  });
});
