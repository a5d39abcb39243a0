/**
 * Checks an uploaded workbook before anything parses it: size, that it is a zip holding an Excel
 * workbook, and that unpacking it stays small (zip bombs). The zip's central directory is read
 * here, not by a library, and the parts the reader needs are inflated once under hard caps, so a
 * file that lies about its sizes is caught too. The reader then gets a rebuilt, well-ordered zip
 * of just those parts.
 */
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { crc32, createInflateRaw } from 'node:zlib';
import { AppError, type ErrorCode, importFileLimits, memberImportMaxBytes } from '@dangjian/core';

/** Limits of an uploaded workbook. */
export const xlsxLimits = {
  maxBytes: memberImportMaxBytes,
  maxEntries: 500,
  /** Unpacked size of all parts together. */
  maxUncompressedBytes: 200 * 1024 * 1024,
  /** Spreadsheet XML deflates to ~1:5–1:50; bombs reach ~1:1000. Parts under 1 MB are not judged. */
  maxRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  /** workbook.xml and its relationships are small; anything larger is not a roster. */
  maxWorkbookXmlBytes: 4 * 1024 * 1024,
} as const;

/** One part of a zip, from its central directory. */
export interface ZipEntry {
  name: string;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localOffset: number;
  /** Where the part's (compressed) data starts. */
  dataOffset: number;
}

/** An uploaded workbook that passed the checks. */
export interface CheckedXlsx {
  /** Name of the first worksheet (the roster). */
  sheetName: string;
  /** Dates are serials of the 1904 system (old Mac Excel). */
  date1904: boolean;
  /** `<row>` elements in the first worksheet. */
  rowElements: number;
  /** A zip of just the parts the reader needs, in the order it needs them. */
  stream(): Readable;
}

const notXlsx = '文件不是 Excel 工作簿（.xlsx）：请用 Excel 或 WPS 另存为“Excel 工作簿（*.xlsx）”后上传';
const damaged = '文件已损坏或结构异常：请用 Excel 或 WPS 打开后重新保存为 .xlsx 再上传';

function refuse(code: ErrorCode, message: string): never {
  throw new AppError(code, message);
}

const sig = { local: 0x04034b50, central: 0x02014b50, end: 0x06054b50, descriptor: 0x08074b50 } as const;

/**
 * Lists a zip's parts from its central directory and checks that the local records match it and
 * follow one another without gaps (so a streaming reader sees exactly these parts). Refuses
 * ZIP64, split archives, encryption and compression other than stored/deflate.
 */
