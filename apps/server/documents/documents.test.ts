/**
 * The document check (`npm run check:documents`, issue 14): every kind of document the server generates is
 * downloaded from the demo college through the API, converted to PDF by LibreOffice headless and read back
 * page by page with poppler. Each must convert; print on A4; take as many pages as its data calls for; leave
 * no {占位符}; embed a CJK font and yield its Chinese text; number its pages, and repeat its header row where
 * it spans pages; and show ID numbers and mobile phones only masked unless the caller may and did ask for them.
 * With DJ_DOCS_PNG=1 the first page of each goes to docs/documents/<name>.png, listed in its README.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chineseDate, type DocumentCase, documentCases, type Facts, gatherFacts } from './catalogue.ts';
import { checkDay, type DemoCollege, demoDay, openDemoCollege } from './demo-college.ts';
import {
  convertToPdf,
  missingTools,
  type PdfFacts,
  readPdf,
  removeWorkDir,
  writeFirstPagePng,
} from './office.ts';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
const pngDir = path.join(repoRoot, 'docs/documents');
const writePngs = process.env.DJ_DOCS_PNG === '1';
/** DJ_DOCS_KEEP=1 keeps the downloads and their PDFs (the folder is printed) to look at a failure. */
const keepWork = process.env.DJ_DOCS_KEEP === '1';
/**
 * One soffice run converts every document, in 10–15 s on 2 busy cores (LibreOffice's first start in a fresh
 * profile included): a run still going after two minutes is hung, and is killed.
 */
const conversionTimeoutMs = 120_000;

type Outcome = { pdf: PdfFacts; pdfPath: string } | { error: string };

let college: DemoCollege | null = null;
let work = '';
let facts: Facts;
const outcomes = new Map<string, Outcome>();
/** Every person's full ID number and phone in the demo college, to look for in the documents. */
const idNumbers = new Set<string>();
const phones = new Set<string>();

/** The PDF of a document, or the reason there is none (the failure names the document). */
function pdfOf(c: DocumentCase): PdfFacts {
  const o = outcomes.get(c.name);
  if (!o) throw new Error(`${c.name}: not downloaded (the set-up failed before it)`);
  if ('error' in o) throw new Error(`${c.name}: ${o.error}`);
  return o.pdf;
}

/** Text without any whitespace: a phrase wrapped in a table cell reads whole again. */
const compact = (s: string) => s.replace(/\s+/g, '');
const fullText = (pdf: PdfFacts) => compact(pdf.rawPageTexts.join(''));
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

beforeAll(async () => {
  const missing = await missingTools();
  if (missing.length > 0)
    throw new Error(
      `the document check needs ${missing.join(', ')} (Debian packages; .ci/run installs them)`,
    );
  work = mkdtempSync(path.join(tmpdir(), 'dj-documents-'));
  const started = performance.now();
  const seconds = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
  college = await openDemoCollege();
  console.log(`demo college loaded: ${seconds()}`);
  facts = await gatherFacts(college);
  for (const p of await college.t.db.selectFrom('person').select(['id_number', 'phone']).execute()) {
    if (p.id_number) idNumbers.add(p.id_number.toUpperCase());
    if (p.phone) phones.add(p.phone);
  }

  const downloads = path.join(work, 'in');
  mkdirSync(downloads);
  const files = new Map<string, DocumentCase>();
  for (const c of documentCases) {
    const url = c.url(facts);
    const res = await college.clients[c.account].get(url);
    const type = String(res.headers['content-type'] ?? '');
    if (res.statusCode !== 200)
      outcomes.set(c.name, {
        error: `GET ${url} as ${c.account}: ${res.statusCode} ${res.body.slice(0, 300)}`,
      });
    else if (!type.includes(c.format === 'docx' ? 'wordprocessingml' : 'spreadsheetml'))
      outcomes.set(c.name, { error: `GET ${url} as ${c.account}: content type ${type}, not ${c.format}` });
    else {
      const file = path.join(downloads, `${c.name}.${c.format}`);
      writeFileSync(file, res.rawPayload);
      files.set(file, c);
    }
  }

  console.log(`${files.size} of ${documentCases.length} documents downloaded: ${seconds()}`);
  const converted = await convertToPdf([...files.keys()], work, conversionTimeoutMs);
  console.log(`converted by LibreOffice: ${seconds()}`);
  for (const [file, c] of files) {
    const r = converted.get(file);
    if (!r || 'error' in r) outcomes.set(c.name, { error: r?.error ?? 'not converted' });
    else
      outcomes.set(
        c.name,
        await readPdf(r.pdf).then(
          (pdf) => ({ pdf, pdfPath: r.pdf }),
          (e: Error) => ({ error: `the PDF LibreOffice wrote cannot be read: ${e.message}` }),
        ),
      );
  }
  console.log(`read back with poppler: ${seconds()}`);
  if (writePngs) await writeDocsFolder();
});

afterAll(async () => {
  await college?.t.close();
  if (work && keepWork) console.log(`documents and PDFs kept in ${work}`);
  else if (work) removeWorkDir(work);
});

