import { describe, expect, it } from 'vitest';
import { parseStepRefId, parseTermRefId, stepRefId, termRefId } from './record-refs.ts';

describe('term ref ids', () => {
  it('round-trips the org and the term', () => {
    expect(termRefId(12, 34)).toBe('org:12:term:34');
    expect(parseTermRefId(termRefId(12, 34))).toEqual({ orgId: 12, termId: 34 });
  });

  it.each([
    ['org:4', { orgId: 4, termId: null }],
    [' org:4:term:9 ', { orgId: 4, termId: 9 }],
    ['4', null],
    ['org:0:term:3', null],
    ['org:4:term:', null],
    ['org:4:term:x', null],
    ['org:4:term:3:x', null],
    ['term:3', null],
  ] as const)('%s reads as %o', (id, parts) => {
    expect(parseTermRefId(id)).toEqual(parts);
  });
});

describe('step ref ids', () => {
  it('round-trips a taken step and one not taken', () => {
    expect(stepRefId(34, { eventId: 812 })).toBe('dossier-34-event-812');
    expect(stepRefId(34, { step: 'political_review' })).toBe('dossier-34-step-political_review');
    expect(parseStepRefId('dossier-34-event-812')).toEqual({ recruitmentId: 34, eventId: 812, step: null });
    expect(parseStepRefId('dossier-34-step-political_review')).toEqual({
      recruitmentId: 34,
      eventId: null,
      step: 'political_review',
    });
  });

  it.each([
    ['dossier:31', { recruitmentId: 31, eventId: null, step: null }],
    ['dossier-31', { recruitmentId: 31, eventId: null, step: null }],
    ['812', null],
    ['dossier-31-step-no_such_step', null],
    ['dossier-31-event-abc', null],
    ['dossier-31-event-0', null],
    ['dossier-x-event-3', null],
    ['dossier-31-event-3-4', null],
  ] as const)('%s reads as %o', (id, parts) => {
    expect(parseStepRefId(id)).toEqual(parts);
  });
});