export function listZipEntries(buf: Buffer): ZipEntry[] {
  if (buf.length < 22 || buf.readUInt32LE(0) !== sig.local) {
    if (buf.length >= 8 && buf.readUInt32BE(0) === 0xd0cf11e0 && buf.readUInt32BE(4) === 0xa1b11ae1)
      refuse(
        'UNSUPPORTED_MEDIA_TYPE',
        '这是旧版 Excel 97-2003（.xls）文件或加密的工作簿：请取消密码并另存为 .xlsx 后上传',
      );
    refuse('UNSUPPORTED_MEDIA_TYPE', notXlsx);
  }
  let eocd = -1;
  for (let p = buf.length - 22; p >= Math.max(0, buf.length - 22 - 0xffff); p--) {
    if (buf.readUInt32LE(p) === sig.end) {
      eocd = p;
      break;
    }
  }
  if (eocd < 0) refuse('MALFORMED_REQUEST', damaged);
  const disk = buf.readUInt16LE(eocd + 4);
  const cdDisk = buf.readUInt16LE(eocd + 6);
  const onDisk = buf.readUInt16LE(eocd + 8);
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff)
    refuse('UNSUPPORTED_MEDIA_TYPE', '文件使用了 ZIP64 格式，正常的党员名册不需要：请用 Excel 重新保存');
  if (disk !== 0 || cdDisk !== 0 || onDisk !== count) refuse('UNSUPPORTED_MEDIA_TYPE', notXlsx);
  if (count > xlsxLimits.maxEntries)
    refuse(
      'PAYLOAD_TOO_LARGE',
      `压缩包内有 ${count} 个部件（上限 ${xlsxLimits.maxEntries}），不是正常的名册文件`,
    );
  if (cdOffset + cdSize !== eocd) refuse('MALFORMED_REQUEST', damaged);

  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== sig.central) refuse('MALFORMED_REQUEST', damaged);
    const flags = buf.readUInt16LE(p + 8);
    const method = buf.readUInt16LE(p + 10);
    const crc32 = buf.readUInt32LE(p + 16);
    const compressedSize = buf.readUInt32LE(p + 20);
    const uncompressedSize = buf.readUInt32LE(p + 24);
    const nameLength = buf.readUInt16LE(p + 28);
    const extraLength = buf.readUInt16LE(p + 30);
    const commentLength = buf.readUInt16LE(p + 32);
    const localOffset = buf.readUInt32LE(p + 42);
    if (p + 46 + nameLength > eocd) refuse('MALFORMED_REQUEST', damaged);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLength);
    p += 46 + nameLength + extraLength + commentLength;
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff || localOffset === 0xffffffff)
      refuse('UNSUPPORTED_MEDIA_TYPE', '文件使用了 ZIP64 格式，正常的党员名册不需要：请用 Excel 重新保存');
    if (flags & 0x41) refuse('UNSUPPORTED_MEDIA_TYPE', '工作簿已加密：请取消密码后另存为 .xlsx 再上传');
    if (method !== 0 && method !== 8)
      refuse('UNSUPPORTED_MEDIA_TYPE', `${notXlsx}（不支持的压缩方式 ${method}）`);
    if (method === 0 && compressedSize !== uncompressedSize) refuse('MALFORMED_REQUEST', damaged);
    if (names.has(name)) refuse('MALFORMED_REQUEST', damaged);
    names.add(name);
    if (localOffset + 30 > cdOffset || buf.readUInt32LE(localOffset) !== sig.local)
      refuse('MALFORMED_REQUEST', damaged);
    const dataOffset =
      localOffset + 30 + buf.readUInt16LE(localOffset + 26) + buf.readUInt16LE(localOffset + 28);
    if (dataOffset + compressedSize > cdOffset) refuse('MALFORMED_REQUEST', damaged);
    entries.push({ name, flags, method, crc32, compressedSize, uncompressedSize, localOffset, dataOffset });
  }
  if (p !== eocd) refuse('MALFORMED_REQUEST', damaged);

  // Local records must tile the space before the central directory: nothing hidden between them.
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let next = 0;
  for (const e of byOffset) {
    if (e.localOffset !== next) refuse('MALFORMED_REQUEST', damaged);
    next = e.dataOffset + e.compressedSize;
    if (e.flags & 0x08) next += next + 4 <= cdOffset && buf.readUInt32LE(next) === sig.descriptor ? 16 : 12;
  }
  if (next !== cdOffset) refuse('MALFORMED_REQUEST', damaged);
  return entries;
}

/** The unpacked bytes of a part, chunk by chunk. */
async function* inflated(buf: Buffer, e: ZipEntry): AsyncGenerator<Buffer> {
  const data = buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
  if (e.method === 0) {
    yield data;
    return;
  }
  const inflate = createInflateRaw();
  inflate.end(data);
  try {
    yield* inflate as AsyncIterable<Buffer>;
  } finally {
    inflate.destroy();
  }
}

