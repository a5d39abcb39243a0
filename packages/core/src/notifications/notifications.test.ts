import { describe, expect, it } from 'vitest';
import { goesToDigest, inQuietHours, nextDeliveryAt } from './notifications.ts';

// Instants in Asia/Shanghai (UTC+8).
const at = (local: string) => new Date(`${local}+08:00`);
const quiet = { quietStart: '22:00', quietEnd: '07:30' };

describe('quiet hours', () => {
  it('run over midnight', () => {
    expect(inQuietHours(at('2026-06-15T21:59:00'), quiet)).toBe(false);
    expect(inQuietHours(at('2026-06-15T22:00:00'), quiet)).toBe(true);
    expect(inQuietHours(at('2026-06-16T03:00:00'), quiet)).toBe(true);
    expect(inQuietHours(at('2026-06-16T07:29:00'), quiet)).toBe(true);
    expect(inQuietHours(at('2026-06-16T07:30:00'), quiet)).toBe(false);
  });

  it('within a day, and none when start equals end', () => {
    const lunch = { quietStart: '12:00', quietEnd: '13:30' };
    expect(inQuietHours(at('2026-06-15T12:30:00'), lunch)).toBe(true);
    expect(inQuietHours(at('2026-06-15T13:30:00'), lunch)).toBe(false);
    expect(inQuietHours(at('2026-06-15T03:00:00'), { quietStart: '00:00', quietEnd: '00:00' })).toBe(false);
  });

  it('hold an outside message until they end, and let it go at once outside them', () => {
    expect(nextDeliveryAt(at('2026-06-15T23:10:00'), quiet)).toEqual(at('2026-06-16T07:30:00'));
    expect(nextDeliveryAt(at('2026-06-16T05:00:00'), quiet)).toEqual(at('2026-06-16T07:30:00'));
    const noon = at('2026-06-16T12:00:00');
    expect(nextDeliveryAt(noon, quiet)).toBe(noon);
  });
});

describe('digest', () => {
  it('takes over once the day has had its share of e-mails', () => {
    expect(goesToDigest(4, 5)).toBe(false);
    expect(goesToDigest(5, 5)).toBe(true);
  });
});
