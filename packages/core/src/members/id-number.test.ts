import { describe, expect, it } from 'vitest';
import {
  idNumberCheckChar,
  isValidPhone,
  maskIdNumber,
  maskPhone,
  normaliseIdNumber,
  parseIdNumber,
} from './id-number.ts';

/** Builds a valid number from its first 17 digits. */
const valid = (body: string) => `${body}${idNumberCheckChar(body)}`;

describe('parseIdNumber (GB 11643-1999)', () => {
  it('accepts the standard example and reads birth date and gender', () => {
    // The worked example of GB 11643-1999 Appendix: 11010519491231002X.
    expect(parseIdNumber('11010519491231002X')).toEqual({
      ok: true,
      facts: { idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female' },
    });
    const male = valid('33010819900101001');
    expect(parseIdNumber(male)).toMatchObject({
      ok: true,
      facts: { gender: 'male', birthDate: '1990-01-01' },
    });
  });

  it.each([
    ['11010519491231002X'.replace('X', '1'), '校验位错误'],
    ['1101051949123100', '应为18位，当前 16 位'],
    ['110105194912310', '15位旧号码已停用，请填写18位号码'],
    ['1101051949123100XX', '前17位应为数字，末位为数字或X'],
    [valid('99010519900101001'), '地址码（前两位）不是有效的省级代码'],
    [valid('33010819900230001'), '出生日期码无效'],
    [valid('33010818991231001'), '出生日期码无效'],
  ])('refuses %s: %s', (id, message) => {
    expect(parseIdNumber(id)).toEqual({ ok: false, message });
  });

  it('refuses a birth date after today, accepts today', () => {
    const id = valid('33010820261121001');
    expect(parseIdNumber(id, '2026-11-20')).toEqual({ ok: false, message: '出生日期码无效' });
    expect(parseIdNumber(id, '2026-11-21').ok).toBe(true);
  });

  it('accepts 29 February only in leap years', () => {
    expect(parseIdNumber(valid('33010820000229001')).ok).toBe(true);
    expect(parseIdNumber(valid('33010819000229001')).ok).toBe(false);
  });

  it('normalises full-width digits, spaces, apostrophes and a lower-case x', () => {
    expect(normaliseIdNumber("'１１０１０５ 19491231002x")).toBe('11010519491231002X');
    expect(parseIdNumber("'１１０１０５１９４９１２３１００２ｘ").ok).toBe(true);
  });
});

describe('masking and phones', () => {
  it('masks ID numbers and phones', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('110***********002X');
    expect(maskIdNumber(null)).toBeNull();
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('0571-88886666')).toBe('057******6666');
  });

  it.each([
    ['13812345678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['0571-88886666', true],
    ['057188886666', true],
    ['88886666', false],
  ])('phone %s valid: %s', (phone, ok) => {
    expect(isValidPhone(phone)).toBe(ok);
  });
});
