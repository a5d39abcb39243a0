// Trust cases of `npm run bench`: whether a refused sign-in's time tells an unknown name from a real one,
// and what the input guard costs on the largest body the API accepts, against parsing that body.
import { maxJsonBodyBytes } from '@dangjian/core';
import type { Db } from '../src/http/context.ts';
import { findBadText } from '../src/http/input-guard.ts';

type Row = { case: string; value: string; baseline: string; ratio: string };

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

/** Median time of one sign-in refused for an unknown name, a wrong password and a locked account. */
export async function benchRefusedSignIn(db: Db, base: string, username: string, runs = 15): Promise<Row[]> {
  const attempt = async (name: string) => {
    const t0 = performance.now();
    const res = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: name, password: 'Not-The-Password-1!' }),
    });
    await res.arrayBuffer();
    if (res.status !== 401) throw new Error(`sign-in as ${name}: ${res.status}, expected 401`);
    return performance.now() - t0;
  };
  const reset = (lockedUntil: Date | null) =>
    db
      .updateTable('app_user')
      .set({ failed_attempts: 0, locked_until: lockedUntil })
      .where('username', '=', username)
      .execute();
  const unknown: number[] = [];
  const wrong: number[] = [];
  const locked: number[] = [];
  await attempt('nobody-here');
  for (let i = 0; i < runs; i++) {
    unknown.push(await attempt(`nobody-${i}`));
    await reset(null);
    wrong.push(await attempt(username));
    await reset(new Date(Date.now() + 3_600_000));
    locked.push(await attempt(username));
  }
  await reset(null);
  const w = median(wrong);
  const row = (label: string, xs: number[]) => ({
    case: `sign-in refused: ${label} (median of ${runs})`,
    value: `${median(xs).toFixed(1)} ms`,
    baseline: `${w.toFixed(1)} ms`,
    ratio: (median(xs) / w).toFixed(2),
  });
  return [
    {
      case: `sign-in refused: real name, wrong password (median of ${runs}; baseline)`,
      value: `${w.toFixed(1)} ms`,
      baseline: '-',
      ratio: '1.00',
    },
    row('unknown name', unknown),
    row('locked account', locked),
  ];
}

/** The input guard's walk of a body at the size limit, against JSON.parse of the same text. */
export function benchInputGuard(runs = 50): Row[] {
  const record = (i: number) => ({
    name: `信息工程学院软件教工党支部第${i}党小组`,
    note: '会议传达学习了最新重要讲话精神，研究了本月党员发展和党费收缴工作。\n下一步安排：',
    personIds: [i, i + 1, i + 2],
    nested: { kind: 'general_meeting', tags: ['学习', '交流', '实做'], ok: true, n: i * 1.5 },
  });
  const items: unknown[] = [];
  let text = '';
  for (let i = 0; text.length < maxJsonBodyBytes * 0.45; i += 50) {
    for (let j = 0; j < 50; j++) items.push(record(i + j));
    text = JSON.stringify({ items });
  }
  const time = (fn: () => unknown) => {
    fn();
    const xs: number[] = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      fn();
      xs.push(performance.now() - t0);
    }
    return median(xs);
  };
  const parsed = JSON.parse(text) as unknown;
  const parse = time(() => JSON.parse(text));
  const guard = time(() => {
    if (findBadText(parsed) !== null) throw new Error('the bench body should pass the guard');
  });
  const kb = (Buffer.byteLength(text) / 1024).toFixed(0);
  return [
    {
      case: `JSON.parse of a ${kb} KB body (baseline)`,
      value: `${parse.toFixed(2)} ms`,
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `input guard (NUL, control characters, lone surrogates, depth) on the same body`,
      value: `${guard.toFixed(2)} ms`,
      baseline: `${parse.toFixed(2)} ms`,
      ratio: (guard / parse).toFixed(2),
    },
  ];
}
