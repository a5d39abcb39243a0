// Bench cases of the roster import and export (called by run.ts): 10,000 rows imported through the
// API (dry run, then commit) and the roster exported through the API, each against exceljs doing
// only the reading or writing of the same file in the same run, with time and memory growth.
import { PassThrough, Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import {
  canHoldMembers,
  idNumberCheckChar,
  importColumnLabels,
  importTemplateColumns,
  memberColumnKeys,
  memberColumnLabels,
  type OrgType,
} from '@dangjian/core';
import ExcelJS from 'exceljs';
import type { Db } from '../src/http/context.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Runs `fn` once, sampling memory every 10 ms: time, peak heap/RSS above the start (after a GC;
 * the peak includes garbage not yet collected) and the heap still held after a GC at the end.
 */
async function measure<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; heapMb: number; rssMb: number; keptMb: number; result: T }> {
  gc();
  const start = process.memoryUsage();
  let heap = start.heapUsed;
  let rss = start.rss;
  const sample = () => {
    const m = process.memoryUsage();
    heap = Math.max(heap, m.heapUsed);
    rss = Math.max(rss, m.rss);
  };
  const timer = setInterval(sample, 10);
  const t0 = performance.now();
  const result = await fn();
  const ms = performance.now() - t0;
  sample();
  clearInterval(timer);
  gc();
  const kept = process.memoryUsage().heapUsed - start.heapUsed;
  return {
    ms,
    heapMb: (heap - start.heapUsed) / 2 ** 20,
    rssMb: (rss - start.rss) / 2 ** 20,
    keptMb: kept / 2 ** 20,
    result,
  };
}

const mb = (n: number) => `${n >= 0 ? '+' : ''}${n.toFixed(0)} MB`;
const describe = (m: { ms: number; heapMb: number; rssMb: number; keptMb: number }) =>
  `${m.ms.toFixed(0)} ms; peak heap ${mb(m.heapMb)}, RSS ${mb(m.rssMb)}; kept ${mb(m.keptMb)}`;

/** A valid roster of `count` new people spread over the college's branches, as an .xlsx file. */
async function rosterFile(db: Db, count: number): Promise<Buffer> {
  const orgs = await db
    .selectFrom('org as o')
    .leftJoin('org as p', 'p.id', 'o.parent_id')
    .select(['o.name', 'o.type', 'p.type as parent_type'])
    .where('o.archived_at', 'is', null)
    .execute();
  const names = orgs.map((o) => o.name);
  const branches = orgs
    .filter(
      (o) =>
        o.type !== 'group' &&
        canHoldMembers(o.type as OrgType, (o.parent_type as OrgType | null) ?? null) &&
        names.filter((n) => n === o.name).length === 1,
    )
    .map((o) => o.name);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('党员名册');
  ws.addRow(importTemplateColumns.map((c) => importColumnLabels[c]));
  const at = new Map(importTemplateColumns.map((c, i) => [c, i]));
  for (let i = 0; i < count; i++) {
    const birth = `19${70 + (i % 30)}${String(1 + (i % 12)).padStart(2, '0')}${String(1 + (i % 28)).padStart(2, '0')}`;
    const body = `${320102 + Math.floor(i / 1000)}${birth}${String(i % 1000).padStart(3, '0')}`;
    const row: unknown[] = new Array(importTemplateColumns.length).fill(null);
    const set = (c: (typeof importTemplateColumns)[number], v: unknown) => {
      row[at.get(c)!] = v;
    };
    set(
      'name',
      `${'王李张刘陈杨黄赵吴周'[i % 10]}${String.fromCharCode(0x4e00 + ((i * 7) % 8000))}${String.fromCharCode(0x4e00 + (i % 5000))}`,
    );
    set('idNumber', body + idNumberCheckChar(body));
    set('ethnicity', i % 20 === 0 ? '回族' : '汉族');
    set('phone', `139${String(i).padStart(8, '0')}`);
    set('education', ['大学本科', '硕士研究生', '大学专科'][i % 3]);
    set('category', '教工');
    set('partyStatus', '正式党员');
    set('joinedOn', `20${10 + (i % 10)}-07-01`);
    set('confirmedOn', `20${11 + (i % 10)}-07-01`);
    set('branchName', branches[i % branches.length]);
    set('position', '专任教师');
    set('title', ['讲师', '副教授', '教授'][i % 3]);
    ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Baseline of reading: exceljs's streaming reader over the same file, touching every cell. */
async function readOnly(file: Buffer): Promise<number> {
  let cells = 0;
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([file]), {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) for await (const row of sheet) cells += (row.values as unknown[]).length;
  return cells;
}

/** Baseline of writing: exceljs's streaming writer, the same number of rows and columns, no database. */
async function writeOnly(rows: number): Promise<number> {
  let bytes = 0;
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      done();
    },
  });
  const out = new PassThrough();
  out.pipe(sink);
  const done = finished(sink);
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('党员名册');
  ws.columns = memberColumnKeys.map((k) => ({ header: memberColumnLabels[k], key: k }));
  for (let i = 0; i < rows; i++)
    ws.addRow(memberColumnKeys.map((k, j) => (j % 3 === 0 ? i : `${memberColumnLabels[k]}${i}`))).commit();
  ws.commit();
  await wb.commit();
  await done;
  return bytes;
}

