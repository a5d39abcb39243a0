import { z } from 'zod';
import { importLayouts } from '../members/import-layout.ts';
import { idParam, pageQuery } from './common.ts';

/** Largest roster file accepted for import (the upload form checks the same number). */
export const memberImportMaxBytes = 20 * 1024 * 1024;
/** Most problems a report lists; `problemCount` still counts them all. */
export const maxReportedProblems = 2000;
/** Most created/updated rows a report lists. */
export const maxReportedRows = 1000;

/** `dry-run` checks and reports; `commit` checks again and writes everything or nothing. */
export const memberImportModes = ['dry-run', 'commit'] as const;
export type MemberImportMode = (typeof memberImportModes)[number];

/** POST /api/members/import?mode=&fileName= (the body is the raw .xlsx file). */
export const memberImportQuery = z.strictObject({
  mode: z.enum(memberImportModes).default('dry-run'),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((s) => !/\p{Cc}/u.test(s), { message: '不能包含控制字符' })
    .default('党员名册.xlsx'),
});

export const importProblemSchema = z.object({
  row: z.number(),
  /** The column's header as written in the file. */
  column: z.string(),
  /** `第12行 身份证号：校验位错误`. */
  message: z.string(),
});

/** What an import does with one row. */
export const importRowActions = ['create', 'update', 'unchanged'] as const;
export type ImportRowAction = (typeof importRowActions)[number];
export const importRowActionLabels = {
  create: '新增',
  update: '更新',
  unchanged: '无变化',
} as const satisfies Record<ImportRowAction, string>;

/** The report of a dry run or a commit. */
export const memberImportReport = z.object({
  mode: z.enum(memberImportModes),
  fileName: z.string(),
  sha256: z.string(),
  sheetName: z.string(),
  layout: z.enum(importLayouts),
  layoutLabel: z.string(),
  headerRow: z.number(),
  columns: z.array(
    z.object({ letter: z.string(), header: z.string(), field: z.string(), label: z.string() }),
  ),
  /** Columns of the file that are not read (e.g. 序号, 籍贯). */
  ignoredColumns: z.array(z.object({ letter: z.string(), header: z.string() })),
  /** Data rows read (blank rows and the template's example row not counted). */
  rowCount: z.number(),
  problemCount: z.number(),
  problems: z.array(importProblemSchema),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  /** Rows that create or change a member (the first `maxReportedRows`), with the changed fields. */
  changes: z.array(
    z.object({
      row: z.number(),
      name: z.string(),
      action: z.enum(importRowActions),
      fields: z.array(z.string()),
    }),
  ),
  committed: z.boolean(),
  /** The history entry a commit wrote. */
  importId: z.number().nullable(),
  /** The last time this very file (same sha256) was imported. */
  previousImport: z.object({ id: z.number(), at: z.string(), actorName: z.string().nullable() }).nullable(),
});
export type MemberImportReport = z.infer<typeof memberImportReport>;

/** GET /api/members/imports. */
export const memberImportListQuery = pageQuery.strict();

export const memberImportListItem = z.object({
  id: z.number(),
  fileName: z.string(),
  sha256: z.string(),
  layout: z.string(),
  actorName: z.string().nullable(),
  at: z.string(),
  rowCount: z.number(),
  createdCount: z.number(),
  updatedCount: z.number(),
  unchangedCount: z.number(),
});
export type MemberImportListItem = z.infer<typeof memberImportListItem>;

export const memberImportPage = z.object({
  items: z.array(memberImportListItem),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

/** GET /api/members/roster.docx?orgId=: the printable roster of one branch (or 党小组). */
export const memberRosterQuery = z.strictObject({ orgId: idParam });
