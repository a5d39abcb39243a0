import { z } from 'zod';
import { type AppointmentSettings, type CadreVeto, defaultAppointmentSettings } from './appointment.ts';

/**
 * The school's settings of 选拔任用 (组织部): years as 副职 before 正职 (条例第八条: at least 2), the working days of
 * 任前公示 (第四十一条: never fewer than 5), the months of 试用期 (第四十二条: one year) and which 一票否决 apply at 考察
 * (政治素质 always may; 师德师风 is the school's own, 教师〔2018〕). The school may be stricter, never laxer.
 */
export const appointmentSettingsSchema = z.strictObject({
  deputyYearsBeforePrincipal: z.int().min(2).max(10),
  noticeWorkingDays: z.int().min(5).max(30),
  probationMonths: z.int().min(12).max(24),
  /** 政治素质考察不合格一票否决. */
  politicalVeto: z.boolean(),
  /** 师德师风考察不合格一票否决. */
  ethicsVeto: z.boolean(),
});
export type AppointmentSettingsBody = z.infer<typeof appointmentSettingsSchema>;

export const defaultAppointmentSettingsBody: AppointmentSettingsBody = {
  deputyYearsBeforePrincipal: defaultAppointmentSettings.deputyYearsBeforePrincipal,
  noticeWorkingDays: defaultAppointmentSettings.noticeWorkingDays,
  probationMonths: defaultAppointmentSettings.probationMonths,
  politicalVeto: defaultAppointmentSettings.vetoes.includes('political'),
  ethicsVeto: defaultAppointmentSettings.vetoes.includes('ethics'),
};

/** The stored settings as the procedure reads them. */
export function appointmentSettingsFrom(body: AppointmentSettingsBody): AppointmentSettings {
  const vetoes: CadreVeto[] = [];
  if (body.politicalVeto) vetoes.push('political');
  if (body.ethicsVeto) vetoes.push('ethics');
  return {
    deputyYearsBeforePrincipal: body.deputyYearsBeforePrincipal,
    noticeWorkingDays: body.noticeWorkingDays,
    probationMonths: body.probationMonths,
    vetoes,
  };
}

/** Chinese names of the settings, for validation messages and the settings form. */
export const appointmentSettingsLabels = {
  deputyYearsBeforePrincipal: '副职提任正职须任副职年限',
  noticeWorkingDays: '任前公示工作日数',
  probationMonths: '试用期（月）',
  politicalVeto: '政治素质考察一票否决',
  ethicsVeto: '师德师风考察一票否决',
} as const satisfies Record<keyof AppointmentSettingsBody, string>;