/** The import and export cases, as rows of the results table. */
export async function benchMemberIo(
  db: Db,
  base: string,
  session: { cookie: string; csrf: string },
): Promise<{ case: string; value: string; baseline: string; ratio: string }[]> {
  const count = 10_000;
  const file = await rosterFile(db, count);
  const small = await rosterFile(db, count / 5);
  const upload = async (mode: string, body = file, rows = count) => {
    const res = await fetch(`${base}/api/members/import?mode=${mode}&fileName=bench.xlsx`, {
      method: 'POST',
      headers: {
        cookie: session.cookie,
        'x-csrf-token': session.csrf,
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      },
      body,
    });
    const report = (await res.json()) as { problemCount: number; created: number; message?: string };
    if (res.status !== 200 || report.problemCount > 0 || report.created !== rows)
      throw new Error(`import ${mode}: ${res.status} ${JSON.stringify(report).slice(0, 500)}`);
    return report;
  };

  const read = await measure(() => readOnly(file));
  const drySmall = await measure(() => upload('dry-run', small, count / 5));
  const dry = await measure(() => upload('dry-run'));
  const commit = await measure(() => upload('commit'));
  const rows = [
    {
      case: `import ${count.toLocaleString('en-US')} rows: exceljs streaming read only (baseline, ${(file.length / 2 ** 20).toFixed(1)} MB file)`,
      value: describe(read),
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `import ${(count / 5).toLocaleString('en-US')} rows: dry run (POST, check + report; for scaling)`,
      value: describe(drySmall),
      baseline: `${read.ms.toFixed(0)} ms`,
      ratio: (drySmall.ms / read.ms).toFixed(2),
    },
    {
      case: `import ${count.toLocaleString('en-US')} rows: dry run (POST, check + report)`,
      value: describe(dry),
      baseline: `${read.ms.toFixed(0)} ms`,
      ratio: (dry.ms / read.ms).toFixed(2),
    },
    {
      case: `import ${count.toLocaleString('en-US')} rows: commit (POST, check again + write)`,
      value: describe(commit),
      baseline: `${read.ms.toFixed(0)} ms`,
      ratio: (commit.ms / read.ms).toFixed(2),
    },
  ];

  const exported = await measure(async () => {
    const res = await fetch(`${base}/api/members/export?columns=${memberColumnKeys.join(',')}`, {
      headers: { cookie: session.cookie },
    });
    if (res.status !== 200) throw new Error(`export: ${res.status}`);
    const bytes = Buffer.from(await res.arrayBuffer());
    return bytes;
  });
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(exported.result as unknown as ArrayBuffer);
  // The members are the rows below the header, the row the export repeats on every printed page.
  const sheet = book.worksheets[0]!;
  const exportedRows = sheet.rowCount - Number(sheet.pageSetup.printTitlesRow?.split(':')[0] ?? 1);
  const written = await measure(() => writeOnly(exportedRows));
  rows.push(
    {
      case: `export ${exportedRows.toLocaleString('en-US')} rows × ${memberColumnKeys.length} columns: exceljs streaming write only (baseline)`,
      value: describe(written),
      baseline: '-',
      ratio: '1.00',
    },
    {
      case: `export ${exportedRows.toLocaleString('en-US')} rows × ${memberColumnKeys.length} columns (GET, query + xlsx)`,
      value: describe(exported),
      baseline: `${written.ms.toFixed(0)} ms`,
      ratio: (exported.ms / written.ms).toFixed(2),
    },
  );
  return rows;
}
