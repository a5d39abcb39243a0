/**
 * The one judge of uploaded files: what a file is comes from its bytes, never from its name or the declared
 * Content-Type. Executables, HTML and SVG (which a browser would run) are refused whatever they are called;
 * SVG is refused altogether, since photos and documents never need it and a "safe" SVG is hard to prove.
 */
import { AppError } from '@dangjian/core';
import { docxContentType, xlsxContentType } from './download.ts';

/** Kinds of file the platform recognises by content. `ole` is any Office 97–2003 file (doc, xls, ppt). */
export type FileKind = 'pdf' | 'png' | 'jpeg' | 'gif' | 'webp' | 'docx' | 'xlsx' | 'pptx' | 'ole' | 'text';

/** What was found in a file: its kind, or why it is refused outright. */
export type Sniffed =
  | { kind: FileKind }
  | { refused: 'executable' | 'html' | 'svg' | 'macro' }
  | { unknown: true };

const info: Record<FileKind, { label: string; extensions: readonly string[]; mime: string }> = {
  pdf: { label: 'PDF', extensions: ['pdf'], mime: 'application/pdf' },
  png: { label: 'PNG', extensions: ['png'], mime: 'image/png' },
  jpeg: { label: 'JPG', extensions: ['jpg', 'jpeg'], mime: 'image/jpeg' },
  gif: { label: 'GIF', extensions: ['gif'], mime: 'image/gif' },
  webp: { label: 'WebP', extensions: ['webp'], mime: 'image/webp' },
  docx: { label: 'Word（docx）', extensions: ['docx'], mime: docxContentType },
  xlsx: { label: 'Excel（xlsx）', extensions: ['xlsx'], mime: xlsxContentType },
  pptx: {
    label: 'PowerPoint（pptx）',
    extensions: ['pptx'],
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  },
  ole: { label: 'Office 97–2003（doc、xls、ppt）', extensions: ['doc', 'xls', 'ppt'], mime: '' },
  text: { label: '文本（txt）', extensions: ['txt'], mime: 'text/plain; charset=utf-8' },
};

const oleMime: Record<string, string> = {
  doc: 'application/msword',
  xls: 'application/vnd.ms-excel',
  ppt: 'application/vnd.ms-powerpoint',
};

const startsWith = (b: Buffer, bytes: readonly number[], at = 0) =>
  b.length >= at + bytes.length && bytes.every((x, i) => b[at + i] === x);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));

/** ELF, PE (MZ), Mach-O (32/64, both byte orders, fat) and Java class files. */
function isExecutable(b: Buffer): boolean {
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(b, ascii('MZ'))) return true;
  if (b.length < 4) return false;
  const magic = b.readUInt32BE(0);
  return [0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, 0xcafebabe].includes(magic);
}

// Tags a browser's sniffer (WHATWG MIME Sniffing §7.1) takes for HTML, plus SVG/XML and other active content.
const htmlTag =
  /<(?:!doctype\s+html|html|head|body|script|iframe|frame|frameset|h1|div|font|table|a|style|title|b|br|p|meta|link|base|form|img|object|embed|applet|math|xml|!--|\?xml)[\s>/]/i;
const svgTag = /<svg[\s>/]/i;

/** Names of the parts of a zip, from its central directory; null when it is not a well-formed zip. */
function zipNames(b: Buffer): string[] | null {
  const end = 0x06054b50;
  let eocd = -1;
  for (let p = b.length - 22; p >= Math.max(0, b.length - 22 - 0xffff); p--) {
    if (b.readUInt32LE(p) === end) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) return null;
  const count = b.readUInt16LE(eocd + 10);
  let p = b.readUInt32LE(eocd + 16);
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > b.length || b.readUInt32LE(p) !== 0x02014b50) return null;
    const nameLength = b.readUInt16LE(p + 28);
    const extra = b.readUInt16LE(p + 30);
    const comment = b.readUInt16LE(p + 32);
    if (p + 46 + nameLength > b.length) return null;
    names.push(b.toString('utf8', p + 46, p + 46 + nameLength));
    p += 46 + nameLength + extra + comment;
  }
  return names;
}

