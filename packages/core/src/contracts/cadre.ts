/**
 * 中层干部 roster (issue 18 item 1): a cadre is a person record (a party member or not — 行政 cadres need not
 * be members) with posts: unit, post title, level, 党务/行政/双肩挑, 任职文号, start (the 党委's decision date),
 * 试用期 end, term end; ended posts stay as history; two current posts at once are 交叉任职.
 * Answers carry no ID number or phone: those stay on the person's record under the members module's masking.
 */
import { z } from 'zod';
import { cadreRotationKinds, cadreTermSettingsSchema } from '../cadres/rotation.ts';
import { dbId, idParam, isoDate, pageQuery, requireChange, text } from './common.ts';

export const cadrePostLevels = ['principal', 'deputy'] as const;
export type CadrePostLevel = (typeof cadrePostLevels)[number];
export const cadrePostLevelLabels: Record<CadrePostLevel, string> = { principal: '正职', deputy: '副职' };

export const cadreTracks = ['party', 'admin', 'both'] as const;
export type CadreTrack = (typeof cadreTracks)[number];
export const cadreTrackLabels: Record<CadreTrack, string> = { party: '党务', admin: '行政', both: '双肩挑' };

export const cadrePostInput = z
  .strictObject({
    unitId: dbId,
    title: text(1, 60),
    level: z.enum(cadrePostLevels, { message: '职级：应为正职或副职' }),
    track: z.enum(cadreTracks, { message: '类别：应为党务、行政或双肩挑' }),
    documentNo: text(1, 60).nullable().default(null),
    startOn: isoDate,
    probationEndOn: isoDate.nullable().default(null),
    termEndOn: isoDate.nullable().default(null),
    /** The school marks the post as 县处级 (its holder joins the 县处级 training class). */
    countyLevel: z.boolean({ message: '县处级：应为是或否' }).default(false),
  })
  .refine((p) => !p.probationEndOn || p.probationEndOn > p.startOn, {
    message: '试用期满日期：应晚于任职日期',
    path: ['probationEndOn'],
  })
  .refine((p) => !p.termEndOn || p.termEndOn > p.startOn, {
    message: '任期届满日期：应晚于任职日期',
    path: ['termEndOn'],
  });
export type CadrePostInput = z.output<typeof cadrePostInput>;

export const createCadreBody = z.strictObject({
  personId: dbId,
  note: text(1, 500).nullable().default(null),
  post: cadrePostInput,
});
export type CreateCadreBody = z.output<typeof createCadreBody>;

export const updateCadreBody = requireChange(
  z.strictObject({
    version: z.number().int().min(0),
    note: text(1, 500).nullable().optional(),
    /** A new post (交叉任职 when another is still held). */
    addPost: cadrePostInput.optional(),
    /** Ends a current post (免职 or 交流), keeping it as history. */
    endPost: z.strictObject({ postId: dbId, endOn: isoDate, reason: text(1, 200) }).optional(),
  }),
);
export type UpdateCadreBody = z.output<typeof updateCadreBody>;

export const cadreListQuery = pageQuery
  .extend({
    unitId: idParam.optional(),
    level: z.enum(cadrePostLevels).optional(),
    track: z.enum(cadreTracks).optional(),
    /** Only cadres with a current post still in 试用期. */
    probation: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    /** Only cadres with a current post held at least this many whole years. */
    minYearsInPost: z.coerce.number().int().min(0).max(60).optional(),
    q: text(1, 40).optional(),
  })
  .strict();
export type CadreListQuery = z.output<typeof cadreListQuery>;