/** docs/documents: the first page of each document as a PNG, and the README that shows them. */
async function writeDocsFolder(): Promise<void> {
  mkdirSync(pngDir, { recursive: true });
  const entries: string[] = [];
  for (const c of documentCases) {
    const o = outcomes.get(c.name);
    if (!o || 'error' in o) continue;
    await writeFirstPagePng(o.pdfPath, path.join(pngDir, `${c.name}.png`));
    const first = o.pdf.pages[0]!;
    const n = o.pdf.pages.length;
    entries.push(
      `## ${c.title}`,
      '',
      `\`${c.name}\` — downloaded as \`${c.account}\`; ${n} page${n === 1 ? '' : 's'}, A4 ${first.height > first.width ? 'portrait' : 'landscape'}.`,
      '',
      `![${c.title}](${c.name}.png)`,
      '',
    );
  }
  const readme = [
    '# 打印与归档的文档 / Documents',
    '',
    'The first page of every document the platform generates, as LibreOffice prints it: downloaded through the',
    `API from the demo college (generated for ${demoDay}, downloaded on ${checkDay}) by \`npm run check:documents\`,`,
    'which checks every page of each (apps/server/documents). Refresh with `DJ_DOCS_PNG=1 npm run check:documents`.',
    '',
    ...entries,
  ].join('\n');
  writeFileSync(path.join(pngDir, 'README.md'), readme);
}

/** Runs of digits (and X) in a page's text, to look for whole ID numbers and phones within. */
function numbersIn(pdf: PdfFacts): { ids: string[]; phones: string[] } {
  const found = { ids: new Set<string>(), phones: new Set<string>() };
  for (const page of pdf.pageTexts)
    for (const run of compact(page)
      .toUpperCase()
      .match(/[\dX]{11,}/g) ?? []) {
      for (let i = 0; i + 18 <= run.length; i++) {
        const s = run.slice(i, i + 18);
        if (idNumbers.has(s)) found.ids.add(s);
      }
      for (let i = 0; i + 11 <= run.length; i++) {
        const s = run.slice(i, i + 11);
        if (phones.has(s)) found.phones.add(s);
      }
    }
  return { ids: [...found.ids], phones: [...found.phones] };
}

/** A4 in points, either way round, within 2 pt. */
const isA4 = (p: { width: number; height: number }) =>
  (Math.abs(p.width - 595) <= 2 && Math.abs(p.height - 842) <= 2) ||
  (Math.abs(p.width - 842) <= 2 && Math.abs(p.height - 595) <= 2);

/** Font names of the CJK faces LibreOffice substitutes for 宋体 / 黑体 (Noto CJK on Debian). */
const cjkFont = /CJK|Song|Hei|Kai|Fang|Ming|SimSun|SimHei|WenQuanYi|Droid.*Fallback|SourceHan|AR.?PL/i;

