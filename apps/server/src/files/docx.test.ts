import PizZip from 'pizzip';
import { describe, expect, it } from 'vitest';
import {
  contentWidth,
  createDocx,
  fittingTitleSize,
  fontSizes,
  formRow,
  formTable,
  gridTable,
  paragraph,
  titleParagraphs,
} from './docx.ts';

/** The text of one part of a .docx. */
function part(buf: Buffer, name: string): string {
  const file = new PizZip(buf).file(name);
  if (!file) throw new Error(`${name} missing`);
  return file.asText();
}

/** The footer parts of a .docx, joined. */
function footers(buf: Buffer): string {
  const zip = new PizZip(buf);
  return zip
    .file(/^word\/footer\d*\.xml$/)
    .map((f) => f.asText())
    .join('');
}

describe('createDocx', () => {
  it('prints A4 portrait with margins, the body fonts and a 第 X 页 共 Y 页 footer', async () => {
    const buf = await createDocx({ title: '测试', children: [paragraph('正文')] });
    const doc = part(buf, 'word/document.xml');
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838" w:orient="portrait"\/>/);
    expect(doc).toMatch(/<w:pgMar w:top="1440" w:right="1418" w:bottom="1440" w:left="1418"/);
    const footer = footers(buf);
    expect(footer).toContain('第 ');
    expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
    expect(footer).toMatch(/<w:instrText[^>]*>NUMPAGES<\/w:instrText>/);
    expect(footer).toContain(' 页 共 ');
    const styles = part(buf, 'word/styles.xml');
    expect(styles).toContain('w:eastAsia="宋体"');
    expect(styles).toContain('w:ascii="Times New Roman"');
    expect(styles).toContain('<w:sz w:val="24"/>');
  });

  it('lays a landscape page on its side', async () => {
    const buf = await createDocx({ title: '名册', orientation: 'landscape', children: [paragraph('x')] });
    expect(part(buf, 'word/document.xml')).toMatch(/<w:pgSz w:w="16838" w:h="11906" w:orient="landscape"\/>/);
    expect(contentWidth('landscape')).toBe(14570);
    expect(contentWidth('portrait')).toBe(9070);
  });
});

describe('paragraph', () => {
  it('indents the first line two characters in characters for Word and in twips for LibreOffice', async () => {
    const buf = await createDocx({
      title: 't',
      children: [
        paragraph('正文', { indent: true }),
        paragraph('五号', { indent: true, size: fontSizes.五号 }),
      ],
    });
    const doc = part(buf, 'word/document.xml');
    expect(doc).toMatch(/<w:ind w:firstLine="480" w:firstLineChars="200"\/>/);
    expect(doc).toMatch(/<w:ind w:firstLine="420" w:firstLineChars="200"\/>/);
  });
});

describe('titleParagraphs', () => {
  it('uses automatic line spacing, never an exact height that draws lines over each other', async () => {
    const buf = await createDocx({
      title: 't',
      children: titleParagraphs(['某某学院机电工程系教工党支部', '支部党员大会会议记录']),
    });
    const doc = part(buf, 'word/document.xml');
    const titles = doc.match(/<w:p>.*?<\/w:p>/g)?.filter((p) => p.includes('黑体')) ?? [];
    expect(titles).toHaveLength(2);
    for (const p of titles) {
      expect(p).toMatch(/<w:spacing [^>]*w:lineRule="auto"/);
      expect(p).not.toContain('w:lineRule="exact"');
      expect(p).toContain('<w:jc w:val="center"/>');
    }
  });

  it('shrinks a long line down the size ladder so it stays on one line', () => {
    const width = contentWidth('portrait');
    expect(fittingTitleSize('支部党员大会会议记录', width)).toBe(fontSizes.二号);
    // 24 characters do not fit at 二号 (22 pt × 24 = 528 pt > 453.5 pt), they do at 小二 (432 pt).
    expect(fittingTitleSize('某'.repeat(24), width)).toBe(fontSizes.小二);
    expect(fittingTitleSize('某'.repeat(34), width)).toBe(fontSizes.小四);
    expect(fittingTitleSize('某'.repeat(60), width)).toBe(fontSizes.小四);
    expect(fittingTitleSize('短', width, fontSizes.三号)).toBe(fontSizes.三号);
  });
});

describe('paragraph', () => {
  it('keeps a {占位符} in one run for docxtemplater', async () => {
    const buf = await createDocx({ title: 't', children: [paragraph('{姓名}同志于{申请日期}递交申请')] });
    expect(part(buf, 'word/document.xml')).toContain(
      '<w:t xml:space="preserve">{姓名}同志于{申请日期}递交申请</w:t>',
    );
  });
});

describe('gridTable', () => {
  it('repeats the header row on every page and keeps each row whole', async () => {
    const table = gridTable({
      columns: [
        { header: '序号', width: 700 },
        { header: '姓名', width: 1500, align: 'left' },
      ],
      rows: [
        ['1', '张三'],
        ['2', '李四'],
      ],
      rowHeight: 400,
    });
    const doc = part(await createDocx({ title: 't', children: [table] }), 'word/document.xml');
    const rows = doc.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:tblHeader/>');
    expect(rows[1]).not.toContain('<w:tblHeader/>');
    for (const r of rows) {
      expect(r).toContain('<w:cantSplit/>');
      expect(r).toMatch(/<w:trHeight w:val="400" w:hRule="atLeast"\/>/);
    }
    expect(doc).toContain('<w:tblLayout w:type="fixed"/>');
    expect(doc).toContain('<w:gridCol w:w="700"/><w:gridCol w:w="1500"/>');
  });
});

describe('formTable', () => {
  it('keeps short rows together and lets a long one run on', async () => {
    const table = formTable([
      formRow('时间', '2026年6月15日'),
      formRow('会议内容', ['一、学习', '二、讨论'], { split: true }),
      formRow('谈话内容', [], { minLines: 3 }),
    ]);
    const doc = part(await createDocx({ title: 't', children: [table] }), 'word/document.xml');
    const rows = doc.match(/<w:tr>.*?<\/w:tr>/g) ?? [];
    expect(rows).toHaveLength(3);
    expect(rows[0]).toContain('<w:cantSplit/>');
    expect(rows[1]).not.toContain('<w:cantSplit/>');
    expect(rows[1]).toContain('二、讨论');
    // The blank row keeps three empty lines to write in.
    expect(rows[2]?.match(/<w:p>/g)).toHaveLength(4);
    expect(doc).toContain(`<w:gridCol w:w="1800"/><w:gridCol w:w="${contentWidth('portrait') - 1800}"/>`);
  });
});
