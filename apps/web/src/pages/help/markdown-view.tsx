import type { CSSProperties, ReactNode } from 'react';
import { type Block, type Inline, safeHref } from './markdown';

/** Resolves an image's source in the document (e.g. `images/a.png`) to a URL, or null when unknown. */
export type ImageResolver = (src: string) => string | null;

const imageStyle: CSSProperties = {
  display: 'block',
  maxWidth: '100%',
  height: 'auto',
  border: '1px solid rgba(0, 0, 0, 0.08)',
  borderRadius: 6,
  boxShadow: '0 1px 4px rgba(0, 0, 0, 0.06)',
};

const cellStyle: CSSProperties = {
  border: '1px solid rgba(0, 0, 0, 0.1)',
  padding: '6px 10px',
  textAlign: 'left',
  verticalAlign: 'top',
};

function renderInline(nodes: Inline[], resolve: ImageResolver, keyPrefix: string): ReactNode[] {
  return nodes.map((n, i) => {
    const key = `${keyPrefix}.${i}`;
    switch (n.type) {
      case 'text':
        return n.text;
      case 'code':
        return <code key={key}>{n.text}</code>;
      case 'strong':
        return <strong key={key}>{renderInline(n.children, resolve, key)}</strong>;
      case 'link': {
        const href = safeHref(n.href);
        const children = renderInline(n.children, resolve, key);
        if (!href) return <span key={key}>{children}</span>;
        const external = /^https?:/i.test(href);
        return (
          <a key={key} href={href} {...(external ? { target: '_blank', rel: 'noopener noreferrer' } : {})}>
            {children}
          </a>
        );
      }
      case 'image': {
        const url = resolve(n.src);
        // An image the app does not carry shows its description instead of a broken picture.
        if (!url) return <span key={key}>［图：{n.alt}］</span>;
        return (
          <a key={key} href={url} target="_blank" rel="noopener noreferrer" title="在新窗口查看原图">
            <img src={url} alt={n.alt} loading="lazy" style={imageStyle} />
          </a>
        );
      }
    }
    return null;
  });
}

/** One block of the document as React elements (text is always text, never HTML). */
export function MarkdownBlock({ block, resolve }: { block: Block; resolve: ImageResolver }) {
  switch (block.type) {
    case 'heading': {
      const Tag = `h${block.level}` as 'h1' | 'h2' | 'h3' | 'h4';
      // The sticky header would cover a heading jumped to by an anchor.
      return (
        <Tag
          id={block.id}
          style={{
            scrollMarginTop: 72,
            ...(block.level === 1 ? { fontSize: 'clamp(24px, 6vw, 32px)' } : {}),
          }}
        >
          {renderInline(block.children, resolve, block.id)}
        </Tag>
      );
    }
    case 'paragraph': {
      const onlyImages = block.children.every((c) => c.type === 'image');
      if (onlyImages && block.children.length > 1) {
        return (
          <div
            style={{ display: 'flex', flexWrap: 'wrap', gap: 16, marginBottom: 16, alignItems: 'flex-start' }}
          >
            {renderInline(block.children, resolve, 'p')}
          </div>
        );
      }
      return <p>{renderInline(block.children, resolve, 'p')}</p>;
    }
    case 'list': {
      const items = block.items.map((item, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the document is static; items have no other identity.
        <li key={i}>{renderInline(item, resolve, `li${i}`)}</li>
      ));
      return block.ordered ? <ol>{items}</ol> : <ul>{items}</ul>;
    }
    case 'table':
      return (
        <div style={{ overflowX: 'auto', marginBottom: 16 }}>
          <table style={{ borderCollapse: 'collapse', width: '100%' }}>
            <thead>
              <tr>
                {block.header.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: static table cells.
                  <th key={i} scope="col" style={{ ...cellStyle, background: 'rgba(0, 0, 0, 0.03)' }}>
                    {renderInline(cell, resolve, `th${i}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: static table rows.
                <tr key={r}>
                  {row.map((cell, c) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: static table cells.
                    <td key={c} style={cellStyle}>
                      {renderInline(cell, resolve, `td${r}.${c}`)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}