export const cadrePost = z.object({
  id: z.number(),
  unitId: z.number(),
  unitName: z.string(),
  title: z.string(),
  level: z.enum(cadrePostLevels),
  track: z.enum(cadreTracks),
  documentNo: z.string().nullable(),
  startOn: z.string(),
  probationEndOn: z.string().nullable(),
  termEndOn: z.string().nullable(),
  endOn: z.string().nullable(),
  endReason: z.string().nullable(),
  /** Whole years held up to today (or the end). */
  yearsInPost: z.number(),
  inProbation: z.boolean(),
  countyLevel: z.boolean(),
  /** Since when the same post is held without a break (across reappointments). */
  inPostSince: z.string(),
  /** The day the cadre must have rotated by (the 10th anniversary of `inPostSince`, by the settings). */
  rotationDueOn: z.string(),
  /** Current posts: 'reminder' from 6 months before the rotation day, 'due' from it. */
  rotation: z.enum(['ok', 'reminder', 'due']),
  /** Terms served in the post so far, this one included. */
  consecutiveTerms: z.number(),
  /** Current posts with a term end: 'ending' within the reminder months, 'expired' after it. */
  term: z.enum(['ok', 'ending', 'expired']).nullable(),
});
export type CadrePost = z.infer<typeof cadrePost>;

export const cadreItem = z.object({
  id: z.number(),
  personId: z.number(),
  name: z.string(),
  isMember: z.boolean(),
  currentPosts: z.array(cadrePost),
  /** Two or more current posts (交叉任职, e.g. 党总支书记兼副院长). */
  concurrent: z.boolean(),
  version: z.number(),
});
export type CadreItem = z.infer<typeof cadreItem>;

export const cadrePage = z.object({
  items: z.array(cadreItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
  today: z.string(),
});

export const cadreDetail = cadreItem.extend({
  note: z.string().nullable(),
  orgName: z.string().nullable(),
  /** Every post, current and past, latest first. */
  posts: z.array(cadrePost),
  /** Every 交流 and 轮岗, latest first. */
  rotations: z.array(
    z.object({
      id: z.number(),
      kind: z.enum(cadreRotationKinds),
      onDate: z.string(),
      documentNo: z.string().nullable(),
      fromPostId: z.number(),
      fromPost: z.string(),
      toPostId: z.number(),
      toPost: z.string(),
      note: z.string().nullable(),
    }),
  ),
  canManage: z.boolean(),
});
export type CadreDetail = z.infer<typeof cadreDetail>;

/**
 * POST /api/cadres/{id}/rotations: a 交流 or 轮岗 — the current post `fromPostId` ends on `onDate` (its end reason
 * the kind and 文号) and the new post `to` starts that day, with the rotation recorded, all at once.
 */
export const cadreRotationBody = z
  .strictObject({
    version: z.number().int().min(0),
    fromPostId: dbId,
    kind: z.enum(cadreRotationKinds, { message: '方式：应为交流或轮岗' }),
    onDate: isoDate,
    documentNo: text(1, 60).nullable().default(null),
    note: text(1, 200).nullable().default(null),
    to: cadrePostInput,
  })
  .refine((b) => b.to.startOn === b.onDate, {
    message: '新任职务任职日期：应与交流轮岗日期相同',
    path: ['to', 'startOn'],
  });
export type CadreRotationBody = z.output<typeof cadreRotationBody>;

/** GET|PUT /api/settings/cadre-terms: the school's term length, consecutive terms, rotation years, reminder. */
export const cadreTermSettingsBody = cadreTermSettingsSchema;
export const cadreTermSettingsResponse = cadreTermSettingsSchema;

/** The audit log's names of the fields a cadre write records. */
export const cadreFieldLabels = {
  personId: '人员',
  note: '备注',
  version: '版本',
  post: '职务',
  addPost: '增加任职',
  endPost: '免去职务',
  postId: '职务',
  unitId: '单位',
  title: '职务名称',
  level: '职级',
  track: '类别',
  documentNo: '任职文号',
  startOn: '任职日期',
  probationEndOn: '试用期满日期',
  termEndOn: '任期届满日期',
  endOn: '免职日期',
  reason: '理由',
  countyLevel: '县处级',
  fromPostId: '原任职务',
  kind: '方式',
  onDate: '交流轮岗日期',
  to: '新任职务',
  rotationId: '交流轮岗记录',
} as const;
