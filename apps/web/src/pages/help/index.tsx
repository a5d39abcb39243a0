import { Card, Typography } from 'antd';
import { useEffect, useMemo } from 'react';
import { useLocation } from 'react-router';
import guide from '../../../../../docs/guide/README.md?raw';
import { type Block, parseMarkdown } from './markdown';
import { type ImageResolver, MarkdownBlock } from './markdown-view';

// The guide's screenshots, bundled as hashed assets: file name → URL.
const imageUrls = import.meta.glob<string>('../../../../../docs/guide/images/*', {
  eager: true,
  query: '?url',
  import: 'default',
});
const imagesByName = new Map(
  Object.entries(imageUrls).map(([path, url]) => [path.split('/').pop() ?? path, url]),
);

/** `images/a.png` in the guide → the bundled URL of docs/guide/images/a.png. */
const resolveImage: ImageResolver = (src) => {
  const match = /^(?:\.\/)?images\/([^/]+)$/.exec(src);
  return match?.[1] ? (imagesByName.get(match[1]) ?? null) : null;
};

const blocks: Block[] = parseMarkdown(guide);

/** 帮助: the user guide (docs/guide/README.md) with a table of contents of its sections. */
export function HelpPage() {
  const { hash } = useLocation();
  const sections = useMemo(
    () =>
      blocks.filter((b): b is Extract<Block, { type: 'heading' }> => b.type === 'heading' && b.level === 2),
    [],
  );
  // Everything before the first section (the title and the introduction) comes before the contents.
  const firstSection = blocks.findIndex((b) => b.type === 'heading' && b.level === 2);
  const intro = firstSection < 0 ? blocks : blocks.slice(0, firstSection);
  const body = firstSection < 0 ? [] : blocks.slice(firstSection);

  useEffect(() => {
    document.title = '帮助 - 党建工作平台用户指南';
  }, []);

  // Opening /help#section (or following a link to one) scrolls to it once the page is drawn.
  useEffect(() => {
    if (!hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    target?.scrollIntoView();
  }, [hash]);

  return (
    <Card styles={{ body: { paddingInline: 'clamp(12px, 4vw, 32px)' } }}>
      <Typography style={{ maxWidth: 960, marginInline: 'auto', overflowWrap: 'anywhere' }}>
        {intro.map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the guide is static.
          <MarkdownBlock key={i} block={block} resolve={resolveImage} />
        ))}
        {sections.length > 0 ? (
          <nav
            aria-label="目录"
            style={{
              background: 'rgba(0, 0, 0, 0.02)',
              border: '1px solid rgba(0, 0, 0, 0.06)',
              borderRadius: 8,
              padding: '12px 16px',
              marginBottom: 24,
            }}
          >
            <Typography.Text strong>目录</Typography.Text>
            <ol style={{ marginTop: 8, marginBottom: 0 }}>
              {sections.map((s) => (
                <li key={s.id}>
                  <a href={`#${s.id}`}>{s.text}</a>
                </li>
              ))}
            </ol>
          </nav>
        ) : null}
        {body.map((block, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the guide is static.
          <MarkdownBlock key={i} block={block} resolve={resolveImage} />
        ))}
      </Typography>
    </Card>
  );
}
