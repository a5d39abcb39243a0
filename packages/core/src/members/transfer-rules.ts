import { addDays, daysBetween, type IsoDate } from '../dates.ts';
import type { OrgType } from '../dictionaries.ts';
import type { TransferRuleId } from '../rules/catalogue.ts';
import { type Finding, finding } from '../rules/org-rules.ts';
import type { FieldProblem } from '../rules/term-record.ts';
import { canHoldMembers } from './rules.ts';
import type { TransferAction, TransferKind, TransferSide, TransferStatus } from './transfer-dictionaries.ts';

/**
 * Validity of a 党员组织关系介绍信 in days: set per letter, at most 3 months, commonly 10 days in the
 * same city and 30 days elsewhere (RULES §6, national practice). Three months are counted as 90 days,
 * the shortest reading, so that no letter outlives the limit.
 */
export const minLetterValidDays = 1;
export const maxLetterValidDays = 90;
export const defaultLetterValidDays = { sameCity: 10, elsewhere: 30 } as const;

/**
 * Days an internal request may wait for the other side before the alert fires. A school rule with no
 * national number (kind `configurable`); a constant until a school asks to change it.
 */
export const internalTransferPendingDays = 15;

/** Default validity of a new letter: 10 days in the same city, 30 elsewhere (RULES §6). */
export function defaultValidDays(sameCity: boolean): number {
  return sameCity ? defaultLetterValidDays.sameCity : defaultLetterValidDays.elsewhere;
}

/**
 * Last day a letter is valid. A period in days starts the day after the letter is issued
 * (《中华人民共和国民法典》第二百零一条), so 30 days from 06-01 run to 07-01.
 */
export function letterExpiresOn(issuedOn: IsoDate, validDays: number): IsoDate {
  return addDays(issuedOn, validDays);
}

/**
 * The 回执 of an outgoing letter is overdue once the letter's validity has passed without it: the
 * sending 基层党委 stays responsible for the member until it comes back (RULES §6).
 */
export function isReceiptOverdue(
  t: { kind: TransferKind; status: TransferStatus; expiresOn: IsoDate | null; receiptOn: IsoDate | null },
  today: IsoDate,
): boolean {
  return (
    t.kind === 'outgoing' &&
    t.status === 'issued' &&
    t.receiptOn === null &&
    t.expiresOn !== null &&
    today > t.expiresOn
  );
}

/** Problems with a validity in days: a whole number from 1 to 90 (at most 3 months, RULES §6). */
export function checkValidDays(validDays: number): FieldProblem[] {
  if (!Number.isInteger(validDays) || validDays < minLetterValidDays || validDays > maxLetterValidDays)
    return [
      {
        path: 'validDays',
        message: `有效期（天）：应为 ${minLetterValidDays}–${maxLetterValidDays} 天（最长不超过3个月）`,
      },
    ];
  return [];
}

/** A day a thing happened: not after today, and not before `earliest` when given. */
function checkDay(
  path: string,
  label: string,
  day: IsoDate,
  today: IsoDate,
  earliest?: { day: IsoDate; label: string },
): FieldProblem[] {
  if (day > today) return [{ path, message: `${label}：不能晚于今天` }];
  if (earliest && day < earliest.day)
    return [{ path, message: `${label}：不能早于${earliest.label} ${earliest.day}` }];
  return [];
}

/** Where an internal transfer would take the member. */
export interface InternalTarget {
  fromOrgId: number;
  toOrgId: number;
  toOrgType: OrgType;
  toParentType: OrgType | null;
  toArchived: boolean;
}

/**
 * Checks an internal request: the target differs from the member's org, is active and may hold
 * members (a branch, joint branch or 党小组 of one; canHoldMembers, 支部条例 第五条), and the request
 * is not dated in the future.
 */
export function checkInternalRequest(
  t: InternalTarget,
  requestedOn: IsoDate,
  today: IsoDate,
): FieldProblem[] {
  const out: FieldProblem[] = [];
  if (t.toOrgId === t.fromOrgId) out.push({ path: 'toOrgId', message: '接收党组织：与党员现所在党组织相同' });
  else if (t.toArchived) out.push({ path: 'toOrgId', message: '接收党组织：已撤销' });
  else if (!canHoldMembers(t.toOrgType, t.toParentType))
    out.push({
      path: 'toOrgId',
      message: '接收党组织：只能是党支部、联合党支部或其党小组（临时党支部不接收组织关系）',
    });
  out.push(...checkDay('requestedOn', '申请日期', requestedOn, today));
  return out;
}

/** The side that must answer an internal request: the other one from the side that asked. */
export function decidingSide(requestedSide: TransferSide): TransferSide {
  return requestedSide === 'from' ? 'to' : 'from';
}

/** The day an internal transfer takes effect: not in the future, not before the request. */
export function checkTransferDate(
  transferredOn: IsoDate,
  requestedOn: IsoDate,
  today: IsoDate,
): FieldProblem[] {
  return checkDay('transferredOn', '转接日期', transferredOn, today, { day: requestedOn, label: '申请日期' });
}

/** An outgoing letter: a valid validity and an issue date not in the future. */
export function checkOutgoingLetter(
  l: { issuedOn: IsoDate; validDays: number },
  today: IsoDate,
): FieldProblem[] {
  return [...checkValidDays(l.validDays), ...checkDay('issuedOn', '开具日期', l.issuedOn, today)];
}

/** The 回执 comes back after the letter was issued and not in the future. */
export function checkReceiptDate(receiptOn: IsoDate, issuedOn: IsoDate, today: IsoDate): FieldProblem[] {
  return checkDay('receiptOn', '回执日期', receiptOn, today, { day: issuedOn, label: '开具日期' });
}

