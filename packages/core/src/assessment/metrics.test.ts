import { describe, expect, it } from 'vitest';
import { assessedLevels } from './dictionaries.ts';
import { formatMetricValue, isMetricKey, metricCatalogue, metricKeys } from './metrics.ts';

/**
 * Words that would mean scoring 形式主义: photos, uploads, log-ins, online time, likes, check-ins, points rankings,
 * study notes (RULES.md §14). No metric may read such a thing.
 */
const formalismWords = [
  '照片',
  '拍照',
  '图片',
  '上传',
  '附件',
  '登录',
  '登陆',
  '在线',
  '时长',
  '点赞',
  '打卡',
  '留痕',
  '积分',
  '排名',
  '浏览',
  '学习笔记',
  '心得',
];
/** The same in the keys, as whole words of a key ('review' is not 'view'). */
const formalismKeyWords = [
  'photo',
  'photos',
  'image',
  'images',
  'upload',
  'uploads',
  'attachment',
  'attachments',
  'file',
  'files',
  'login',
  'logins',
  'log',
  'online',
  'like',
  'likes',
  'checkin',
  'check',
  'views',
  'visits',
  'points',
  'rank',
  'ranking',
  'notes',
];

describe('the metric catalogue', () => {
  it('scores nothing on photos, uploads, log-ins, online time, likes or rankings', () => {
    for (const key of metricKeys) {
      const m = metricCatalogue[key];
      const text = `${m.label} ${m.reads}`;
      for (const word of formalismWords) expect(text, `${key} mentions ${word}`).not.toContain(word);
      for (const word of key.split('_')) expect(formalismKeyWords, `${key} has ${word}`).not.toContain(word);
    }
  });

  it('covers what the issue names', () => {
    expect(metricKeys).toEqual(
      expect.arrayContaining([
        'three_meetings_one_lecture_rate',
        'findings_open',
        'findings_resolved_rate',
        'recruitment_steps_on_time_rate',
        'talk_coverage',
        'review_meeting_held',
        'member_appraisal_held',
        'term_overdue_days',
        'dual_leader_secretary',
        'rectifications_closed_on_time_rate',
      ]),
    );
  });

  it('every metric says what it reads and applies to some level', () => {
    for (const key of metricKeys) {
      const m = metricCatalogue[key];
      expect(m.label.length).toBeGreaterThan(2);
      expect(m.reads.length).toBeGreaterThan(10);
      expect(m.appliesTo.length).toBeGreaterThan(0);
      for (const l of m.appliesTo) expect(assessedLevels).toContain(l);
      expect(key.endsWith('_rate') || key.endsWith('_coverage')).toBe(m.unit === 'ratio');
    }
  });

  it('formats values for people', () => {
    expect(formatMetricValue('talk_coverage', 0.875)).toBe('87.5%');
    expect(formatMetricValue('talk_coverage', null)).toBe('不适用');
    expect(formatMetricValue('term_overdue_days', 120)).toBe('120 天');
    expect(formatMetricValue('findings_open', 3)).toBe('3');
    expect(isMetricKey('findings_open')).toBe(true);
    expect(isMetricKey('toString')).toBe(false);
  });
});
