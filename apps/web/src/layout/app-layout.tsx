import { FlagFilled, MenuFoldOutlined, MenuOutlined, MenuUnfoldOutlined } from '@ant-design/icons';
import { Button, Drawer, Layout, Menu, Tag, Typography, theme } from 'antd';
import { Suspense, useEffect, useMemo, useState } from 'react';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { ErrorBoundary } from '../components/error-boundary';
import { GlobalSearch } from '../components/global-search';
import { InboxBadge } from '../components/inbox-badge';
import { NotificationBell } from '../components/notification-bell';
import { useCan } from '../lib/access';
import { PageSpin, useMe } from '../lib/auth';
import { useIsNarrow } from '../lib/use-media-query';
import { brandName } from './brand';
import { buildMenuItems, openGroupKeys, selectedNavKey } from './nav';
import { UserMenu } from './user-menu';

const siderWidth = 220;

function Brand({ collapsed, light }: { collapsed: boolean; light?: boolean }) {
  return (
    <div
      style={{
        height: 56,
        display: 'flex',
        alignItems: 'center',
        justifyContent: collapsed ? 'center' : 'flex-start',
        gap: 8,
        padding: collapsed ? 0 : '0 20px',
        color: light ? undefined : '#fff',
        fontWeight: 600,
        fontSize: 16,
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      <FlagFilled aria-hidden style={{ fontSize: 18 }} />
      {collapsed ? null : <span>{brandName}</span>}
    </div>
  );
}

/**
 * The signed-in frame: side menu built from permissions (a drawer on phones), header, page outlet.
 * Landmarks: the menu is a nav, Layout.Header a header, Layout.Content the page's main.
 */
export function AppLayout() {
  const me = useMe();
  const can = useCan();
  const navigate = useNavigate();
  const location = useLocation();
  const isNarrow = useIsNarrow();
  const { token } = theme.useToken();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [openKeys, setOpenKeys] = useState<string[]>(() => openGroupKeys(location.pathname));

  const person = me.user.person;
  const menuItems = useMemo(() => buildMenuItems(can, person), [can, person]);
  const selectedKey = selectedNavKey(location.pathname);

  useEffect(() => {
    setOpenKeys((prev) => [...new Set([...prev, ...openGroupKeys(location.pathname)])]);
    setDrawerOpen(false);
  }, [location.pathname]);

  const menu = (dark: boolean) => (
    <Menu
      mode="inline"
      theme={dark ? 'dark' : 'light'}
      items={menuItems}
      selectedKeys={[selectedKey]}
      openKeys={collapsed && !isNarrow ? undefined : openKeys}
      onOpenChange={(keys) => setOpenKeys(keys)}
      onClick={({ key }) => navigate(key)}
      style={{ borderInlineEnd: 0 }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isNarrow ? null : (
        <Layout.Sider
          width={siderWidth}
          collapsible
          collapsed={collapsed}
          trigger={null}
          style={{ position: 'sticky', top: 0, height: '100vh', overflow: 'auto' }}
        >
          <Brand collapsed={collapsed} />
          <nav aria-label="主菜单">{menu(true)}</nav>
        </Layout.Sider>
      )}
      {isNarrow ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={260}
          title={brandName}
          styles={{ body: { padding: 0 } }}
        >
          <nav aria-label="主菜单">{menu(false)}</nav>
        </Drawer>
      ) : null}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 10,
            display: 'flex',
            alignItems: 'center',
            gap: 12,
            padding: isNarrow ? '0 12px' : '0 24px',
            height: 56,
            lineHeight: '56px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          {isNarrow ? (
            <Button
              type="text"
              icon={<MenuOutlined />}
              aria-label="打开菜单"
              onClick={() => setDrawerOpen(true)}
            />
          ) : (
            <Button
              type="text"
              icon={collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
              aria-label={collapsed ? '展开菜单' : '收起菜单'}
              onClick={() => setCollapsed((c) => !c)}
            />
          )}
          <div style={{ flex: 1, minWidth: 0, display: 'flex', alignItems: 'center', gap: 8 }}>
            <Typography.Text strong ellipsis style={{ fontSize: isNarrow ? 14 : 16 }}>
              {me.school.name}
            </Typography.Text>
            {me.school.isDemo ? <Tag color="gold">演示</Tag> : null}
          </div>
          <GlobalSearch compact={isNarrow} />
          <InboxBadge compact={isNarrow} />
          <NotificationBell compact={isNarrow} />
          <UserMenu compact={isNarrow} />
        </Layout.Header>
        <Layout.Content style={{ padding: isNarrow ? 12 : 24, minWidth: 0 }}>
          <ErrorBoundary key={location.pathname}>
            <Suspense fallback={<PageSpin />}>
              <Outlet />
            </Suspense>
          </ErrorBoundary>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
