// The app on one database in a process of its own (bench/findings.ts, mixed load): its RSS is the server's
// alone, without the bench's generated data or the load generator. Reports its port over IPC, samples
// process.memoryUsage().rss every 100 ms and reports the peak when told to stop.
import { randomBytes } from 'node:crypto';
import { buildApp } from '../src/app.ts';
import { connect } from '../src/db/connect.ts';
import { createAuditKeyring } from '../src/http/audit-keyring.ts';
import { createClock } from '../src/http/clock.ts';

const url = process.env.BENCH_DB_URL;
if (!url || !process.send) throw new Error('bench/serve.ts runs as a child of bench/findings.ts');
const db = connect(url, 20);
const app = await buildApp({
  db,
  clock: createClock(),
  auditKeys: createAuditKeyring(randomBytes(32), null, 'bench'),
});
await app.listen({ port: 0, host: '127.0.0.1' });
let peakRss = process.memoryUsage().rss;
let lastRss = peakRss;
let samples = 0;
const timer = setInterval(() => {
  lastRss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, lastRss);
  samples++;
}, 100);
process.send({ port: (app.server.address() as { port: number }).port, rss: peakRss });
process.on('message', async (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  await app.close();
  await db.destroy();
  process.send!({ peakRss, samples, lastRss }, () => process.exit(0));
});
