import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/** Content types of the Office files the platform produces. */
export const docxContentType = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export const xlsxContentType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Sends a file as a download: `fileName` (Chinese) in RFC 5987 form, with an ASCII fallback for old clients.
 */
export function sendDownload(
  reply: FastifyReply,
  type: string,
  fileName: string,
  body: Buffer | Readable,
  asciiName = 'download',
) {
  return reply
    .type(type)
    .header(
      'Content-Disposition',
      `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
    )
    .send(body);
}
