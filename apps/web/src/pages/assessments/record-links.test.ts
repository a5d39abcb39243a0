import { describe, expect, it } from 'vitest';
import { recordPath, uniqueRecords } from './record-links';

describe('recordPath', () => {
  it.each([
    [{ kind: 'activity', id: '12' }, '/activities/12'],
    [{ kind: 'finding', id: 'life.missing:3:2026-05' }, '/alerts/life.missing%3A3%3A2026-05'],
    [{ kind: 'rectification', id: '7' }, '/rectifications/7'],
    [{ kind: 'supervised_task', id: '9' }, '/supervised-tasks/9'],
    [{ kind: 'term', id: 'org:4' }, '/orgs/4?tab=team'],
    [{ kind: 'term', id: 'org:12:term:34' }, '/orgs/12?tab=team'],
    [{ kind: 'recruitment_step', id: 'dossier-34-event-812' }, '/recruitment/34'],
    [{ kind: 'recruitment_step', id: 'dossier-31-step-political_review' }, '/recruitment/31'],
    [{ kind: 'recruitment_step', id: 'dossier:31' }, '/recruitment/31'],
    [{ kind: 'transfer', id: 'person:5' }, '/transfers?personId=5'],
    [{ kind: 'transfer', id: '88' }, '/transfers'],
  ] as const)('%o opens %s', (ref, path) => {
    expect(recordPath(ref)).toBe(path);
  });

  it.each([
    { kind: 'activity', id: 'abc' },
    { kind: 'rectification', id: '' },
    { kind: 'term', id: '4' },
    { kind: 'recruitment_step', id: '812' },
    { kind: 'term', id: 'org:x:term:3' },
    { kind: 'recruitment_step', id: 'dossier-34-step-no_such_step' },
  ] as const)('names no page for %o', (ref) => {
    expect(recordPath(ref)).toBeNull();
  });
});

describe('uniqueRecords', () => {
  it('keeps the first of each kind and id, in order', () => {
    const refs = [
      { kind: 'activity', id: '1', label: 'a' },
      { kind: 'finding', id: '1', label: 'f' },
      { kind: 'activity', id: '1', label: 'again' },
    ] as const;
    expect(uniqueRecords(refs).map((r) => r.label)).toEqual(['a', 'f']);
  });
});