function sniffZip(b: Buffer): Sniffed {
  const names = zipNames(b);
  if (!names?.includes('[Content_Types].xml')) return { unknown: true };
  if (names.some((n) => /(^|\/)vbaProject\.bin$/i.test(n))) return { refused: 'macro' };
  if (names.some((n) => n.startsWith('word/'))) return { kind: 'docx' };
  if (names.some((n) => n.startsWith('xl/'))) return { kind: 'xlsx' };
  if (names.some((n) => n.startsWith('ppt/'))) return { kind: 'pptx' };
  return { unknown: true };
}

/** Plain UTF-8 text: valid UTF-8, no NUL or other control characters than tab, line breaks and form feed. */
function isPlainText(b: Buffer): boolean {
  if (!Buffer.from(b.toString('utf8'), 'utf8').equals(b)) return false;
  for (const byte of b)
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) return false;
  return b[0] !== 0x7f;
}

/** What a file is, from its first bytes (and a zip's part names). */
export function sniffFile(b: Buffer): Sniffed {
  if (isExecutable(b)) return { refused: 'executable' };
  if (startsWith(b, ascii('%PDF-'))) return { kind: 'pdf' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: 'png' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { kind: 'jpeg' };
  if (startsWith(b, ascii('GIF87a')) || startsWith(b, ascii('GIF89a'))) return { kind: 'gif' };
  if (startsWith(b, ascii('RIFF')) && startsWith(b, ascii('WEBP'), 8)) return { kind: 'webp' };
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return { kind: 'ole' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(b);
  // Text-like content: look at the start the way a browser would, and further than a browser would.
  const head = b
    .subarray(0, 1024)
    .toString('utf8')
    .replace(/^\uFEFF/, '');
  if (head.trimStart().startsWith('#!')) return { refused: 'executable' };
  if (svgTag.test(head)) return { refused: 'svg' };
  if (htmlTag.test(head)) return { refused: 'html' };
  if (isPlainText(b)) return { kind: 'text' };
  return { unknown: true };
}

const refusals = {
  executable: '是可执行程序或脚本，不能上传',
  html: '含网页或脚本代码（HTML），不能上传',
  svg: '是 SVG 图形，可能含脚本，不能上传',
  macro: '含宏（VBA），不能上传：请另存为不含宏的文件',
} as const;

/** Refuses (415) executables, HTML, SVG and macro documents; for uploads whose own reader checks the format. */
export function refuseHostile(content: Buffer, field = '文件'): void {
  const found = sniffFile(content);
  if ('refused' in found)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${field}：${refusals[found.refused]}`);
}

/** An accepted upload: its kind and the Content-Type it is stored and served with. */
export interface AcceptedFile {
  kind: FileKind;
  mime: string;
}

/**
 * Judges an upload by its content: refuses (415, the message naming `field`) executables, HTML and SVG under any
 * name, content not among `accepted`, and a name whose extension does not match the content.
 */
export function acceptUpload(
  content: Buffer,
  fileName: string,
  accepted: readonly FileKind[],
  field = '文件',
): AcceptedFile {
  const found = sniffFile(content);
  if ('refused' in found)
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${field}：${refusals[found.refused]}`);
  const allowed = `${field}：只能上传 ${accepted.map((k) => info[k].label).join('、')} 文件`;
  if ('unknown' in found || !accepted.includes(found.kind))
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', allowed);
  const ext = fileName.includes('.') ? (fileName.split('.').pop()?.toLowerCase() ?? '') : '';
  const t = info[found.kind];
  if (!t.extensions.includes(ext))
    throw new AppError(
      'UNSUPPORTED_MEDIA_TYPE',
      ext
        ? `${field}：扩展名 .${ext} 与文件内容（${t.label}）不符`
        : `${field}：文件名缺少扩展名（内容是 ${t.label}）`,
    );
  return { kind: found.kind, mime: found.kind === 'ole' ? oleMime[ext]! : t.mime };
}

/**
 * The Content-Type to serve a stored file with: judged again from its bytes, so a file stored before this check
 * (or under a wrong type) is never served as something a browser would run.
 */
export function servedType(content: Buffer, fileName: string, accepted: readonly FileKind[]): string {
  try {
    return acceptUpload(content, fileName, accepted).mime;
  } catch {
    return 'application/octet-stream';
  }
}
