import { Flex, Typography, theme } from 'antd';
import type { ReactNode } from 'react';

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

interface PageContainerProps {
  title: ReactNode;
  /** Toolbar on the right of the title (buttons). */
  extra?: ReactNode;
  children: ReactNode;
}

/** The frame of a page: a title row (the page's h1) with its toolbar, then the content. */
export function PageContainer({ title, extra, children }: PageContainerProps) {
  return (
    <div>
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
