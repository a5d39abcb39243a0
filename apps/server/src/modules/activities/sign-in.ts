import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError, checkPlace, type SignInCodeResponse, type SignInResult, signInCode } from '@dangjian/core';
import type { Db } from '../../http/context.ts';
import * as repo from './repo.ts';

/*
 * Sign-in by rotating QR code. The meeting screen shows a token `${activityId}.${window}.${mac}`
 * (base64url), where window = floor(epoch seconds / rotateSeconds) and mac = HMAC-SHA256 of
 * `${activityId}.${window}` under the activity's secret, truncated to 128 bits. A token is accepted
 * in its own window and `graceWindows` after, so a photo forwarded later is refused as expired.
 *
 * The write is one conditional UPDATE (attendee still expected or on leave, activity held with
 * sign-in open), so a replayed or concurrent request can count a person at most once. Sign-ins do not
 * go through runWrite: the audit log appends under one advisory lock, which would serialise a burst
 * of 2,000 members; the attendee row itself records who signed in, when and how ('qr'). Manual marks
 * by the secretary are audited.
 */

const macBytes = 16;

/** The window of an instant. */
export function windowOf(now: Date): number {
  return Math.floor(now.getTime() / 1000 / signInCode.rotateSeconds);
}

function macOf(secret: string, activityId: number, window: number): Buffer {
  return createHmac('sha256', secret).update(`${activityId}.${window}`).digest().subarray(0, macBytes);
}

/** The token of a window. */
export function signInToken(secret: string, activityId: number, window: number): string {
  const mac = macOf(secret, activityId, window).toString('base64url');
  return Buffer.from(`${activityId}.${window}.${mac}`).toString('base64url');
}

/** The code the meeting screen shows now. */
export function currentCode(
  secret: string,
  activityId: number,
  now: Date,
  counts: { present: number; expected: number },
): SignInCodeResponse {
  const window = windowOf(now);
  const token = signInToken(secret, activityId, window);
  return {
    token,
    path: `/m/sign-in?t=${token}`,
    expiresAt: new Date((window + 1) * signInCode.rotateSeconds * 1000).toISOString(),
    rotateSeconds: signInCode.rotateSeconds,
    ...counts,
  };
}

/** Reads the activity id a token claims (400 when the token is not one of ours at all). */
export function parseToken(token: string): { activityId: number; window: number; mac: Buffer } {
  const parts = Buffer.from(token, 'base64url').toString('utf8').split('.');
  const [id, window, mac] = parts;
  if (parts.length !== 3 || !/^\d{1,10}$/.test(id ?? '') || !/^\d{1,12}$/.test(window ?? '') || !mac)
    throw new AppError('MALFORMED_REQUEST', '签到码格式错误，请扫描会场屏幕上的二维码');
  return { activityId: Number(id), window: Number(window), mac: Buffer.from(mac, 'base64url') };
}

/** Checks a token against the activity's secret and the clock; throws when forged, foreign or expired. */
export function verifyToken(token: string, activityId: number, secret: string, now: Date): void {
  const t = parseToken(token);
  if (t.activityId !== activityId) throw new AppError('SIGN_IN_CODE_INVALID', '该签到码不属于本次活动');
  const expected = macOf(secret, activityId, t.window);
  if (t.mac.length !== expected.length || !timingSafeEqual(t.mac, expected))
    throw new AppError('SIGN_IN_CODE_INVALID');
  const current = windowOf(now);
  if (t.window > current) throw new AppError('SIGN_IN_CODE_INVALID');
  if (t.window < current - signInCode.graceWindows) throw new AppError('SIGN_IN_CODE_EXPIRED');
}

interface SignInState {
  title: string;
  secret: string;
  open: boolean;
  check: { lat: number; lng: number; radiusM: number } | null;
  loadedAt: number;
}

/** What sign-in needs of an activity, kept briefly so a burst does not reread it. */
const cache = new Map<number, SignInState>();
const cacheMs = 5_000;

/** Forgets the cached state of an activity (after any change of its status or place check). */
export function forgetSignInState(activityId: number): void {
  cache.delete(activityId);
}

async function signInState(db: Db, activityId: number): Promise<SignInState | null> {
  const hit = cache.get(activityId);
  // The cache's age is process time (how long ago we read the row), not the college's now.
  if (hit && Date.now() - hit.loadedAt < cacheMs) return hit;
  const a = await repo.signInRow(db, activityId);
  if (!a) return null;
  const state: SignInState = {
    title: a.title,
    secret: a.sign_in_secret,
    open: a.status === 'held' && a.sign_in_open,
    check:
      a.check_lat !== null && a.check_lng !== null && a.check_radius_m !== null
        ? { lat: a.check_lat, lng: a.check_lng, radiusM: a.check_radius_m }
        : null,
    loadedAt: Date.now(),
  };
  if (cache.size > 1_000) cache.clear();
  cache.set(activityId, state);
  return state;
}

/**
 * Signs the caller in with a scanned token. A second sign-in answers `already: true` and changes
 * nothing. Only people on the attendee list may sign in; the list itself is never revealed.
 */
export async function signIn(
  db: Db,
  personId: number | null,
  activityId: number,
  body: { token: string; lat?: number | undefined; lng?: number | undefined },
  now: Date,
): Promise<SignInResult> {
  const state = await signInState(db, activityId);
  if (!state) throw new AppError('NOT_FOUND');
  verifyToken(body.token, activityId, state.secret, now);
  if (personId === null) throw new AppError('NOT_INVITED', '您的账号未关联党员信息，不能签到');
  if (!state.open) throw new AppError('SIGN_IN_CLOSED');
  if (state.check) {
    if (body.lat === undefined || body.lng === undefined)
      throw new AppError('VALIDATION_FAILED', '本次活动需核验签到位置，请允许获取位置后重试', {
        fields: [{ path: 'lat', message: '位置：本次活动需核验签到位置' }],
      });
    const place = checkPlace(state.check, { lat: body.lat, lng: body.lng });
    const d = place.distanceM;
    if (!place.within)
      throw new AppError(
        'SIGN_IN_OUT_OF_PLACE',
        `当前位置距会场约 ${Math.round(d)} 米，超出 ${state.check.radiusM} 米的签到范围`,
      );
  }
  const updated = await repo.signInByQr(db, activityId, personId, now);
  if (updated)
    return {
      activityId,
      title: state.title,
      signedInAt: new Date(updated.signed_in_at!).toISOString(),
      already: false,
    };
  const row = await repo.attendeeSignInState(db, activityId, personId);
  if (!row) throw new AppError('NOT_INVITED');
  if (row.status === 'present' && row.signed_in_at)
    return {
      activityId,
      title: state.title,
      signedInAt: new Date(row.signed_in_at).toISOString(),
      already: true,
    };
  throw new AppError('SIGN_IN_CLOSED');
}
