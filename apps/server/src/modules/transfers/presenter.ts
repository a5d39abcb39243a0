import {
  daysBetween,
  type Gender,
  isReceiptOverdue,
  type MemberCategory,
  maskIdNumber,
  openTransferStatuses,
  type PartyStatus,
  type TransferAbilities,
  type TransferDetail,
  type TransferListItem,
  type TransferPerson,
} from '@dangjian/core';
import type { listTransferRows, TransferRow } from './repo.ts';

type ListRow = Awaited<ReturnType<typeof listTransferRows>>['rows'][number];

/** The incoming member's record as stored on the transfer (camelCase MemberRecord without org). */
export interface PersonSnapshot {
  name: string;
  gender: Gender | null;
  ethnicity: string | null;
  birthDate: string | null;
  idNumber: string;
  category: MemberCategory;
  partyStatus: PartyStatus;
  joinedOn: string | null;
  confirmedOn: string | null;
  phone: string | null;
}

/** A transfer row as the list shows it. */
export function presentTransfer(r: ListRow, abilities: TransferAbilities, today: string): TransferListItem {
  const kind = r.kind;
  const status = r.status;
  const open = (openTransferStatuses as readonly string[]).includes(status);
  return {
    id: r.id,
    kind,
    status,
    personId: r.person_id,
    personName: r.person_name,
    fromOrgId: r.from_org_id,
    fromOrgName: r.from_org_name,
    toOrgId: r.to_org_id,
    toOrgName: r.to_org_name,
    externalOrgName: r.external_org_name,
    requestedSide: r.requested_side,
    letterNumber: r.letter_number,
    issuedOn: r.issued_on,
    validDays: r.valid_days,
    expiresOn: r.expires_on,
    receiptOn: r.receipt_on,
    requestedOn: r.requested_on,
    decidedOn: r.decided_on,
    isReceiptOverdue: isReceiptOverdue(
      { kind, status, expiresOn: r.expires_on, receiptOn: r.receipt_on },
      today,
    ),
    waitingDays: open ? Math.max(0, daysBetween(r.requested_on, today)) : null,
    version: r.version,
    abilities,
  };
}

/** The member shown on a transfer: the roster record, or the letter's until placed. ID masked. */
function presentPerson(r: TransferRow): TransferPerson | null {
  if (r.person_id !== null) {
    return {
      name: r.person_name,
      gender: r.gender as Gender | null,
      ethnicity: r.ethnicity,
      birthDate: r.birth_date,
      idNumber: maskIdNumber(r.id_number),
      category: r.category,
      partyStatus: r.party_status,
      joinedOn: r.joined_on,
      confirmedOn: r.confirmed_on,
    };
  }
  const s = r.person_snapshot as PersonSnapshot | null;
  if (!s) return null;
  return {
    name: s.name,
    gender: s.gender,
    ethnicity: s.ethnicity,
    birthDate: s.birthDate,
    idNumber: maskIdNumber(s.idNumber),
    category: s.category,
    partyStatus: s.partyStatus,
    joinedOn: s.joinedOn,
    confirmedOn: s.confirmedOn,
  };
}

/** A transfer with everything recorded on it. */
export function presentTransferDetail(
  r: TransferRow,
  abilities: TransferAbilities,
  today: string,
): TransferDetail {
  return {
    ...presentTransfer(r, abilities, today),
    externalUnit: r.external_unit,
    externalAddress: r.external_address,
    duesPaidUntil: r.dues_paid_until,
    reason: r.reason,
    decisionNote: r.decision_note,
    person: presentPerson(r),
    requestedByName: r.requested_by_name,
    decidedByName: r.decided_by_name,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}
