import { describe, expect, it } from 'vitest';
import { recruitmentMaterial, recruitmentMaterials } from './materials.ts';
import { eventFor, fullWalk, fullWalkEvents } from './test-fixtures.ts';

/** The walk's events up to and including the first `n`. */
const upTo = (n: number) => fullWalkEvents.slice(0, n);
const available = (m: ReturnType<typeof recruitmentMaterial>) => (m.available ? m.onDate : m.reason);

describe('recruitmentMaterial', () => {
  it.each([
    ['talk_record', '2023-10-20'],
    ['political_review', '2025-02-20'],
    ['admission_approval', '2025-04-10'],
    ['confirmation_approval', '2026-04-10'],
  ] as const)('%s is dated by the step it documents (%s)', (kind, date) => {
    expect(available(recruitmentMaterial(fullWalkEvents, kind))).toBe(date);
  });

  it('a 公示 is dated by the first day of its recorded period', () => {
    const candidate = fullWalkEvents.find((e) => e.step === 'candidate_designation');
    const notice = 'publicNotice' in candidate! ? candidate.publicNotice : null;
    const m = recruitmentMaterial(fullWalkEvents, 'public_notice', 'candidate_designation');
    expect(m).toMatchObject({ available: true, onDate: notice!.startOn, label: '发展党员公示（发展对象）' });
    // Without a step: the latest recorded, the 转正 one.
    expect(recruitmentMaterial(fullWalkEvents, 'public_notice')).toMatchObject({
      noticeStep: 'confirmation_meeting',
      onDate: '2026-04-02',
    });
  });

  it('a material whose step is not recorded names the step', () => {
    expect(available(recruitmentMaterial(upTo(1), 'talk_record'))).toBe(
      '尚未登记第2步“党组织派人谈话”，暂不能生成',
    );
    expect(available(recruitmentMaterial(upTo(2), 'confirmation_approval'))).toBe(
      '尚未登记第23步“支部大会讨论”，暂不能生成',
    );
  });

  it('no 公示 is made up: none before its step, none when the step was recorded without one', () => {
    // Talked, and the 积极分子 step comes next: its 公示 is not recorded yet.
    expect(available(recruitmentMaterial(upTo(2), 'public_notice'))).toMatch(/^尚未登记公示期/);
    expect(available(recruitmentMaterial(upTo(2), 'public_notice', 'activist_designation'))).toBe(
      '尚未登记第3步“推荐和确定入党积极分子”及其公示期，暂不能生成',
    );
    const waived = [...upTo(2), eventFor('activist_designation', fullWalk[2]![1], { publicNotice: null })];
    expect(available(recruitmentMaterial(waived, 'public_notice', 'activist_designation'))).toBe(
      '第3步“推荐和确定入党积极分子”登记时没有公示期，不能生成公示',
    );
    expect(recruitmentMaterial(waived, 'public_notice').available).toBe(false);
  });
});

describe('recruitmentMaterials', () => {
  it('lists every kind, one 公示 per step recorded that a 公示 precedes', () => {
    expect(recruitmentMaterials(fullWalkEvents).map((m) => [m.label, m.available])).toEqual([
      ['入党申请人谈话记录', true],
      ['发展党员公示（入党积极分子）', true],
      ['发展党员公示（发展对象）', true],
      ['发展党员公示（中共预备党员）', true],
      ['发展党员公示（中共正式党员）', true],
      ['政治审查综合材料', true],
      ['接收预备党员审批表', true],
      ['预备党员转正审批表', true],
    ]);
    expect(recruitmentMaterials(upTo(1)).map((m) => [m.label, m.available])).toEqual([
      ['入党申请人谈话记录', false],
      ['发展党员公示', false],
      ['政治审查综合材料', false],
      ['接收预备党员审批表', false],
      ['预备党员转正审批表', false],
    ]);
  });
});