/**
 * An incoming letter: issued before it was received, received by today and within its validity; a
 * member who reports after the letter expired needs a new letter from the sending org (RULES §6).
 */
export function checkIncomingLetter(
  l: { issuedOn: IsoDate; validDays: number; receivedOn: IsoDate },
  today: IsoDate,
): FieldProblem[] {
  const out = [...checkValidDays(l.validDays), ...checkDay('issuedOn', '开具日期', l.issuedOn, today)];
  out.push(
    ...checkDay('receivedOn', '收到日期', l.receivedOn, today, { day: l.issuedOn, label: '开具日期' }),
  );
  if (out.length === 0) {
    const expiresOn = letterExpiresOn(l.issuedOn, l.validDays);
    if (l.receivedOn > expiresOn)
      out.push({
        path: 'receivedOn',
        message: `收到日期：介绍信已于 ${expiresOn} 过期，请党员向转出党组织重新开具介绍信`,
      });
  }
  return out;
}

/** The day an incoming member reported: not before the letter was received, not in the future. */
export function checkPlacementDate(placedOn: IsoDate, receivedOn: IsoDate, today: IsoDate): FieldProblem[] {
  return checkDay('placedOn', '报到日期', placedOn, today, { day: receivedOn, label: '收到日期' });
}

/** A transfer as far as who may act on it is concerned. */
export interface TransferState {
  kind: TransferKind;
  status: TransferStatus;
  /** Internal transfers only. */
  requestedSide: TransferSide | null;
}

/**
 * What an actor who may manage transfers can do, given which sides lie in their scope:
 * - internal, requested: the side that did not ask confirms or rejects; the side that asked cancels;
 * - outgoing, issued: the sending side records the 回执 or cancels (the letter is void);
 * - incoming, registered: the receiving side places the member or cancels;
 * - the letter of an outgoing transfer can be printed by the sending side until it is cancelled.
 */
export function allowedTransferActions(
  t: TransferState,
  covers: { from: boolean; to: boolean },
): Record<TransferAction, boolean> {
  const out: Record<TransferAction, boolean> = {
    confirm: false,
    reject: false,
    cancel: false,
    recordReceipt: false,
    place: false,
    downloadLetter: false,
  };
  if (t.kind === 'internal' && t.status === 'requested' && t.requestedSide !== null) {
    const answers = covers[decidingSide(t.requestedSide)];
    out.confirm = answers;
    out.reject = answers;
    out.cancel = covers[t.requestedSide];
  } else if (t.kind === 'outgoing') {
    out.recordReceipt = t.status === 'issued' && covers.from;
    out.cancel = t.status === 'issued' && covers.from;
    out.downloadLetter = t.status !== 'cancelled' && covers.from;
  } else if (t.kind === 'incoming' && t.status === 'registered') {
    out.place = covers.to;
    out.cancel = covers.to;
  }
  return out;
}

/** What the alerts need to know of an open transfer. */
export interface TransferFacts {
  id: number;
  kind: TransferKind;
  status: TransferStatus;
  personName: string;
  letterNumber: string | null;
  externalOrgName: string | null;
  requestedSide: TransferSide | null;
  requestedOn: IsoDate;
  expiresOn: IsoDate | null;
  receiptOn: IsoDate | null;
  /** The sending and receiving orgs of the college (branch level), when there are. */
  fromOrg: { id: number; name: string } | null;
  toOrg: { id: number; name: string } | null;
}

/**
 * Findings on open transfers:
 * - transfer.receipt_overdue, on the sending branch: a letter past its validity without a 回执 (the
 *   sending 基层党委 stays responsible until it comes back, RULES §6);
 * - transfer.internal_pending, on the side that must answer: an internal request waiting longer than
 *   internalTransferPendingDays (school rule).
 */
export function checkTransfers(
  transfers: readonly TransferFacts[],
  today: IsoDate,
): Finding<TransferRuleId>[] {
  const out: Finding<TransferRuleId>[] = [];
  for (const t of transfers) {
    if (t.fromOrg && isReceiptOverdue(t, today)) {
      out.push(
        finding(
          'transfer.receipt_overdue',
          t.fromOrg,
          `${t.personName}的组织关系介绍信（第${t.letterNumber}号）转往${t.externalOrgName}，有效期至 ${t.expiresOn}，已逾期 ${daysBetween(t.expiresOn!, today)} 天，回执尚未退回。`,
          '联系接收党组织和党员本人，催收回执；党员未报到的查明原因，必要时作废原介绍信后重新开具。收到回执后在“组织关系转接”中登记。',
          { dueDate: t.expiresOn!, subject: `transfer-${t.id}` },
        ),
      );
    }
    if (t.kind === 'internal' && t.status === 'requested' && t.requestedSide !== null) {
      const waited = daysBetween(t.requestedOn, today);
      const deciding = decidingSide(t.requestedSide) === 'from' ? t.fromOrg : t.toOrg;
      if (deciding && waited > internalTransferPendingDays)
        out.push(
          finding(
            'transfer.internal_pending',
            deciding,
            `${t.personName}由${t.fromOrg?.name ?? '原党组织'}转至${t.toOrg?.name ?? '新党组织'}的申请于 ${t.requestedOn} 提出，已等待 ${waited} 天未确认。`,
            `在“组织关系转接”中确认或退回该申请（应在 ${internalTransferPendingDays} 日内办理）。`,
            { dueDate: addDays(t.requestedOn, internalTransferPendingDays), subject: `transfer-${t.id}` },
          ),
        );
    }
  }
  return out;
}
