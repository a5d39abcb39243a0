/**
 * LISTEN/NOTIFY between server processes on one database. Every write to the facts fires NOTIFY
 * `dj_changed` from its trigger (once per transaction); each process listening then drops its short-lived
 * caches (the compliance matrix, the security policy) and processes pending findings marks (one process
 * does the work, the others find none). A lost connection is re-established with a growing pause.
 */
import pg from 'pg';
import type { Db } from './context.ts';
import { refreshFindings } from './findings-store.ts';
import { bumpGeneration } from './generation.ts';

export const changeChannel = 'dj_changed';

export interface ChangeListener {
  stop(): Promise<void>;
}

export function startChangeListener(options: {
  connectionString: string;
  db: Db;
  /** Other caches to drop on a change (the security policy). */
  onChange?: () => void;
  log: (level: 'info' | 'warn' | 'error', msg: string) => void;
}): ChangeListener {
  let client: pg.Client | null = null;
  let stopped = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | null = null;
  let pending: NodeJS.Timeout | null = null;

  const changed = (source?: string) => {
    bumpGeneration(options.db, source ? [source] : undefined);
    options.onChange?.();
    // Notifications of a burst of writes are folded into one refresh.
    if (pending) return;
    pending = setTimeout(() => {
      pending = null;
      void refreshFindings(options.db);
    }, 20);
  };

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({
      connectionString: options.connectionString,
      application_name: 'dangjian-listen',
    });
    c.on('error', () => {});
    c.on('end', () => {
      if (client === c) client = null;
      if (!stopped) schedule();
    });
    c.on('notification', (n) => {
      // The payload names the fact table written (one notification per table and transaction).
      if (n.channel === changeChannel) changed(n.payload || undefined);
    });
    try {
      await c.connect();
      await c.query(`listen ${changeChannel}`);
      client = c;
      retryMs = 500;
      // Writes may have landed while nobody listened.
      changed();
    } catch (e) {
      options.log('warn', `数据变更监听连接失败，稍后重试：${(e as Error).message}`);
      await c.end().catch(() => {});
      schedule();
    }
  };
  const schedule = () => {
    if (timer || stopped) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, retryMs);
    retryMs = Math.min(retryMs * 2, 30_000);
  };

  void connect();
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      if (pending) clearTimeout(pending);
      await client?.end().catch(() => {});
    },
  };
}
