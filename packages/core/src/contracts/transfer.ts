import { z } from 'zod';
import { genders, memberCategories, partyStatuses } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import {
  type TransferAction,
  transferActions,
  transferKinds,
  transferSides,
  transferStatuses,
} from '../members/transfer-dictionaries.ts';
import { maxLetterValidDays, minLetterValidDays } from '../members/transfer-rules.ts';
import { dbId, idParam, isoDate, text } from './common.ts';
import { createMemberBody } from './member.ts';

/** Chinese names of the request fields, for validation messages (field-labels.ts spreads them). */
export const transferFieldLabels = {
  personId: '党员',
  personName: '党员姓名',
  idNumber: '身份证号',
  toOrgId: '接收党组织',
  requestedSide: '发起方',
  requestedOn: '申请日期',
  externalOrgName: '对方党组织',
  externalUnit: '对方单位',
  externalAddress: '对方党组织地址',
  letterNumber: '介绍信编号',
  issuedOn: '开具日期',
  validDays: '有效期（天）',
  duesPaidUntil: '党费交至',
  receivedOn: '收到日期',
  person: '党员信息',
  transferredOn: '转接日期',
  receiptOn: '回执日期',
  placedOn: '报到日期',
  overdue: '回执逾期',
} as const;

const note = text(1, limits.note.max).nullable().default(null);
const requiredNote = text(2, limits.note.max);
const version = z.number().int().min(0);
const orgName = text(2, 60);
const optionalOrgText = text(1, 100).nullable().default(null);
const letterNumber = text(1, 40);
/** A month 'YYYY-MM' (党费交至). */
export const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '格式应为 YYYY-MM' });
const validDays = z
  .number()
  .int({ message: '应为整数天数' })
  .min(minLetterValidDays, { message: `至少 ${minLetterValidDays} 天` })
  .max(maxLetterValidDays, { message: `最长 ${maxLetterValidDays} 天（不超过3个月）` });

/**
 * Internal transfer, requested by either side. The sending side names the member (`personId`); the
 * receiving side, who cannot see other branches' rosters, names them by 姓名 and 身份证号.
 */
export const createInternalTransferBody = z
  .strictObject({
    kind: z.literal('internal'),
    requestedSide: z.enum(transferSides),
    personId: dbId.optional(),
    personName: text(limits.personName.min, limits.personName.max).optional(),
    idNumber: z.string().trim().max(40).optional(),
    toOrgId: dbId,
    /** Day of the request; default today. */
    requestedOn: isoDate.optional(),
    reason: note,
  })
  .refine((b) => b.personId !== undefined || (b.personName !== undefined && b.idNumber !== undefined), {
    path: ['personId'],
    message: '请选择党员，或填写党员姓名和身份证号',
  });

/** Outgoing transfer: the 介绍信 issued to a member leaving the college. */
export const createOutgoingTransferBody = z.strictObject({
  kind: z.literal('outgoing'),
  personId: dbId,
  /** 接收党组织 named on the letter. */
  externalOrgName: orgName,
  /** The unit the member goes to (去往单位). */
  externalUnit: optionalOrgText,
  externalAddress: optionalOrgText,
  /** Leave empty to take the next number of the year (e.g. 2026-015). */
  letterNumber: letterNumber.nullable().default(null),
  /** Day the letter is issued; default today. */
  issuedOn: isoDate.optional(),
  validDays,
  duesPaidUntil: yearMonth,
  reason: note,
});

/** The record of an incoming member, as on their letter and file (placed later, so no org yet). */
export const incomingPersonBody = createMemberBody.omit({ orgId: true });
export type IncomingPersonBody = z.input<typeof incomingPersonBody>;

/** Incoming transfer: a letter from elsewhere registered, the member placed in a branch later. */
export const createIncomingTransferBody = z.strictObject({
  kind: z.literal('incoming'),
  letterNumber,
  /** The org that issued the letter (转出党组织). */
  externalOrgName: orgName,
  externalUnit: optionalOrgText,
  externalAddress: optionalOrgText,
  issuedOn: isoDate,
  validDays,
  /** Day the letter reached the college; default today. */
  receivedOn: isoDate.optional(),
  duesPaidUntil: yearMonth.nullable().default(null),
  /** The branch (or 党小组) the member is to join. */
  toOrgId: dbId,
  person: incomingPersonBody,
  reason: note,
});

/** POST /api/transfers: one body per kind. */
export const createTransferBody = z.discriminatedUnion('kind', [
  createInternalTransferBody,
  createOutgoingTransferBody,
  createIncomingTransferBody,
]);
export type CreateTransferBody = z.input<typeof createTransferBody>;
export type CreateTransfer = z.output<typeof createTransferBody>;

