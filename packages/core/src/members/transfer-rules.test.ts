import { describe, expect, it } from 'vitest';
import { createTransferBody } from '../contracts/transfer.ts';
import { transferRuleCatalogue } from '../rules/catalogue.ts';
import { transferStatusesByKind } from './transfer-dictionaries.ts';
import {
  allowedTransferActions,
  checkIncomingLetter,
  checkInternalRequest,
  checkOutgoingLetter,
  checkPlacementDate,
  checkReceiptDate,
  checkTransferDate,
  checkTransfers,
  checkValidDays,
  decidingSide,
  defaultValidDays,
  type InternalTarget,
  internalTransferPendingDays,
  isReceiptOverdue,
  letterExpiresOn,
  type TransferFacts,
  type TransferState,
} from './transfer-rules.ts';

const today = '2026-06-15';
const paths = (problems: { path: string }[]) => problems.map((p) => p.path);

describe('letter validity', () => {
  it('defaults to 10 days in the same city and 30 elsewhere', () => {
    expect(defaultValidDays(true)).toBe(10);
    expect(defaultValidDays(false)).toBe(30);
  });

  it.each([
    [1, true],
    [30, true],
    [90, true],
    [0, false],
    [91, false],
    [120, false],
    [10.5, false],
  ])('%s days valid: %s', (days, ok) => {
    expect(checkValidDays(days).length === 0).toBe(ok);
  });

  it('says why in Chinese, naming the field', () => {
    expect(checkValidDays(91)[0]?.message).toMatch(/^有效期（天）：.*3个月/);
  });

  it('counts from the day after issue (民法典 第二百零一条)', () => {
    expect(letterExpiresOn('2026-06-01', 30)).toBe('2026-07-01');
    expect(letterExpiresOn('2026-12-25', 10)).toBe('2027-01-04');
    expect(letterExpiresOn('2026-01-31', 1)).toBe('2026-02-01');
  });
});

describe('isReceiptOverdue', () => {
  const letter = {
    kind: 'outgoing' as const,
    status: 'issued' as const,
    expiresOn: '2026-06-14',
    receiptOn: null,
  };
  it.each([
    ['the day after expiry, no receipt', letter, true],
    ['on the expiry day', { ...letter, expiresOn: today }, false],
    ['receipt back', { ...letter, status: 'completed' as const, receiptOn: '2026-06-10' }, false],
    ['cancelled', { ...letter, status: 'cancelled' as const }, false],
    ['an incoming letter', { ...letter, kind: 'incoming' as const, status: 'registered' as const }, false],
  ])('%s → %s', (_name, t, expected) => {
    expect(isReceiptOverdue(t, today)).toBe(expected);
  });
});

describe('checkInternalRequest', () => {
  const target: InternalTarget = {
    fromOrgId: 1,
    toOrgId: 2,
    toOrgType: 'branch',
    toParentType: 'general_branch',
    toArchived: false,
  };
  it.each([
    ['another branch', {}, today, []],
    ['a joint branch', { toOrgType: 'joint_branch' }, today, []],
    ['a group of a branch', { toOrgType: 'group', toParentType: 'branch' }, today, []],
    ['the same org', { toOrgId: 1 }, today, ['toOrgId']],
    ['a temporary branch', { toOrgType: 'temporary_branch' }, today, ['toOrgId']],
    ['a general branch', { toOrgType: 'general_branch', toParentType: 'committee' }, today, ['toOrgId']],
    [
      'a group of a temporary branch',
      { toOrgType: 'group', toParentType: 'temporary_branch' },
      today,
      ['toOrgId'],
    ],
    ['an archived branch', { toArchived: true }, today, ['toOrgId']],
    ['dated tomorrow', {}, '2026-06-16', ['requestedOn']],
    ['dated last month', {}, '2026-05-15', []],
  ] as [string, Partial<InternalTarget>, string, string[]][])('%s', (_name, change, on, expected) => {
    expect(paths(checkInternalRequest({ ...target, ...change }, on, today))).toEqual(expected);
  });

  it('the other side answers', () => {
    expect(decidingSide('from')).toBe('to');
    expect(decidingSide('to')).toBe('from');
  });
});

