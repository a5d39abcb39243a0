import { scoreAssessment, systemFromTemplate } from '@dangjian/core';
import { describe, expect, it } from 'vitest';
import {
  formatEntryValue,
  initialFormValues,
  isJudgeable,
  mapBodyErrors,
  passesGeneralBranch,
  scoreItems,
  toOrgAssessmentBody,
} from './scorecard-model';

const system = systemFromTemplate('star_branch', 2026);
const score = scoreAssessment(
  system,
  {
    team_findings_open: { value: 0, detail: null, records: [] },
    rectifications_overdue: { value: 2, detail: null, records: [] },
  },
  [{ itemId: 'A4', level: 'self', value: 2, comment: '分工明确', links: [] }],
  [],
);
const items = scoreItems(score);
const byId = new Map(items.map((i) => [i.id, i]));

describe('scoreItems', () => {
  it('flattens indicators dimension by dimension, then vetoes, with what is entered for each', () => {
    expect(items.map((i) => i.id).slice(0, 5)).toEqual(['A1', 'A2', 'A3', 'A4', 'B1']);
    expect(items.at(-1)?.dimensionId).toBeNull();
    expect(byId.get('A1')).toMatchObject({ kind: 'points', computed: true, max: 5 });
    expect(byId.get('A4')).toMatchObject({ kind: 'points', computed: false, max: 3 });
    expect(byId.get('B5')).toMatchObject({ kind: 'count', computed: true });
    expect(byId.get('F4')).toMatchObject({ kind: 'count', computed: false });
    expect(byId.get('V1')).toMatchObject({ kind: 'veto', computed: false });
    expect(byId.get('V2')).toMatchObject({ kind: 'veto', computed: true });
  });

  it('lets the 自评 judge the reviewer items but not vetoes or computed ones; reviewers judge vetoes', () => {
    expect(isJudgeable(byId.get('A4')!, 'self')).toBe(true);
    expect(isJudgeable(byId.get('F4')!, 'self')).toBe(true);
    expect(isJudgeable(byId.get('A1')!, 'department')).toBe(false);
    expect(isJudgeable(byId.get('V1')!, 'self')).toBe(false);
    expect(isJudgeable(byId.get('V1')!, 'general_branch')).toBe(true);
    expect(isJudgeable(byId.get('V2')!, 'department')).toBe(false);
  });
});

describe('the form and the PUT body', () => {
  const detail = {
    judgements: [
      { itemId: 'A4', level: 'self' as const, value: 2, comment: '分工明确', links: [] },
      { itemId: 'A4', level: 'general_branch' as const, value: 1.5, comment: null, links: [] },
    ],
    adjustments: [{ itemId: 'A1', level: 'general_branch' as const, value: 3, reason: '书记空缺两月' }],
  };

  it('starts from what the level entered before', () => {
    expect(initialFormValues(detail, 'self')).toEqual({
      entries: { A4: { value: 2, comment: '分工明确', links: [] } },
      overrides: {},
    });
    expect(initialFormValues(detail, 'general_branch')).toEqual({
      entries: { A4: { value: 1.5, comment: '', links: [] } },
      overrides: { A1: { value: 3, reason: '书记空缺两月' } },
    });
  });

  it('sends the judgeable items given a value, in the scorecard order, trimmed, and maps each back', () => {
    const { body, origin } = toOrgAssessmentBody(
      {
        entries: {
          F1: { value: 6, comment: '  ', links: [{ kind: 'activity', id: '3', label: '主题党日' }] },
          A4: { value: 3, comment: ' 分工明确 ' },
          B4: { value: null, comment: '未填分值' },
          A1: { value: 5 },
          V1: { value: false },
        },
        overrides: { A1: { value: 4, reason: '理由' } },
      },
      items,
      'self',
      7,
    );
    expect(body).toEqual({
      judgements: [
        { itemId: 'A4', value: 3, comment: '分工明确', links: [] },
        { itemId: 'F1', value: 6, comment: null, links: [{ kind: 'activity', id: '3', label: '主题党日' }] },
      ],
      adjustments: [],
      version: 7,
    });
    expect([...origin]).toEqual([
      ['judgements.0', ['entries', 'A4']],
      ['judgements.1', ['entries', 'F1']],
    ]);
  });

  it('sends a reviewer’s overrides of computed items and vetoes found', () => {
    const { body, origin } = toOrgAssessmentBody(
      {
        entries: { V1: { value: true, comment: '受到处分' } },
        overrides: { A1: { value: 3, reason: ' 书记空缺 ' }, B1: { value: null } },
      },
      items,
      'department',
      1,
    );
    expect(body.adjustments).toEqual([{ itemId: 'A1', value: 3, reason: '书记空缺' }]);
    expect(body.judgements).toEqual([{ itemId: 'V1', value: true, comment: '受到处分', links: [] }]);
    expect(origin.get('adjustments.0')).toEqual(['overrides', 'A1']);
    expect(origin.get('judgements.0')).toEqual(['entries', 'V1']);
  });

  it('puts the server’s messages on the fields they name', () => {
    const origin = new Map([
      ['judgements.0', ['entries', 'A4']],
      ['adjustments.0', ['overrides', 'A1']],
    ]);
    expect(
      mapBodyErrors(
        [
          { path: 'judgements.0.comment', message: '说明：审核扣分须写明理由' },
          { path: 'judgements.0.itemId', message: '指标：…' },
          { path: 'adjustments.0.reason', message: '调整理由：…' },
          { path: 'version', message: '版本' },
        ],
        origin,
      ),
    ).toEqual([
      { path: ['entries', 'A4', 'comment'], message: '说明：审核扣分须写明理由' },
      { path: ['entries', 'A4', 'value'], message: '指标：…' },
      { path: ['overrides', 'A1', 'reason'], message: '调整理由：…' },
      { path: ['version'], message: '版本' },
    ]);
  });
});

describe('formatEntryValue', () => {
  it.each([
    ['points', 2.5, '2.5 分'],
    ['count', 2, '2 项'],
    ['pass', true, '达标'],
    ['pass', false, '不达标'],
    ['veto', true, '触发'],
    ['veto', false, '未触发'],
    ['points', null, '—'],
  ] as const)('%s %o reads %s', (kind, value, text) => {
    expect(formatEntryValue(kind, value)).toBe(text);
  });
});

describe('passesGeneralBranch', () => {
  const step = (transition: 'submit_self' | 'general_branch_approve', from: string, to: string) =>
    ({ transition, from, to, byId: 1, byName: '书记', at: '2026-12-01T00:00:00Z', reason: null }) as never;
  it('reads the steps once submitted, else whether the org above is the 党委', () => {
    expect(
      passesGeneralBranch(
        { history: [step('submit_self', 'self_assessment', 'general_branch_review')], parentId: 1 },
        new Set([1]),
      ),
    ).toBe(true);
    expect(
      passesGeneralBranch(
        { history: [step('submit_self', 'self_assessment', 'department_review')], parentId: 9 },
        new Set(),
      ),
    ).toBe(false);
    expect(passesGeneralBranch({ history: [], parentId: 1 }, new Set([1]))).toBe(false);
    expect(passesGeneralBranch({ history: [], parentId: null }, new Set())).toBe(false);
    expect(passesGeneralBranch({ history: [], parentId: 9 }, new Set([1]))).toBe(true);
  });
});