/** POST /api/transfers/{id}/confirm: the other side accepts; the member moves on `transferredOn`. */
export const confirmTransferBody = z.strictObject({
  transferredOn: isoDate.optional(),
  reason: note,
  version,
});
/** POST /api/transfers/{id}/reject and /cancel: with the reason. */
export const rejectTransferBody = z.strictObject({ reason: requiredNote, version });
export const cancelTransferBody = z.strictObject({ reason: requiredNote, version });
/** POST /api/transfers/{id}/receipt: the 回执 came back. */
export const recordReceiptBody = z.strictObject({ receiptOn: isoDate, reason: note, version });
/** POST /api/transfers/{id}/place: the incoming member reported; default the org named at registration. */
export const placeTransferBody = z.strictObject({
  orgId: dbId.optional(),
  placedOn: isoDate.optional(),
  version,
});
/** Bodies as the client sends them (…Body) and as the server reads them after defaults. */
export type ConfirmTransferBody = z.input<typeof confirmTransferBody>;
export type RejectTransferBody = z.input<typeof rejectTransferBody>;
export type CancelTransferBody = z.input<typeof cancelTransferBody>;
export type RecordReceiptBody = z.input<typeof recordReceiptBody>;
export type PlaceTransferBody = z.input<typeof placeTransferBody>;
export type ConfirmTransfer = z.output<typeof confirmTransferBody>;
export type RejectTransfer = z.output<typeof rejectTransferBody>;
export type CancelTransfer = z.output<typeof cancelTransferBody>;
export type RecordReceipt = z.output<typeof recordReceiptBody>;
export type PlaceTransfer = z.output<typeof placeTransferBody>;

/** GET /api/transfers. `orgId`: transfers touching that org's subtree. */
export const transferListQuery = z.strictObject({
  kind: z.enum(transferKinds).optional(),
  status: z.enum(transferStatuses).optional(),
  orgId: idParam.optional(),
  /** Transfers of one member (the member's page links here). */
  personId: idParam.optional(),
  /** Name of the member or letter number. */
  q: z.string().trim().max(limits.search.max).optional(),
  /** Only letters whose 回执 is overdue. */
  overdue: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(limits.pageSize.max).default(20),
});
export type TransferListQuery = z.input<typeof transferListQuery>;

export const transferAbilities = z.object(
  Object.fromEntries(transferActions.map((a) => [a, z.boolean()])) as Record<TransferAction, z.ZodBoolean>,
);
export type TransferAbilities = z.infer<typeof transferAbilities>;

/** One transfer in the list. */
export const transferListItem = z.object({
  id: z.number(),
  kind: z.enum(transferKinds),
  status: z.enum(transferStatuses),
  /** Null for an incoming member not yet placed. */
  personId: z.number().nullable(),
  personName: z.string(),
  fromOrgId: z.number().nullable(),
  fromOrgName: z.string().nullable(),
  toOrgId: z.number().nullable(),
  toOrgName: z.string().nullable(),
  /** The party organisation outside the college (receiving one for outgoing, sending one for incoming). */
  externalOrgName: z.string().nullable(),
  requestedSide: z.enum(transferSides).nullable(),
  letterNumber: z.string().nullable(),
  issuedOn: z.string().nullable(),
  validDays: z.number().nullable(),
  expiresOn: z.string().nullable(),
  receiptOn: z.string().nullable(),
  /** Day it was requested, issued or (incoming) received. */
  requestedOn: z.string(),
  /** Day it was completed, rejected or cancelled. */
  decidedOn: z.string().nullable(),
  /** The 回执 of an outgoing letter is past the letter's validity. */
  isReceiptOverdue: z.boolean(),
  /** Days an open transfer has been waiting. */
  waitingDays: z.number().nullable(),
  version: z.number(),
  abilities: transferAbilities,
});
export type TransferListItem = z.infer<typeof transferListItem>;

export const transferPage = z.object({
  items: z.array(transferListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});
export type TransferPage = z.infer<typeof transferPage>;

/** The member as the transfer shows them; ID numbers are masked. */
export const transferPerson = z.object({
  name: z.string(),
  gender: z.enum(genders).nullable(),
  ethnicity: z.string().nullable(),
  birthDate: z.string().nullable(),
  idNumber: z.string().nullable(),
  category: z.enum(memberCategories).nullable(),
  partyStatus: z.enum(partyStatuses).nullable(),
  joinedOn: z.string().nullable(),
  confirmedOn: z.string().nullable(),
});
export type TransferPerson = z.infer<typeof transferPerson>;

/** One transfer with everything recorded on it. */
export const transferDetail = transferListItem.extend({
  externalUnit: z.string().nullable(),
  externalAddress: z.string().nullable(),
  duesPaidUntil: z.string().nullable(),
  reason: z.string().nullable(),
  decisionNote: z.string().nullable(),
  person: transferPerson.nullable(),
  requestedByName: z.string().nullable(),
  decidedByName: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TransferDetail = z.infer<typeof transferDetail>;

/** An org a member may be transferred to, college-wide (GET /api/transfers/target-orgs). */
export const transferTargetOrg = z.object({
  id: z.number(),
  name: z.string(),
  /** Names from the committee down to the parent, for telling like-named branches apart. */
  parentName: z.string().nullable(),
  /** Within the caller's scope (a receiving side may only request into its own orgs). */
  inScope: z.boolean(),
});
export type TransferTargetOrg = z.infer<typeof transferTargetOrg>;
export const transferTargetQuery = z.strictObject({
  q: z.string().trim().max(limits.search.max).optional(),
});