describe('dates of the steps', () => {
  it('a transfer takes effect between the request and today', () => {
    expect(paths(checkTransferDate('2026-06-10', '2026-06-10', today))).toEqual([]);
    expect(paths(checkTransferDate('2026-06-09', '2026-06-10', today))).toEqual(['transferredOn']);
    expect(paths(checkTransferDate('2026-06-16', '2026-06-10', today))).toEqual(['transferredOn']);
  });

  it('an outgoing letter is not dated in the future and valid for at most 90 days', () => {
    expect(paths(checkOutgoingLetter({ issuedOn: today, validDays: 30 }, today))).toEqual([]);
    expect(paths(checkOutgoingLetter({ issuedOn: '2026-06-16', validDays: 91 }, today))).toEqual([
      'validDays',
      'issuedOn',
    ]);
  });

  it('a receipt comes back between issue and today', () => {
    expect(paths(checkReceiptDate('2026-06-01', '2026-06-01', today))).toEqual([]);
    expect(paths(checkReceiptDate('2026-05-31', '2026-06-01', today))).toEqual(['receiptOn']);
    expect(checkReceiptDate('2026-06-16', '2026-06-01', today)[0]?.message).toBe('回执日期：不能晚于今天');
  });

  it('an incoming letter is received within its validity', () => {
    const letter = { issuedOn: '2026-06-01', validDays: 10, receivedOn: '2026-06-11' };
    expect(paths(checkIncomingLetter(letter, today))).toEqual([]);
    const late = checkIncomingLetter({ ...letter, receivedOn: '2026-06-12' }, today);
    expect(paths(late)).toEqual(['receivedOn']);
    expect(late[0]?.message).toContain('重新开具');
    expect(paths(checkIncomingLetter({ ...letter, receivedOn: '2026-05-31' }, today))).toEqual([
      'receivedOn',
    ]);
    expect(paths(checkIncomingLetter({ ...letter, validDays: 100 }, today))).toEqual(['validDays']);
  });

  it('a member reports after the letter was received', () => {
    expect(paths(checkPlacementDate('2026-06-12', '2026-06-12', today))).toEqual([]);
    expect(paths(checkPlacementDate('2026-06-11', '2026-06-12', today))).toEqual(['placedOn']);
    expect(paths(checkPlacementDate('2026-06-16', '2026-06-12', today))).toEqual(['placedOn']);
  });
});

describe('allowedTransferActions', () => {
  const allowed = (t: TransferState, from: boolean, to: boolean) =>
    Object.entries(allowedTransferActions(t, { from, to }))
      .filter(([, ok]) => ok)
      .map(([a]) => a)
      .sort();
  const requestedByFrom: TransferState = { kind: 'internal', status: 'requested', requestedSide: 'from' };
  const requestedByTo: TransferState = { kind: 'internal', status: 'requested', requestedSide: 'to' };

  it.each([
    ['sending side of its own request', requestedByFrom, true, false, ['cancel']],
    ['receiving side of a sending request', requestedByFrom, false, true, ['confirm', 'reject']],
    ['receiving side of its own request', requestedByTo, false, true, ['cancel']],
    ['sending side of a receiving request', requestedByTo, true, false, ['confirm', 'reject']],
    ['both sides (组织部, 总支)', requestedByFrom, true, true, ['cancel', 'confirm', 'reject']],
    ['neither side', requestedByFrom, false, false, []],
    ['a completed internal transfer', { ...requestedByFrom, status: 'completed' }, true, true, []],
    [
      'an issued letter, sending side',
      { kind: 'outgoing', status: 'issued', requestedSide: null },
      true,
      false,
      ['cancel', 'downloadLetter', 'recordReceipt'],
    ],
    [
      'a letter whose receipt is back',
      { kind: 'outgoing', status: 'completed', requestedSide: null },
      true,
      false,
      ['downloadLetter'],
    ],
    ['a cancelled letter', { kind: 'outgoing', status: 'cancelled', requestedSide: null }, true, false, []],
    [
      'an incoming letter, receiving side',
      { kind: 'incoming', status: 'registered', requestedSide: null },
      false,
      true,
      ['cancel', 'place'],
    ],
    [
      'an incoming letter, someone else',
      { kind: 'incoming', status: 'registered', requestedSide: null },
      true,
      false,
      [],
    ],
  ] as [string, TransferState, boolean, boolean, string[]][])('%s', (_name, t, from, to, expected) => {
    expect(allowed(t, from, to)).toEqual(expected);
  });
});

