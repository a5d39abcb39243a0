import { FlagFilled } from '@ant-design/icons';
import { Flex, Typography, theme } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { brandName } from './brand';

interface PublicLayoutProps {
  /** Shown under the brand, e.g. the school's name. */
  subtitle?: ReactNode;
  /** Wider pages (setup with two cards) pass a larger width. */
  maxWidth?: number;
  children: ReactNode;
}

/**
 * Centered frame of the pages outside the app: setup, login, forced password change. The brand
 * is the page's h1 (at the size of an h2, as before) in a header; the card is the main landmark.
 */
export function PublicLayout({ subtitle, maxWidth = 440, children }: PublicLayoutProps) {
  const { token } = theme.useToken();
  return (
    <div
      style={{
        minHeight: '100vh',
        padding: '48px 16px',
        background: 'linear-gradient(180deg, #b71c1c 0, #b71c1c 220px, #f5f5f5 220px)',
      }}
    >
      <Flex
        component="header"
        vertical
        align="center"
        gap={8}
        style={{ marginBottom: 24, color: '#fff', textAlign: 'center' }}
      >
        <Typography.Title
          level={1}
          style={{
            color: '#fff',
            margin: 0,
            fontSize: token.fontSizeHeading2,
            lineHeight: token.lineHeightHeading2,
          }}
        >
          <FlagFilled aria-hidden style={{ marginInlineEnd: 8 }} />
          {brandName}
        </Typography.Title>
        {subtitle ? <div style={{ fontSize: 16, opacity: 0.9 }}>{subtitle}</div> : null}
      </Flex>
      <main style={{ maxWidth, margin: '0 auto' }}>{children}</main>
    </div>
  );
}

/**
 * A titled box on the public pages. Lighter than antd's Card, whose tabs, dropdown and skeleton the
 * sign-in page would otherwise fetch before anyone can sign in.
 */
export function PublicPanel({
  title,
  children,
  style,
}: {
  title: ReactNode;
  children: ReactNode;
  style?: CSSProperties;
}) {
  const { token } = theme.useToken();
  return (
    <section
      style={{
        background: token.colorBgContainer,
        borderRadius: token.borderRadiusLG,
        border: `1px solid ${token.colorBorderSecondary}`,
        ...style,
      }}
    >
      <h2
        style={{
          margin: 0,
          padding: `${token.paddingSM}px ${token.paddingLG}px`,
          borderBottom: `1px solid ${token.colorBorderSecondary}`,
          fontSize: token.fontSizeLG,
          fontWeight: token.fontWeightStrong,
          lineHeight: token.lineHeightLG,
          color: token.colorTextHeading,
        }}
      >
        {title}
      </h2>
      <div style={{ padding: token.paddingLG }}>{children}</div>
    </section>
  );
}
