import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

interface PageContainerProps {
  title: ReactNode;
  /** Toolbar on the right of the title (buttons). */
  extra?: ReactNode;
  children: ReactNode;
}

/** The frame of a page: a title row with its toolbar, then the content. */
export function PageContainer({ title, extra, children }: PageContainerProps) {
  return (
    <div>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 16 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {title}
        </Typography.Title>
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
