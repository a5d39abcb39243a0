/**
 * The office suite and the PDF tools the document check drives: LibreOffice headless converts the
 * downloaded .docx/.xlsx files to PDF, poppler (pdfinfo, pdffonts, pdftotext, pdftoppm) reads them back.
 * Every child runs in a process group of its own with a deadline, so a hung soffice is killed (with the
 * helpers it started) and named in the failure instead of stalling the run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';

/** What a child wrote and how it ended. */
interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Runs a command in its own process group; after `timeoutMs` the whole group is killed. */
function run(command: string, args: readonly string[], timeoutMs: number): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s;
    });
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`${command}: ${e.message}`));
    });
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** Runs a poppler tool and answers its output; fails naming the tool, the file and what it said. */
async function poppler(tool: string, args: readonly string[], file: string): Promise<string> {
  const r = await run(tool, [...args], 60_000);
  if (r.code !== 0 || r.timedOut)
    throw new Error(
      `${tool} ${path.basename(file)}: ${r.timedOut ? 'timed out' : `exit ${r.code}`} ${r.stderr.trim()}`,
    );
  return r.stdout;
}

/** The tools the check needs, with the Debian package of each (CI installs them: .ci/run). */
export const officeTools = {
  soffice: 'libreoffice-writer-nogui, libreoffice-calc-nogui',
  pdfinfo: 'poppler-utils',
  pdffonts: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdftoppm: 'poppler-utils',
} as const;

/** The tools that are not on PATH. */
export async function missingTools(): Promise<string[]> {
  const missing: string[] = [];
  for (const [tool, pkg] of Object.entries(officeTools)) {
    const r = await run('sh', ['-c', `command -v ${tool}`], 10_000);
    if (r.code !== 0) missing.push(`${tool} (${pkg})`);
  }
  return missing;
}

/** The outcome of converting one file: the PDF, or why there is none. */
export type Conversion = { pdf: string } | { error: string };

/**
 * Converts every file to PDF with one soffice run per attempt (starting LibreOffice costs more than a
 * conversion), in a private profile under `workDir` so that no other LibreOffice, and no earlier run, is
 * involved. A fresh profile's first start sometimes ends without converting anything; files without a PDF
 * are therefore tried once more, then reported with what soffice said. A run over `timeoutMs` is killed, and
 * the file it was converting is named.
 */
export async function convertToPdf(
  files: readonly string[],
  workDir: string,
  timeoutMs: number,
): Promise<Map<string, Conversion>> {
  const outDir = path.join(workDir, 'pdf');
  mkdirSync(outDir, { recursive: true });
  const profile = `file://${path.join(workDir, 'lo-profile')}`;
  const pdfOf = (file: string) => path.join(outDir, `${path.parse(file).name}.pdf`);
  const results = new Map<string, Conversion>();
  let pending = [...files];
  for (let attempt = 1; attempt <= 2 && pending.length > 0; attempt++) {
    const r = await run(
      'soffice',
      [
        `-env:UserInstallation=${profile}`,
        '--headless',
        '--norestore',
        '--nolockcheck',
        '--convert-to',
        'pdf',
        '--outdir',
        outDir,
        ...pending,
      ],
      timeoutMs,
    );
    const output = `${r.stdout}\n${r.stderr}`.trim().split('\n');
    // What soffice said about a file (e.g. "Error: source file could not be loaded"), else its last words.
    const said = (file: string) => {
      const about = output.filter((l) => l.includes(path.basename(file)) || /^Error/i.test(l));
      return (about.length > 0 ? about : output.slice(-3)).join(' | ');
    };
    const done = pending.filter((f) => existsSync(pdfOf(f)));
    // soffice converts the files in the order given: after a timeout, the first without a PDF was in hand.
    const stuck = r.timedOut ? pending.find((f) => !existsSync(pdfOf(f))) : undefined;
    for (const f of done) results.set(f, { pdf: pdfOf(f) });
    pending = pending.filter((f) => !done.includes(f));
    for (const f of pending)
      results.set(f, {
        error: r.timedOut
          ? `soffice did not finish within ${timeoutMs / 1000} s${f === stuck ? ' while converting this file' : ''} (attempt ${attempt}); it said: ${said(f)}`
          : `soffice produced no PDF (attempt ${attempt}, exit ${r.code}); it said: ${said(f)}`,
      });
    // A hung run is not retried: the next one would most likely hang on the same file.
    if (r.timedOut) break;
  }
  return results;
}

/** A page's size in PostScript points. */
export interface PageSize {
  width: number;
  height: number;
}

/** One line of pdffonts. */
export interface PdfFont {
  name: string;
  type: string;
  embedded: boolean;
  /** Has a ToUnicode map, so its text can be extracted. */
  unicode: boolean;
}

/** What the check reads from a PDF. */
export interface PdfFacts {
  pages: PageSize[];
  fonts: PdfFont[];
  /** `pdftotext -layout`, one string per page: rows of a table stay on one line. */
  pageTexts: string[];
  /** `pdftotext -raw` (content-stream order), one string per page: for counting phrases. */
  rawPageTexts: string[];
}

/** Reads page sizes, fonts and text of a PDF. */
export async function readPdf(pdf: string): Promise<PdfFacts> {
  const [info, fonts, layout, raw] = await Promise.all([
    poppler('pdfinfo', ['-f', '1', '-l', '100000', pdf], pdf),
    poppler('pdffonts', [pdf], pdf),
    poppler('pdftotext', ['-layout', '-enc', 'UTF-8', pdf, '-'], pdf),
    poppler('pdftotext', ['-raw', '-enc', 'UTF-8', pdf, '-'], pdf),
  ]);
  const pages = [...info.matchAll(/^Page\s+\d+\s+size:\s+([\d.]+)\s+x\s+([\d.]+)\s+pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  // name, type (may hold spaces), encoding, emb, sub, uni, object ID: the yes/no columns sit before the id.
  const fontLines = fonts.split('\n').slice(2).filter(Boolean);
  const parsed = fontLines.flatMap((line) => {
    const m = /^(\S+)\s+(.+?)\s+(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.exec(line);
    return m ? [{ name: m[1]!, type: m[2]!, embedded: m[4] === 'yes', unicode: m[6] === 'yes' }] : [];
  });
  // pdftotext ends every page with a form feed.
  const split = (text: string) => text.split('\f').slice(0, pages.length);
  return { pages, fonts: parsed, pageTexts: split(layout), rawPageTexts: split(raw) };
}

/** Writes the first page of `pdf` as `<pngPath>` (60 dpi: a thumbnail for the README). */
export async function writeFirstPagePng(pdf: string, pngPath: string): Promise<void> {
  mkdirSync(path.dirname(pngPath), { recursive: true });
  const root = pngPath.replace(/\.png$/, '');
  await poppler('pdftoppm', ['-r', '60', '-png', '-f', '1', '-l', '1', '-singlefile', pdf, root], pdf);
}

/** Removes a work folder (the profile, the downloads, the PDFs). */
export function removeWorkDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
