import { LeftOutlined } from '@ant-design/icons';
import { Breadcrumb, Flex, Typography, theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { Link } from 'react-router';
import { useCan } from '../lib/access';
import { useIsNarrow } from '../lib/use-media-query';

/** Heading levels whose look a page title may borrow. */
type TitleLook = 3 | 4;

/**
 * The page's one h1, drawn at the size of a smaller heading (`look`) so that the document
 * outline is right (screen readers jump to h1) without changing how the page looks.
 */
export function PageTitle({ look = 4, children }: { look?: TitleLook; children: ReactNode }) {
  const { token } = theme.useToken();
  const size =
    look === 3
      ? { fontSize: token.fontSizeHeading3, lineHeight: token.lineHeightHeading3 }
      : { fontSize: token.fontSizeHeading4, lineHeight: token.lineHeightHeading4 };
  return (
    <Typography.Title level={1} style={{ margin: 0, ...size }}>
      {children}
    </Typography.Title>
  );
}

/** One step of a detail page's trail: a page with its link, or (the last) the page itself. */
export interface Crumb {
  title: ReactNode;
  /** Where the step leads; the current page and a step the user may not open have none. */
  to?: string | undefined;
}

/** Makes an org a step of a trail, linked to its page for those who may open 组织架构. */
export function useOrgCrumb(): (org: { id: number; name: string }) => Crumb {
  const can = useCan();
  const canOpen = can('org:org:view');
  return (org) => ({ title: org.name, to: canOpen ? `/orgs/${org.id}` : undefined });
}

/**
 * Where a detail page sits: the list it belongs to, then its parents (e.g. the org path), then the page
 * itself. On phones only the nearest step up, as a back link.
 */
export function PageBreadcrumb({ items, style }: { items: readonly Crumb[]; style?: CSSProperties }) {
  const isNarrow = useIsNarrow();
  const up = items.slice(0, -1).findLast((c) => c.to !== undefined);
  if (isNarrow) {
    if (!up?.to) return null;
    return (
      <nav aria-label="面包屑导航" style={{ marginBottom: 8, ...style }}>
        <Link to={up.to}>
          <LeftOutlined aria-hidden style={{ fontSize: 12, marginInlineEnd: 4 }} />
          {up.title}
        </Link>
      </nav>
    );
  }
  return (
    <Breadcrumb
      aria-label="面包屑导航"
      style={{ marginBottom: 8, ...style }}
      items={items.map((c, i) => {
        const current = i === items.length - 1;
        return {
          key: i,
          title: c.to && !current ? <Link to={c.to}>{c.title}</Link> : c.title,
          ...(current ? { 'aria-current': 'page' as const } : {}),
        };
      })}
    />
  );
}

interface PageContainerProps {
  title: ReactNode;
  /** The trail of a detail page (list, parents, itself), above the title. */
  breadcrumb?: readonly Crumb[];
  /** Toolbar on the right of the title (buttons). */
  extra?: ReactNode;
  children: ReactNode;
}

/** The frame of a page: a detail page's breadcrumb, a title row (the page's h1) with its toolbar, then the content. */
export function PageContainer({ title, breadcrumb, extra, children }: PageContainerProps) {
  return (
    <div>
      {breadcrumb ? <PageBreadcrumb items={breadcrumb} /> : null}
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <PageTitle>{title}</PageTitle>
        {extra ? (
          <Flex gap={8} wrap>
            {extra}
          </Flex>
        ) : null}
      </Flex>
      {children}
    </div>
  );
}