/** Unpacks a part, handing each chunk to `onChunk`; refuses output beyond `limit` or the declared size. */
async function inflateEntry(
  buf: Buffer,
  e: ZipEntry,
  limit: number,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  let size = 0;
  try {
    for await (const chunk of inflated(buf, e)) {
      size += chunk.length;
      // More than the directory promised (it lied) or than the budget allows.
      if (size > limit || size > e.uncompressedSize) tooLarge(e);
      onChunk(chunk);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    refuse('MALFORMED_REQUEST', damaged);
  }
  if (size !== e.uncompressedSize) refuse('MALFORMED_REQUEST', damaged);
  return size;
}

function tooLarge(e: ZipEntry): never {
  refuse(
    'PAYLOAD_TOO_LARGE',
    `文件解压后过大（“${e.name}”超出声明的大小或 ${xlsxLimits.maxUncompressedBytes / 1024 / 1024} MB 的上限），疑似“压缩炸弹”，已拒绝`,
  );
}

async function inflateText(buf: Buffer, e: ZipEntry): Promise<string> {
  const chunks: Buffer[] = [];
  await inflateEntry(buf, e, xlsxLimits.maxWorkbookXmlBytes, (c) => chunks.push(c));
  return Buffer.concat(chunks).toString('utf8');
}

const xmlEntities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function attr(tag: string, name: string): string | null {
  const m = new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`).exec(tag);
  if (!m) return null;
  return (m[2] ?? m[3] ?? '').replace(/&(amp|lt|gt|quot|apos);/g, (_, k: string) => xmlEntities[k] ?? '');
}

/** The first worksheet in tab order and where its part is, from workbook.xml and its relationships. */
function firstSheet(workbookXml: string, relsXml: string): { name: string; path: string; date1904: boolean } {
  const sheetTag = /<(?:\w+:)?sheet\s[^>]*>/.exec(workbookXml)?.[0];
  if (!sheetTag) refuse('UNSUPPORTED_MEDIA_TYPE', '工作簿中没有工作表');
  const relId = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(sheetTag)?.[1];
  const rel = [...relsXml.matchAll(/<(?:\w+:)?Relationship\s[^>]*>/g)]
    .map((m) => m[0])
    .find((tag) => attr(tag, 'Id') === relId);
  const target = rel ? attr(rel, 'Target') : null;
  if (!target) refuse('MALFORMED_REQUEST', damaged);
  const path = target.startsWith('/') ? target.slice(1) : `xl/${target.replace(/^\.\//, '')}`;
  const pr = /<(?:\w+:)?workbookPr\s[^>]*>/.exec(workbookXml)?.[0];
  const d1904 = pr ? attr(pr, 'date1904') : null;
  return { name: attr(sheetTag, 'name') ?? 'Sheet1', path, date1904: d1904 === '1' || d1904 === 'true' };
}

/**
 * Counts rows and the cells of each row of sheet XML as it streams by, without parsing it: a row
 * of 100,000 cells or a million rows is refused before any parser builds objects for them.
 */
function sheetCounter(sheetName: string) {
  let carry = '';
  let rows = 0;
  let cells = 0;
  const token = /<(row|c)[\s>/]/g;
  return {
    get rows() {
      return rows;
    },
    push(chunk: Buffer) {
      const text = carry + chunk.toString('latin1');
      token.lastIndex = 0;
      for (let m = token.exec(text); m !== null; m = token.exec(text)) {
        // Tokens wholly inside the carried tail were counted with the previous chunk.
        if (m.index + m[0].length <= carry.length) continue;
        if (m[1] === 'row') {
          rows++;
          cells = 0;
          if (rows > importFileLimits.maxRows + importFileLimits.headerSearchRows)
            refuse(
              'PAYLOAD_TOO_LARGE',
              `工作表“${sheetName}”超过 ${importFileLimits.maxRows.toLocaleString('en-US')} 行的上限，请分成几个文件导入`,
            );
        } else if (++cells > importFileLimits.maxColumns) {
          refuse(
            'PAYLOAD_TOO_LARGE',
            `工作表“${sheetName}”第 ${rows} 个行记录超过 ${importFileLimits.maxColumns} 列的上限，请删除多余的列后上传`,
          );
        }
      }
      carry = text.slice(-4);
    },
  };
}

/**
 * Refuses, with a message naming the reason, anything that is not a sane .xlsx: too large, not a
 * zip, an old .xls, encrypted, a zip bomb (declared or actual size, ratio, part count), a sheet
 * with too many rows or columns. Nothing is written; a refused file costs at most the caps.
 */
export async function checkXlsx(buf: Buffer): Promise<CheckedXlsx> {
  if (buf.length === 0) refuse('VALIDATION_FAILED', '文件为空，请选择要导入的 .xlsx 文件');
  if (buf.length > xlsxLimits.maxBytes)
    refuse(
      'PAYLOAD_TOO_LARGE',
      `文件超过 ${xlsxLimits.maxBytes / 1024 / 1024} MB 的上限，请分成几个文件导入`,
    );
  const entries = listZipEntries(buf);
  const declared = entries.reduce((sum, e) => sum + e.uncompressedSize, 0);
  if (declared > xlsxLimits.maxUncompressedBytes)
    refuse(
      'PAYLOAD_TOO_LARGE',
      `文件解压后约 ${Math.round(declared / 1024 / 1024)} MB，超过 ${xlsxLimits.maxUncompressedBytes / 1024 / 1024} MB 的上限，疑似“压缩炸弹”，已拒绝`,
    );
  for (const e of entries) {
    const ratio = e.uncompressedSize / Math.max(e.compressedSize, 1);
    if (e.uncompressedSize > xlsxLimits.ratioFloorBytes && ratio > xlsxLimits.maxRatio)
      refuse(
        'PAYLOAD_TOO_LARGE',
        `文件中的“${e.name}”压缩比异常（${Math.round(ratio)}:1），疑似“压缩炸弹”，已拒绝`,
      );
  }
  const byName = new Map(entries.map((e) => [e.name, e]));
  const workbook = byName.get('xl/workbook.xml');
  const rels = byName.get('xl/_rels/workbook.xml.rels');
  if (!byName.has('[Content_Types].xml') || !workbook || !rels)
    refuse('UNSUPPORTED_MEDIA_TYPE', `${notXlsx}（可能是 Word 文档或其他压缩包）`);

  const sheet = firstSheet(await inflateText(buf, workbook), await inflateText(buf, rels));
  const sheetEntry = byName.get(sheet.path);
  if (!sheetEntry) refuse('MALFORMED_REQUEST', damaged);
  // The streaming reader (exceljs) knows worksheets only by this name.
  if (!/^xl\/worksheets\/sheet\d+\.xml$/.test(sheetEntry.name))
    refuse(
      'UNSUPPORTED_MEDIA_TYPE',
      '无法识别第一个工作表的存储位置：请用 Excel 或 WPS 重新保存为 .xlsx 后上传',
    );
  const shared = byName.get('xl/sharedStrings.xml');
  let budget = xlsxLimits.maxUncompressedBytes;
  const counter = sheetCounter(sheet.name);
  const sharedAscii = shared ? await asciiPart(buf, shared, budget, () => {}) : null;
  if (shared) budget -= shared.uncompressedSize;
  const sheetAscii = await asciiPart(buf, sheetEntry, budget, (c) => counter.push(c));

  const parts: Part[] = [
    { entry: rels, ascii: null },
    { entry: workbook, ascii: null },
    ...(shared && sharedAscii ? [{ entry: shared, ascii: sharedAscii }] : []),
    { entry: sheetEntry, ascii: sheetAscii },
  ];
  return {
    sheetName: sheet.name,
    date1904: sheet.date1904,
    rowElements: counter.rows,
    stream: () => Readable.from(rebuildZip(buf, parts), { objectMode: false }),
  };
}

/**
 * XML text as pure ASCII: every other character becomes a character reference (&#20826;). The
 * streaming reader of exceljs decodes each chunk of a part on its own, which garbles a Chinese
 * character whose UTF-8 bytes straddle two chunks; in ASCII nothing can straddle.
 */
function asciiXml() {
  const decoder = new StringDecoder('utf8');
  let start = true;
  const convert = (text: string) => {
    let t = text;
    if (start && t.length > 0) {
      t = t.replace(/^\uFEFF/, '');
      start = false;
    }
    return Buffer.from(
      t.replace(/[\u0080-\u{10ffff}]/gu, (c) => `&#${c.codePointAt(0)};`),
      'latin1',
    );
  };
  return { push: (chunk: Buffer) => convert(decoder.write(chunk)), end: () => convert(decoder.end()) };
}

/** Size and checksum of a part once made ASCII (the reader gets it stored, with these in its header). */
interface AsciiPart {
  size: number;
  crc32: number;
}

/** Unpacks a part under the caps, measuring its ASCII form; `onChunk` sees the unpacked bytes. */
async function asciiPart(
  buf: Buffer,
  e: ZipEntry,
  limit: number,
  onChunk: (chunk: Buffer) => void,
): Promise<AsciiPart> {
  const ascii = asciiXml();
  let size = 0;
  let crc = 0;
  const add = (b: Buffer) => {
    size += b.length;
    crc = crc32(b, crc);
  };
  await inflateEntry(buf, e, limit, (chunk) => {
    onChunk(chunk);
    add(ascii.push(chunk));
  });
  add(ascii.end());
  return { size, crc32: crc };
}

/** A part of the rebuilt zip: copied as it is, or unpacked, made ASCII and stored. */
interface Part {
  entry: ZipEntry;
  ascii: AsciiPart | null;
}

/**
 * A minimal zip of `parts` in this order, each with its sizes in the local header (no data
 * descriptors), so a streaming reader never has to search for where a part ends.
 */
async function* rebuildZip(buf: Buffer, parts: readonly Part[]): AsyncGenerator<Buffer> {
  const central: Buffer[] = [];
  let offset = 0;
  for (const { entry: e, ascii } of parts) {
    const method = ascii ? 0 : e.method;
    const crc = ascii ? ascii.crc32 : e.crc32;
    const packed = ascii ? ascii.size : e.compressedSize;
    const size = ascii ? ascii.size : e.uncompressedSize;
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(sig.local, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(sig.central, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(packed, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    central.push(cd, name);
    yield local;
    yield name;
    if (!ascii) yield buf.subarray(e.dataOffset, e.dataOffset + e.compressedSize);
    else {
      const convert = asciiXml();
      for await (const chunk of inflated(buf, e)) {
        const out = convert.push(chunk);
        if (out.length > 0) yield out;
      }
      const last = convert.end();
      if (last.length > 0) yield last;
    }
    offset += 30 + name.length + packed;
  }
  const cdBytes = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(sig.end, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBytes.length, 12);
  end.writeUInt32LE(offset, 16);
  yield cdBytes;
  yield end;
}