describe('checkTransfers', () => {
  const branchA = { id: 1, name: '软件教工党支部' };
  const branchB = { id: 2, name: '网络学生党支部' };
  const letter: TransferFacts = {
    id: 1,
    kind: 'outgoing',
    status: 'issued',
    personName: '张三',
    letterNumber: '2026-001',
    externalOrgName: '中共某区委组织部',
    requestedSide: null,
    requestedOn: '2026-05-01',
    expiresOn: '2026-05-31',
    receiptOn: null,
    fromOrg: branchA,
    toOrg: null,
  };
  const request: TransferFacts = {
    id: 2,
    kind: 'internal',
    status: 'requested',
    personName: '李四',
    letterNumber: null,
    externalOrgName: null,
    requestedSide: 'from',
    requestedOn: '2026-05-31',
    expiresOn: null,
    receiptOn: null,
    fromOrg: branchA,
    toOrg: branchB,
  };

  it('an overdue receipt is a finding on the sending branch, citing its source', () => {
    const [f, ...rest] = checkTransfers([letter], today);
    expect(rest).toEqual([]);
    expect(f).toMatchObject({
      ruleId: 'transfer.receipt_overdue',
      orgId: 1,
      title: '介绍信回执逾期',
      severity: 'warning',
      dueDate: '2026-05-31',
    });
    expect(f?.message).toContain('2026-001');
    expect(f?.message).toContain('15 天');
    expect(f?.clause).toEqual(transferRuleCatalogue['transfer.receipt_overdue'].clause);
    expect(f?.clause.text).toContain('回执');
  });

  it('no finding before expiry or once the receipt is back', () => {
    expect(checkTransfers([{ ...letter, expiresOn: today }], today)).toEqual([]);
    expect(checkTransfers([{ ...letter, status: 'completed', receiptOn: '2026-06-01' }], today)).toEqual([]);
  });

  it(`an internal request waiting more than ${internalTransferPendingDays} days is on the side that must answer`, () => {
    expect(checkTransfers([request], today)).toEqual([]);
    const waiting = { ...request, requestedOn: '2026-05-30' };
    expect(checkTransfers([waiting], today).map((f) => [f.ruleId, f.orgId])).toEqual([
      ['transfer.internal_pending', 2],
    ]);
    expect(
      checkTransfers([{ ...waiting, requestedSide: 'to' }], today).map((f) => [f.ruleId, f.orgId]),
    ).toEqual([['transfer.internal_pending', 1]]);
  });
});

describe('createTransferBody', () => {
  it('refuses a validity over 90 days, naming the field', () => {
    const r = createTransferBody.safeParse({
      kind: 'outgoing',
      personId: 1,
      externalOrgName: '中共某区委组织部',
      validDays: 91,
      duesPaidUntil: '2026-06',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['validDays']);
    expect(r.error?.issues[0]?.message).toContain('90');
  });

  it('needs a member for an internal request: chosen, or named with an ID number', () => {
    const base = { kind: 'internal', requestedSide: 'to', toOrgId: 2 };
    expect(createTransferBody.safeParse(base).success).toBe(false);
    expect(createTransferBody.safeParse({ ...base, personId: 1 }).success).toBe(true);
    expect(
      createTransferBody.safeParse({ ...base, personName: '张三', idNumber: '11010519491231002X' }).success,
    ).toBe(true);
  });

  it('each kind starts in the first of its statuses', () => {
    expect(transferStatusesByKind.internal[0]).toBe('requested');
    expect(transferStatusesByKind.outgoing[0]).toBe('issued');
    expect(transferStatusesByKind.incoming[0]).toBe('registered');
  });
});
