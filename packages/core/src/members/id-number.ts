import { isIsoDate } from '../dates.ts';
import type { Gender } from '../dictionaries.ts';

/** Weights of the 17 body digits of a citizen ID number (GB 11643-1999 §6, ISO 7064 MOD 11-2). */
const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
/** Check character for each value of the weighted sum mod 11. */
const checkChars = '10X98765432';
/** First two digits: the provinces, autonomous regions and municipalities of GB/T 2260 (plus 港澳台). */
const provinceCodes = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
  '83',
]);

/** What a valid ID number says about its holder. */
export interface IdNumberFacts {
  idNumber: string;
  birthDate: string;
  gender: Gender;
}

export type IdNumberResult = { ok: true; facts: IdNumberFacts } | { ok: false; message: string };

/**
 * Brings typed or pasted text to canonical form: full-width digits and letters become ASCII,
 * spaces and a leading apostrophe (Excel's text marker) go, a lower-case x becomes X.
 */
export function normaliseIdNumber(raw: string): string {
  return toHalfWidth(raw).replace(/^'+/, '').replace(/\s+/g, '').toUpperCase();
}

/** Full-width ASCII variants (U+FF01–FF5E) and the ideographic space to their ASCII forms. */
export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}

/** The check character an 18-character ID number must end with, from its first 17 digits. */
export function idNumberCheckChar(body17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * (weights[i] ?? 0);
  return checkChars[sum % 11] ?? '';
}

/**
 * Checks a 公民身份号码 (GB 11643-1999): 18 characters, a known province, a real birth date not in
 * the future, and the MOD 11-2 check character. 15-digit numbers were replaced in 1999 and are
 * refused. Messages name the problem in Chinese, without the field name.
 */
export function parseIdNumber(raw: string, today?: string): IdNumberResult {
  const id = normaliseIdNumber(raw);
  if (/^\d{15}$/.test(id)) return { ok: false, message: '15位旧号码已停用，请填写18位号码' };
  if (id.length !== 18) return { ok: false, message: `应为18位，当前 ${id.length} 位` };
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, message: '前17位应为数字，末位为数字或X' };
  if (!provinceCodes.has(id.slice(0, 2))) return { ok: false, message: '地址码（前两位）不是有效的省级代码' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isIsoDate(birthDate) || birthDate < '1900-01-01' || (today !== undefined && birthDate > today))
    return { ok: false, message: '出生日期码无效' };
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return { ok: false, message: '校验位错误' };
  const gender: Gender = Number(id[16]) % 2 === 1 ? 'male' : 'female';
  return { ok: true, facts: { idNumber: id, birthDate, gender } };
}

/** An ID number as lists show it to those who may not see it: 320***********123X. */
export function maskIdNumber(id: string | null): string | null {
  if (id === null) return null;
  if (id.length <= 7) return '*'.repeat(id.length);
  return `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** A phone number masked the usual way: 138****5678. */
export function maskPhone(phone: string | null): string | null {
  if (phone === null) return null;
  if (phone.length <= 4) return '*'.repeat(phone.length);
  const keepStart = phone.length >= 11 ? 3 : 2;
  return `${phone.slice(0, keepStart)}${'*'.repeat(phone.length - keepStart - 4)}${phone.slice(-4)}`;
}

/** Mainland mobile (11 digits from 13–19) or a landline with area code, e.g. 0571-88886666. */
export function isValidPhone(phone: string): boolean {
  return /^1[3-9]\d{9}$/.test(phone) || /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/.test(phone);
}