describe.each(documentCases)('$name', (c) => {
  it('downloads and converts to PDF', () => {
    expect(pdfOf(c).pages.length, `${c.name}: pages in the PDF`).toBeGreaterThan(0);
  });

  it('prints on A4, every page', () => {
    const pdf = pdfOf(c);
    const wrong = pdf.pages.flatMap((p, i) => (isA4(p) ? [] : [`page ${i + 1}: ${p.width}×${p.height} pt`]));
    expect(wrong, `${c.name}: pages not A4 (595×842 pt either way round)`).toEqual([]);
  });

  it('takes as many pages as its data calls for', () => {
    const [min, max] = c.pages(facts);
    const n = pdfOf(c).pages.length;
    expect(n, `${c.name}: ${n} pages, expected ${min}–${max}`).toBeGreaterThanOrEqual(min);
    expect(n, `${c.name}: ${n} pages, expected ${min}–${max}`).toBeLessThanOrEqual(max);
  });

  if (c.isTemplate)
    it('keeps its {占位符} for the school to edit', () => {
      expect(fullText(pdfOf(c)), `${c.name}: placeholders`).toMatch(/\{[^{}]{1,20}\}/);
    });
  else
    it('has every placeholder filled: no {…}, undefined, null or NaN', () => {
      const text = fullText(pdfOf(c));
      expect(text.match(/\{[^{}]{0,30}\}|\{\{|\}\}/g) ?? [], `${c.name}: placeholders left`).toEqual([]);
      expect(
        text.match(/undefined|null|NaN|\[objectObject\]/g) ?? [],
        `${c.name}: programming values`,
      ).toEqual([]);
    });

  it('embeds a CJK font and its Chinese text can be extracted', () => {
    const pdf = pdfOf(c);
    const cjk = pdf.fonts.filter((f) => cjkFont.test(f.name));
    expect(
      cjk.length,
      `${c.name}: no CJK font among ${pdf.fonts.map((f) => f.name).join(', ')}`,
    ).toBeGreaterThan(0);
    expect(
      cjk.filter((f) => !f.embedded).map((f) => f.name),
      `${c.name}: CJK fonts not embedded`,
    ).toEqual([]);
    const text = fullText(pdf);
    const missing = c.contains(facts).filter((phrase) => !text.includes(compact(phrase)));
    expect(missing, `${c.name}: phrases not found in the extracted text`).toEqual([]);
  });

  if (c.everyPage) {
    const alternatives = c.everyPage;
    it('repeats its header row on every page', () => {
      const pages = pdfOf(c).rawPageTexts.map(compact);
      const bare = pages.flatMap((page, i) =>
        alternatives.some((labels) => labels.every((l) => page.includes(l))) ? [] : [i + 1],
      );
      expect(
        bare,
        `${c.name}: pages without the header (${alternatives.map((a) => a.join('/')).join(' or ')})`,
      ).toEqual([]);
    });
  }

  // Every generated document prints the same frame (files/docx.ts, files/xlsx.ts): a 第 X 页 footer.
  it('numbers its pages in the footer: 第 N 页 on page N', () => {
    const pages = pdfOf(c).rawPageTexts.map(compact);
    const unnumbered = pages.flatMap((page, i) => (page.includes(`第${i + 1}页`) ? [] : [i + 1]));
    expect(unnumbered, `${c.name}: pages without 第 N 页`).toEqual([]);
  });

  if (c.numbers === 'full')
    it('shows the full ID numbers that were asked for (with sensitive permission, audited)', () => {
      expect(numbersIn(pdfOf(c)).ids.length, `${c.name}: full ID numbers`).toBeGreaterThan(0);
    });
  else
    it(`shows no full ID number or mobile phone of anyone${c.numbers === 'masked' ? ', only masked ones' : ''}`, () => {
      const pdf = pdfOf(c);
      const found = numbersIn(pdf);
      expect(found.ids, `${c.name}: full ID numbers printed`).toEqual([]);
      expect(found.phones, `${c.name}: full mobile numbers printed`).toEqual([]);
      if (c.numbers === 'masked') {
        // core's maskIdNumber: 320***********123X; maskPhone: 138****5678.
        const text = pdf.pageTexts.join('\n');
        expect(text, `${c.name}: masked ID numbers`).toMatch(/\d{3}\*{11}[\dX]{4}/);
        expect(text, `${c.name}: masked mobile numbers`).toMatch(/\d{3}\*{4}\d{4}/);
      }
    });
});

describe('issue 14 specifics', () => {
  const minutes = documentCases.find((c) => c.name === 'minutes')!;
  it('minutes: the 会议记录 title appears once, and each vote tally exactly once', () => {
    const text = fullText(pdfOf(minutes));
    expect(count(text, '会议记录'), 'minutes: times “会议记录” is printed').toBe(1);
    expect(count(text, compact(facts.meeting.title)), 'minutes: times the meeting title is printed').toBe(1);
    // A tally reads 赞成N票，反对N票，弃权N票: one per vote, not again in the 会议内容.
    expect(text.match(/赞成\d+票/g)?.length ?? 0, 'minutes: tallies (赞成N票)').toBe(facts.meeting.votes);
    expect(text.match(/弃权\d+票/g)?.length ?? 0, 'minutes: tallies (弃权N票)').toBe(facts.meeting.votes);
  });

  const materials = documentCases.filter((c) => c.name.startsWith('recruitment-') && c.format === 'docx');
  it.each(materials)('$name: dated with its steps, not with the day it was printed', (c) => {
    const text = fullText(pdfOf(c));
    expect(text, `${c.name}: printed on ${checkDay}, and shows that day`).not.toContain(
      chineseDate(checkDay),
    );
    expect(text, `${c.name}: shows ${checkDay}`).not.toContain(checkDay);
  });

  it('the catalogue covers every route that sends a generated Word or Excel file', () => {
    const modules = fileURLToPath(new URL('../src/modules', import.meta.url));
    const routes: string[] = [];
    for (const file of readdirSync(modules, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(path.join(modules, file), 'utf8');
      // Each route declaration up to the next: a GET whose handler sends an Office file it generated.
      for (const block of source.split(
        /\b(?=(?:app|files|scope)\.(?:get|post|put|patch|delete|register)\()/,
      )) {
        const url = /^app\.get\('([^']+)'/.exec(block)?.[1];
        if (url && /docxContentType|xlsxContentType|wordprocessingml|spreadsheetml/.test(block))
          routes.push(url);
      }
    }
    const downloaded = documentCases.map((c) => c.url(facts).split('?')[0]!);
    const uncovered = routes.filter((r) => !downloaded.some((u) => routePattern(r).test(u)));
    expect(routes.length, 'routes found that send Office files').toBeGreaterThanOrEqual(10);
    expect(uncovered, 'routes whose documents the check does not download').toEqual([]);
  });
});

/** A route's URL as a pattern for concrete paths: each :param one path segment (or the part before .docx). */
function routePattern(route: string): RegExp {
  return new RegExp(`^${route.replace(/\./g, '\\.').replace(/:\w+/g, '[^/.]+')}$`);
}
