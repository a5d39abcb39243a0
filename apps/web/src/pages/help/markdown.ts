/**
 * A small Markdown reader for the user guide (docs/guide/README.md): headings, paragraphs, lists, pipe
 * tables, **bold**, `code`, links and images. It answers a tree that the page renders as React elements, so
 * the text is never inserted as HTML; anything else in the source (HTML tags included) stays plain text.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'code'; text: string }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'image'; src: string; alt: string };

export type Block =
  | { type: 'heading'; level: 1 | 2 | 3 | 4; id: string; text: string; children: Inline[] }
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'table'; header: Inline[][]; rows: Inline[][][] };

/** The anchor id of a heading, as GitHub makes it: lower case, punctuation dropped, spaces as hyphens. */
export function slugify(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** A link target that is safe to follow: an anchor, a path, a relative file, or http(s)/mailto. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (h === '') return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(h);
  if (!scheme) return h.startsWith('//') ? null : h;
  return ['http', 'https', 'mailto'].includes((scheme[1] ?? '').toLowerCase()) ? h : null;
}

/** The text of inline content (for headings' ids and images' alt text). */
export function plainText(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      if (n.type === 'text' || n.type === 'code') return n.text;
      if (n.type === 'image') return n.alt;
      return plainText(n.children);
    })
    .join('');
}

/** Inline content: `code`, **bold**, ![alt](src), [text](href); an unmatched marker stays as text. */
export function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  let text = '';
  const flush = () => {
    if (text) out.push({ type: 'text', text });
    text = '';
  };
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    if (rest.startsWith('`')) {
      const end = source.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('**')) {
      const end = source.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    const image = /^!\[([^\]]*)\]\(([^)\s]+)\)/.exec(rest);
    if (image) {
      flush();
      out.push({ type: 'image', alt: image[1] ?? '', src: image[2] ?? '' });
      i += image[0].length;
      continue;
    }
    const link = /^\[([^\]]+)\]\(([^)\s]+)\)/.exec(rest);
    if (link) {
      flush();
      out.push({ type: 'link', href: link[2] ?? '', children: parseInline(link[1] ?? '') });
      i += link[0].length;
      continue;
    }
    text += source[i];
    i += 1;
  }
  flush();
  return out;
}

const cjk = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef“”‘’]/u;

/** Joins wrapped source lines: no space between Chinese text, one space between other words. */
function joinLines(lines: string[]): string {
  return lines.reduce((acc, line) => {
    if (acc === '') return line;
    const before = acc.at(-1) ?? '';
    const after = line[0] ?? '';
    return cjk.test(before) || cjk.test(after) ? acc + line : `${acc} ${line}`;
  }, '');
}

const headingLine = /^(#{1,4})\s+(.+?)\s*#*\s*$/;
const listLine = /^(\s*)([-*]|\d+\.)\s+(.*)$/;
const tableLine = /^\s*\|.*\|\s*$/;
const tableRule = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;

function tableCells(line: string): Inline[][] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split('|')
    .map((c) => parseInline(c.trim()));
}

/** The blocks of a Markdown document; headings get unique ids (a repeated one gets -1, -2…). */
export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const used = new Map<string, number>();
  const at = (n: number) => lines[n] ?? '';
  let i = 0;
  while (i < lines.length) {
    const line = at(i);
    if (line.trim() === '') {
      i += 1;
      continue;
    }
    const heading = headingLine.exec(line);
    if (heading) {
      const children = parseInline(heading[2] ?? '');
      const text = plainText(children);
      const base = slugify(text);
      const seen = used.get(base) ?? 0;
      used.set(base, seen + 1);
      const level = (heading[1] ?? '#').length as 1 | 2 | 3 | 4;
      blocks.push({ type: 'heading', level, id: seen ? `${base}-${seen}` : base, text, children });
      i += 1;
      continue;
    }
    if (tableLine.test(line) && i + 1 < lines.length && tableRule.test(at(i + 1))) {
      const header = tableCells(line);
      const rows: Inline[][][] = [];
      i += 2;
      while (i < lines.length && tableLine.test(at(i))) {
        rows.push(tableCells(at(i)));
        i += 1;
      }
      blocks.push({ type: 'table', header, rows });
      continue;
    }
    const first = listLine.exec(line);
    if (first) {
      const ordered = /\d/.test(first[2] ?? '');
      const items: string[][] = [];
      while (i < lines.length && at(i).trim() !== '') {
        const item = listLine.exec(at(i));
        if (item && /\d/.test(item[2] ?? '') === ordered) items.push([(item[3] ?? '').trim()]);
        else if (items.length > 0 && /^\s+\S/.test(at(i))) items.at(-1)?.push(at(i).trim());
        else break;
        i += 1;
      }
      blocks.push({ type: 'list', ordered, items: items.map((it) => parseInline(joinLines(it))) });
      continue;
    }
    // The first line always belongs to the paragraph (a stray table row or marker is plain text).
    const para: string[] = [line.trim()];
    i += 1;
    while (
      i < lines.length &&
      at(i).trim() !== '' &&
      !headingLine.test(at(i)) &&
      !listLine.test(at(i)) &&
      !tableLine.test(at(i))
    ) {
      para.push(at(i).trim());
      i += 1;
    }
    // A paragraph of images only keeps them apart (shown side by side where they fit).
    const onlyImages = para.every((p) => /^!\[[^\]]*\]\([^)\s]+\)$/.test(p));
    blocks.push({
      type: 'paragraph',
      children: onlyImages ? para.flatMap((p) => parseInline(p)) : parseInline(joinLines(para)),
    });
  }
  return blocks;
}
