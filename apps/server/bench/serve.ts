// The app on one database in a process of its own (bench/findings.ts, mixed load): its RSS is the server's
// alone, without the bench's generated data or the load generator. Reports its port over IPC, samples
// process.memoryUsage().rss every 100 ms and reports the peak when told to stop.
import { randomBytes } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { getHeapSpaceStatistics, writeHeapSnapshot } from 'node:v8';
import { buildApp } from '../src/app.ts';
import { connect } from '../src/db/connect.ts';
import { createAuditKeyring } from '../src/http/audit-keyring.ts';
import { createClock } from '../src/http/clock.ts';
import { tuneHeap } from '../src/memory.ts';

// As the platform starts (main.ts).
tuneHeap();
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
// How long callbacks waited for the event loop (every await of every request pays it).
const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
// What the RSS is made of at its peak (V8's heap, buffers outside it), for the bench's note.
let atPeak = process.memoryUsage();
let spacesAtPeak = '';
const timer = setInterval(() => {
  const m = process.memoryUsage();
  lastRss = m.rss;
  if (m.rss > peakRss) {
    atPeak = m;
    spacesAtPeak = getHeapSpaceStatistics()
      .filter((x) => x.space_size > 4 * 1024 * 1024)
      .map(
        (x) =>
          `${x.space_name} ${(x.space_size / 1024 / 1024).toFixed(0)}/${(x.space_used_size / 1024 / 1024).toFixed(0)} MB`,
      )
      .join(', ');
  }
  peakRss = Math.max(peakRss, lastRss);
  samples++;
}, 100);
process.send({ port: (app.server.address() as { port: number }).port, rss: peakRss });
process.on('message', async (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  if (process.env.BENCH_HEAP_SNAPSHOT) writeHeapSnapshot(process.env.BENCH_HEAP_SNAPSHOT);
  await app.close();
  await db.destroy();
  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(0)} MB`;
  const lag = (q: number) => `${(loopDelay.percentile(q) / 1e6).toFixed(0)} ms`;
  console.log(
    `bench server event-loop delay: p50 ${lag(50)}, p99 ${lag(99)}, max ${(loopDelay.max / 1e6).toFixed(0)} ms`,
  );
  console.log(
    `bench server at its peak RSS ${mb(atPeak.rss)}: heap used ${mb(atPeak.heapUsed)} of ${mb(atPeak.heapTotal)}, external ${mb(atPeak.external)} (array buffers ${mb(atPeak.arrayBuffers)}); spaces (size/used) ${spacesAtPeak}`,
  );
  process.send!({ peakRss, samples, lastRss }, () => process.exit(0));
});
