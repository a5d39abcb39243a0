/**
 * Local receivers for the server's outside messages in the end-to-end run: an SMTP server (smtp-server) for
 * e-mail and an HTTP server for the 企业微信/钉钉 group robots' webhooks, both on 127.0.0.1 at ports derived
 * from the app's. `global-setup.ts` starts them in the Playwright runner process (they live until the run
 * ends); `playwright.config.ts` points the server at them (DJ_SMTP_URL, DJ_WEBHOOK_HOSTS). Each keeps every
 * attempt it saw, accepted or not, and the HTTP receiver lists them at `GET /__received` for the specs.
 *
 * Failures on purpose, so a flow can see the job queue retry:
 * - an e-mail to an address on the domain `retry.e2e.test` is refused (451, temporary) the first time each
 *   message (by its Message-ID) arrives, and accepted the next time;
 * - a webhook whose path starts with `/fail-once/` answers HTTP 500 to the first request with each body, and
 *   `{"errcode":0}` after.
 * Everything else is accepted at once, as the real services would.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { SMTPServer } from 'smtp-server';

/** The e-mail domain whose messages are refused once each. */
export const retryMailDomain = 'retry.e2e.test';
/** The webhook path prefix whose messages fail once each. */
export const failOncePath = '/fail-once/';

/** The app's port in the end-to-end run (E2E_PORT, default 3100). */
export const appPort = Number(process.env.E2E_PORT ?? 3100);

/** The receivers' ports, derived from the app's so two runs on different E2E_PORTs do not collide. */
export function receiverPorts(port: number): { smtp: number; webhook: number } {
  return { smtp: port + 2025, webhook: port + 2080 };
}

/** One SMTP transaction's message, as the receiver saw it. */
export interface ReceivedMail {
  at: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  accepted: boolean;
}

/** One webhook request, as the receiver saw it. */
export interface ReceivedPost {
  at: string;
  /** Path and query ('/fail-once/cgi-bin/webhook/send?key=…'). */
  url: string;
  body: unknown;
  status: number;
}

export interface Received {
  mails: ReceivedMail[];
  posts: ReceivedPost[];
}

/** Decodes RFC 2047 encoded words (=?UTF-8?B?…?= / =?UTF-8?Q?…?=) in a header value. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?([BQ])\?([^?]*)\?=/gi, (_m, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data
              .replace(/_/g, ' ')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** Header values, subject and plain text of a raw single-part e-mail (base64 or quoted-printable body). */
export function decodeMail(raw: string): { header: (name: string) => string; subject: string; text: string } {
  const split = raw.search(/\r?\n\r?\n/);
  const head = (split < 0 ? raw : raw.slice(0, split)).replace(/\r?\n[ \t]+/g, ' ');
  const body = split < 0 ? '' : raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const header = (name: string) => new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
  const encoding = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { header, subject: decodeWords(header('Subject')), text: text.replace(/\r\n/g, '\n') };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (d: Buffer) => chunks.push(d));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Starts both receivers on 127.0.0.1; answers a function that stops them. */
export async function startReceivers(ports: { smtp: number; webhook: number }): Promise<() => Promise<void>> {
  const received: Received = { mails: [], posts: [] };
  const refusedOnce = new Set<string>();
  const failedOnce = new Set<string>();

  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (d: Buffer) => chunks.push(d));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const mail = decodeMail(raw);
        const to = session.envelope.rcptTo.map((r) => r.address);
        const messageId = mail.header('Message-ID');
        const refuse =
          to.some((a) => a.toLowerCase().endsWith(`@${retryMailDomain}`)) && !refusedOnce.has(messageId);
        if (refuse) refusedOnce.add(messageId);
        received.mails.push({
          at: new Date().toISOString(),
          messageId,
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to,
          subject: mail.subject,
          text: mail.text,
          accepted: !refuse,
        });
        if (refuse) {
          const error = new Error('Mailbox busy, try again later (end-to-end receiver, first attempt)');
          (error as Error & { responseCode: number }).responseCode = 451;
          callback(error);
        } else callback();
      });
    },
  });

  const http: Server = createServer((req, res) => {
    void (async () => {
      const url = req.url ?? '/';
      if (req.method === 'GET' && url === '/__received') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(received));
        return;
      }
      const text = await readBody(req);
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // kept as text
      }
      const key = `${url.split('?')[0]}\n${text}`;
      const fail = url.startsWith(failOncePath) && !failedOnce.has(key);
      if (fail) failedOnce.add(key);
      const status = req.method === 'POST' && !fail ? 200 : fail ? 500 : 405;
      received.posts.push({ at: new Date().toISOString(), url, body, status });
      if (status === 200)
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
      else res.writeHead(status, { 'content-type': 'text/plain' }).end(fail ? 'busy' : 'method not allowed');
    })().catch(() => res.writeHead(400).end());
  });

  await new Promise<void>((resolve, reject) => {
    smtp.server.once('error', reject);
    smtp.listen(ports.smtp, '127.0.0.1', () => resolve());
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(ports.webhook, '127.0.0.1', () => resolve());
  });
  return async () => {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await new Promise<void>((resolve) => http.close(() => resolve()));
  };
}

/** What the receivers have seen so far (from a spec, in a worker process). */
export async function fetchReceived(webhookPort: number): Promise<Received> {
  const res = await fetch(`http://127.0.0.1:${webhookPort}/__received`);
  if (!res.ok) throw new Error(`the receivers answered HTTP ${res.status}`);
  return (await res.json()) as Received;
}
