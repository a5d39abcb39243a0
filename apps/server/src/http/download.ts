import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Content types of the Office files the platform produces. */
export const docxContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * The extension of a file name when it is plain ASCII (`.pdf`, `.jpg`), else nothing: for the ASCII fallback
 * name of an uploaded file.
 */
export function asciiExtension(fileName: string): string {
  const ext = /\.[A-Za-z0-9]{1,8}$/.exec(fileName);
  return ext ? ext[0].toLowerCase() : '';
}

/**
 * Sends a file as a download: `fileName` (Chinese) in RFC 5987 form, and `asciiName` — what it is, in ASCII, with
 * its extension (`ledger-15-2026.xlsx`) — for clients that read only the plain `filename`.
 */
export function sendDownload(
  reply: FastifyReply,
  type: string,
  fileName: string,
  body: Buffer | Readable,
  asciiName: string,
) {
  if (!/^[A-Za-z0-9._-]+$/.test(asciiName)) throw new Error(`not an ASCII file name: ${asciiName}`);
  return reply
    .type(type)
    .header(
      'Content-Disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(body);
}
