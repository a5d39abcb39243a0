import { z } from 'zod';
import { majorKinds, orgCategories, orgTypes, postCodes, teamKinds, unitKinds } from '../dictionaries.ts';
import { limits } from '../limits.ts';
import { dualLeaderKinds } from '../members/dictionaries.ts';
import { dbId, idParam, isoDate, requireChange, text } from './common.ts';

/** Abilities the server grants on a row; the UI shows buttons from these, never re-deriving rules. */
export const orgAbilities = z.object({
  edit: z.boolean(),
  createChild: z.boolean(),
  move: z.boolean(),
  archive: z.boolean(),
  editTeam: z.boolean(),
});
export type OrgAbilities = z.infer<typeof orgAbilities>;

/** One org in a list or tree. */
export const orgListItem = z.object({
  id: z.number(),
  parentId: z.number().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  type: z.enum(orgTypes),
  category: z.enum(orgCategories).nullable(),
  code: z.string().nullable(),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
  archived: z.boolean(),
  depth: z.number(),
  memberCount: z.number(),
  fullMemberCount: z.number(),
  alertCount: z.number(),
  sortOrder: z.number(),
});
export type OrgListItem = z.infer<typeof orgListItem>;

export const orgListQuery = z.strictObject({
  q: z.string().trim().max(limits.search.max).optional(),
  includeArchived: z.enum(['true', 'false']).optional(),
});

const orgFields = {
  name: text(limits.orgName.min, limits.orgName.max),
  shortName: text(1, limits.orgShortName.max).nullable().optional(),
  category: z.enum(orgCategories).nullable().optional(),
  code: z
    .string()
    .trim()
    .max(limits.orgCode.max)
    .regex(/^[0-9A-Za-z-]*$/, { message: '只能包含字母、数字和短横线' })
    .nullable()
    .optional(),
  unitId: dbId.nullable().optional(),
  majorIds: z.array(dbId).max(20).optional(),
  foundedOn: isoDate.nullable().optional(),
  sortOrder: z.number().int().min(0).max(9999).optional(),
};

export const createOrgBody = z.strictObject({
  parentId: dbId,
  type: z.enum(orgTypes),
  ...orgFields,
});
export type CreateOrgBody = z.infer<typeof createOrgBody>;

export const updateOrgBody = requireChange(
  z.strictObject({
    ...orgFields,
    name: orgFields.name.optional(),
    /** Optimistic lock: the `version` the client last read. */
    version: z.number().int().min(0),
  }),
);
export type UpdateOrgBody = z.infer<typeof updateOrgBody>;

export const moveOrgBody = z.strictObject({ parentId: dbId, version: z.number().int().min(0) });
export const archiveOrgBody = z.strictObject({
  reason: text(2, limits.note.max),
  version: z.number().int().min(0),
});

export const appointmentSchema = z.object({
  id: z.number(),
  personId: z.number(),
  personName: z.string(),
  post: z.enum(postCodes),
  termId: z.number().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  isFullMember: z.boolean(),
  isDualLeader: z.boolean(),
});
export type Appointment = z.infer<typeof appointmentSchema>;

export const termSchema = z.object({
  id: z.number(),
  orgId: z.number(),
  number: z.number(),
  teamKind: z.enum(teamKinds),
  startDate: z.string(),
  plannedEndDate: z.string(),
  actualEndDate: z.string().nullable(),
  electedOn: z.string().nullable(),
  electionRequestedOn: z.string().nullable(),
  postponedTo: z.string().nullable(),
  postponementApprovedOn: z.string().nullable(),
  isCurrent: z.boolean(),
  version: z.number(),
  team: z.array(appointmentSchema),
});
export type Term = z.infer<typeof termSchema>;

export const orgDetail = orgListItem.extend({
  path: z.array(z.object({ id: z.number(), name: z.string() })),
  foundedOn: z.string().nullable(),
  majors: z.array(z.object({ id: z.number(), name: z.string(), kind: z.enum(majorKinds) })),
  archivedAt: z.string().nullable(),
  archiveReason: z.string().nullable(),
  version: z.number(),
  terms: z.array(termSchema),
  /** Posts held outside a term: 组织员, 党小组长. */
  appointments: z.array(appointmentSchema),
  abilities: orgAbilities,
});
export type OrgDetail = z.infer<typeof orgDetail>;

export const createTermBody = z
  .strictObject({
    number: z.number().int().min(limits.termNumber.min).max(limits.termNumber.max),
    teamKind: z.enum(teamKinds),
    startDate: isoDate,
    plannedEndDate: isoDate,
    electedOn: isoDate.nullable().optional(),
    team: z
      .array(z.strictObject({ personId: dbId, post: z.enum(postCodes) }))
      .max(15)
      .default([]),
  })
  .refine((b) => b.plannedEndDate > b.startDate, {
    path: ['plannedEndDate'],
    message: '届满日期必须晚于开始日期',
  });
export type CreateTermBody = z.input<typeof createTermBody>;

export const updateTermBody = requireChange(
  z.strictObject({
    version: z.number().int().min(0),
    plannedEndDate: isoDate.optional(),
    electionRequestedOn: isoDate.nullable().optional(),
    postponedTo: isoDate.nullable().optional(),
    postponementApprovedOn: isoDate.nullable().optional(),
    teamKind: z.enum(teamKinds).optional(),
  }),
);
export type UpdateTermBody = z.infer<typeof updateTermBody>;

export const createAppointmentBody = z.strictObject({
  personId: dbId,
  post: z.enum(postCodes),
  termId: dbId.nullable().default(null),
  startDate: isoDate,
});
export type CreateAppointmentBody = z.input<typeof createAppointmentBody>;

export const endAppointmentBody = z.strictObject({ endDate: isoDate });

export const unitSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(unitKinds),
  sortOrder: z.number(),
  /** Headcounts for the 入党申请人 shares; null when not entered. */
  studentCount: z.number().nullable(),
  staffCount: z.number().nullable(),
});
export type Unit = z.infer<typeof unitSchema>;
const headcount = z.int().min(0).max(1_000_000).nullable().optional();
export const createUnitBody = z.strictObject({
  name: text(2, limits.orgName.max),
  kind: z.enum(unitKinds),
  sortOrder: z.number().int().min(0).max(9999).optional(),
  studentCount: headcount,
  staffCount: headcount,
});
export const updateUnitBody = requireChange(createUnitBody.partial());

export const majorSchema = z.object({
  id: z.number(),
  name: z.string(),
  kind: z.enum(majorKinds),
  unitId: z.number().nullable(),
  unitName: z.string().nullable(),
});
export type Major = z.infer<typeof majorSchema>;
export const createMajorBody = z.strictObject({
  name: text(2, limits.orgName.max),
  kind: z.enum(majorKinds),
  unitId: dbId.nullable(),
});

/** A person as the pickers and team lists need them. */
export const personOption = z.object({
  id: z.number(),
  name: z.string(),
  orgId: z.number().nullable(),
  orgName: z.string().nullable(),
  partyStatus: z.enum(['full', 'probationary']).nullable(),
  category: z.string(),
  isDualLeader: z.boolean(),
});
export type PersonOption = z.infer<typeof personOption>;
export const personQuery = z.strictObject({
  q: z.string().trim().max(limits.search.max).optional(),
  orgId: idParam.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export const updateDualLeaderBody = z.strictObject({
  isDualLeader: z.boolean(),
  dualLeaderKind: z.enum(dualLeaderKinds).nullable().optional(),
  dualLeaderNote: text(1, 200).nullable().optional(),
});
