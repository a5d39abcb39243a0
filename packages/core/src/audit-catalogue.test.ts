import { describe, expect, it } from 'vitest';
import { auditFieldLabel, auditFieldPaths, auditFieldValue } from './audit-catalogue.ts';

describe('audit fields in Chinese', () => {
  it('names every segment of a path, by the action where a name depends on it', () => {
    expect(auditFieldLabel('member.export', 'filter.orgId')).toBe('筛选条件 · 党组织');
    expect(auditFieldLabel('member.update', 'name')).toBe('姓名');
    expect(auditFieldLabel('member.update', 'title')).toBe('职称');
    expect(auditFieldLabel('activity.create', 'title')).toBe('标题');
    expect(auditFieldLabel('org.update', 'name')).toBe('组织名称');
    expect(auditFieldLabel('setting.rules.update', 'absenceWarningMonths')).toBe(
      '连续未参加组织生活预警月数',
    );
  });

  it('answers null for a field it does not know, so a test can catch it', () => {
    expect(auditFieldLabel('org.update', 'created_at')).toBeNull();
    expect(auditFieldLabel('member.export', 'filter.whatever')).toBeNull();
  });

  it('names coded values by their dictionary, by what the entry is about where codes differ', () => {
    expect(auditFieldValue('org.update', 'type', 'branch')).toBe('党支部');
    expect(auditFieldValue('org.update', 'category', 'office')).not.toBe('office');
    expect(auditFieldValue('member.update', 'partyStatus', 'probationary')).toBe('预备党员');
    expect(auditFieldValue('activity.create', 'kind', 'lecture')).toBe('党课');
    expect(auditFieldValue('org.update', 'code', null)).toBe('');
    expect(auditFieldValue('user.update', 'disabled', true)).toBe('是');
    expect(auditFieldValue('org.update', 'unitId', 23)).toBe('23');
    expect(auditFieldValue('org.update', 'name', 'x')).toBe('x');
    expect(auditFieldValue('member.export', 'filter.columns', ['name'])).toBe('["name"]');
  });

  it('flattens nested snapshots to leaves; arrays and empty objects are leaves', () => {
    const paths = auditFieldPaths({ a: 1, b: { c: [1, 2], d: {} }, e: null });
    expect([...paths.entries()]).toEqual([
      ['a', 1],
      ['b.c', [1, 2]],
      ['b.d', {}],
      ['e', null],
    ]);
    expect(auditFieldPaths(null).size).toBe(0);
    expect(auditFieldPaths('text').size).toBe(0);
  });
});
