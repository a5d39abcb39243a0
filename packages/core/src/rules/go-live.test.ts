import { describe, expect, it } from 'vitest';
import {
  checkGoLiveDate,
  findingEndDate,
  type GoLiveSettings,
  goLiveSettingsSchema,
  isReportable,
  ruleStartDate,
} from './go-live.ts';

const goLive: GoLiveSettings = { goLiveDate: '2026-03-01', ruleStarts: [] };
const today = '2026-06-15';

describe('isReportable: a period is reported when it ends on or after the go-live date', () => {
  it.each([
    // [period, reportable, why]
    ['2026-02', false, 'month ending the day before go-live'],
    ['2025-Q4', false, 'quarter long over'],
    ['2025-2026-1', false, 'term ending 2026-02-28, the day before'],
    ['2026-03', true, 'month starting on go-live'],
    ['2026-Q1', true, 'quarter partly after go-live'],
    ['2026', true, 'year partly after go-live'],
    ['2025-2026-2', true, 'term starting on go-live'],
  ] as const)('%s → %s (%s)', (period, expected, _why) => {
    expect(isReportable({ ruleId: 'life.general_meeting_missing', period }, goLive, today)).toBe(expected);
  });

  it('a period ending exactly on the go-live day is kept', () => {
    const s = { goLiveDate: '2026-03-31', ruleStarts: [] };
    expect(isReportable({ ruleId: 'life.general_meeting_missing', period: '2026-03' }, s, today)).toBe(true);
    expect(isReportable({ ruleId: 'life.general_meeting_missing', period: '2026-02' }, s, today)).toBe(false);
  });

  it('a finding without a period (a state of today, a deadline passed) is reported as today', () => {
    expect(findingEndDate({}, today)).toBe(today);
    expect(isReportable({ ruleId: 'term.overdue' }, goLive, today)).toBe(true);
    // An unknown period key fails open: reported.
    expect(isReportable({ ruleId: 'term.overdue', period: 'bogus' }, goLive, today)).toBe(true);
  });
});

describe('per-rule starts', () => {
  const s: GoLiveSettings = {
    goLiveDate: '2026-03-01',
    ruleStarts: [
      { ruleId: 'life.first_topic_missing', startsOn: '2026-05-01' },
      { ruleId: 'life.lecture_missing', startsOn: '2025-01-01' },
    ],
  };
  it('the later of go-live and the rule own start counts', () => {
    expect(ruleStartDate(s, 'life.first_topic_missing')).toBe('2026-05-01');
    expect(ruleStartDate(s, 'life.lecture_missing')).toBe('2026-03-01');
    expect(ruleStartDate(s, 'life.general_meeting_missing')).toBe('2026-03-01');
  });
  it('hides only that rule earlier periods', () => {
    expect(isReportable({ ruleId: 'life.first_topic_missing', period: '2026-04' }, s, today)).toBe(false);
    expect(isReportable({ ruleId: 'life.first_topic_missing', period: '2026-05' }, s, today)).toBe(true);
    expect(isReportable({ ruleId: 'life.general_meeting_missing', period: '2026-04' }, s, today)).toBe(true);
  });
  it('a rule adopted from a future day reports nothing yet, state findings included', () => {
    const later: GoLiveSettings = {
      goLiveDate: '2026-03-01',
      ruleStarts: [{ ruleId: 'term.overdue', startsOn: '2026-09-01' }],
    };
    expect(isReportable({ ruleId: 'term.overdue' }, later, today)).toBe(false);
    expect(isReportable({ ruleId: 'term.overdue' }, later, '2026-09-01')).toBe(true);
  });
});

describe('the go-live settings contract', () => {
  it('go-live may be today or earlier, never later', () => {
    expect(checkGoLiveDate('2026-06-15', today)).toEqual([]);
    expect(checkGoLiveDate('2020-01-01', today)).toEqual([]);
    expect(checkGoLiveDate('2026-06-16', today)).toEqual(['启用日期不能晚于今天']);
  });
  it('refuses malformed dates, unknown rules and a rule named twice', () => {
    expect(goLiveSettingsSchema.safeParse({ goLiveDate: '2026-02-30', ruleStarts: [] }).success).toBe(false);
    expect(
      goLiveSettingsSchema.safeParse({
        goLiveDate: '2026-02-01',
        ruleStarts: [{ ruleId: 'no.such_rule', startsOn: '2026-03-01' }],
      }).success,
    ).toBe(false);
    const twice = { ruleId: 'life.lecture_missing', startsOn: '2026-03-01' };
    expect(
      goLiveSettingsSchema.safeParse({ goLiveDate: '2026-02-01', ruleStarts: [twice, twice] }).success,
    ).toBe(false);
    expect(goLiveSettingsSchema.safeParse({ goLiveDate: '2026-02-01', ruleStarts: [twice] }).success).toBe(
      true,
    );
  });
});
