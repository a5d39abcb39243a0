// Bench case of the compliance matrix (called by run.ts): the matrix of the whole college 10× the demo
// size over its two years of records, computed by the service (facts queries + the core engine) and
// served by GET /api/compliance, against ONE hand-written SQL aggregate of the same held counts per org
// and month in the same run. The two answers are compared, so the bench also checks the numbers.
import { addMonths, type IsoDate, lifeItems, periodOf } from '@dangjian/core';
import { sql } from 'kysely';
import type { Db } from '../src/http/context.ts';
import { computeCollegeMatrix, lifeFindings } from '../src/modules/compliance/service.ts';
import { getRuleSettings } from '../src/modules/settings/service.ts';

async function timeIt(fn: () => Promise<unknown>, runs: number): Promise<number> {
  await fn();
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - t0) / runs;
}

/**
 * Held counts per org, month and kind, in one statement: what the matrix's `held` must equal (a meeting archived
 * without its quorum was not held).
 */
async function heldBySql(db: Db, from: IsoDate, to: IsoDate) {
  const { rows } = await sql<{ org_id: number; month: string; kind: string; n: number }>`
    select a.org_id, to_char(a.on_date, 'YYYY-MM') as month, a.kind, count(*)::int as n
    from activity a
    where a.status = 'closed' and a.quorum_met is not false and a.on_date between ${from} and ${to}
    group by a.org_id, to_char(a.on_date, 'YYYY-MM'), a.kind`.execute(db);
  return rows;
}

export async function benchCompliance(
  db: Db,
  today: IsoDate,
  http: { base: string; cookie: string } | null,
): Promise<{ case: string; value: string; baseline: string; ratio: string }[]> {
  const to = periodOf(today, 'month').end;
  const from = periodOf(addMonths(`${today.slice(0, 7)}-01`, -23), 'month').start;
  const [{ n: activities }] = (
    await sql<{ n: number }>`select count(*)::int as n from activity where status = 'closed'`.execute(db)
  ).rows as [{ n: number }];
  const [{ n: attendees }] = (
    await sql<{ n: number }>`select count(*)::int as n from activity_attendee`.execute(db)
  ).rows as [{ n: number }];

  // The numbers must agree before the times mean anything.
  const matrix = await computeCollegeMatrix(db, from, to, 'month', today);
  const held = new Map<string, number>();
  const orgIds = new Set(matrix.rows.map((r) => r.orgId));
  for (const r of await heldBySql(db, from, to))
    if (orgIds.has(r.org_id) && (lifeItems as readonly string[]).includes(r.kind))
      held.set(`${r.org_id}|${r.month}|${r.kind}`, r.n);
  let cellsCompared = 0;
  for (const row of matrix.rows)
    row.cells.forEach((cell, i) => {
      const month = matrix.columns[i]!.key;
      for (const [item, n] of Object.entries(cell.held)) {
        if (item === 'first_topic') continue;
        const key = `${row.orgId}|${month}|${item}`;
        if (held.get(key) !== n)
          throw new Error(`matrix and SQL disagree at ${key}: ${n} vs ${held.get(key)}`);
        held.delete(key);
        cellsCompared += 1;
      }
    });
  if (held.size > 0) throw new Error(`SQL counts ${held.size} org-month-kinds the matrix does not show`);

  const tSql = await timeIt(() => heldBySql(db, from, to), 10);
  const tMatrix = await timeIt(() => computeCollegeMatrix(db, from, to, 'month', today), 10);
  const settings = await getRuleSettings(db);
  const tFindings = await timeIt(() => lifeFindings(db, today, settings), 5);
  const rows = [
    {
      case: `SQL aggregate: closed records per org × month × kind, 24 months (10×: ${activities} records, ${attendees} attendance rows) (baseline)`,
      value: `${tSql.toFixed(1)} ms`,
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `compliance matrix computed (uncached), 10×, 24 months: ${matrix.rows.length} rows, ${cellsCompared} held counts equal to SQL`,
      value: `${tMatrix.toFixed(1)} ms`,
      baseline: `${tSql.toFixed(1)} ms`,
      ratio: (tMatrix / tSql).toFixed(2),
    },
    {
      case: 'organisational-life findings computed (uncached), 10× (attendance aggregated per member-month in SQL)',
      value: `${tFindings.toFixed(1)} ms`,
      baseline: `${tSql.toFixed(1)} ms`,
      ratio: (tFindings / tSql).toFixed(2),
    },
  ];
  if (http) {
    const url = `${http.base}/api/compliance?unit=month&from=${from}&to=${to}`;
    const get = async () => {
      const res = await fetch(url, { headers: { cookie: http.cookie } });
      if (!res.ok) throw new Error(`GET /api/compliance: ${res.status}`);
      return res.arrayBuffer();
    };
    const t0 = performance.now();
    const body = await get();
    const cold = performance.now() - t0;
    const warm = await timeIt(get, 10);
    rows.push(
      {
        case: `GET /api/compliance, whole college 10×, 24 months, first call (${(body.byteLength / 1024).toFixed(0)} KB)`,
        value: `${cold.toFixed(1)} ms`,
        baseline: `${tSql.toFixed(1)} ms`,
        ratio: (cold / tSql).toFixed(2),
      },
      {
        case: 'GET /api/compliance, same, cached until the next write',
        value: `${warm.toFixed(1)} ms`,
        baseline: `${tSql.toFixed(1)} ms`,
        ratio: (warm / tSql).toFixed(2),
      },
    );
  }
  return rows;
}
