import {
  DownOutlined,
  KeyOutlined,
  LogoutOutlined,
  QuestionCircleOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Dropdown, type MenuProps, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { useAuth, useMe } from '../lib/auth';
import { formatRoleGrant } from '../lib/format';

/** The header's account menu: who is signed in, 帮助 (the user guide), 修改密码, 退出登录. */
export function UserMenu({ compact }: { compact: boolean }) {
  const me = useMe();
  const { signOut } = useAuth();
  const navigate = useNavigate();

  const items: MenuProps['items'] = [
    {
      key: 'who',
      disabled: true,
      label: (
        <div style={{ maxWidth: 260 }}>
          <Typography.Text strong>{me.user.displayName}</Typography.Text>
          <Typography.Text type="secondary"> @{me.user.username}</Typography.Text>
          {me.user.roles.map((r) => (
            <div key={`${r.role}:${r.orgId ?? ''}`}>
              <Typography.Text type="secondary">{formatRoleGrant(r)}</Typography.Text>
            </div>
          ))}
        </div>
      ),
    },
    { type: 'divider' },
    { key: 'help', icon: <QuestionCircleOutlined />, label: '帮助' },
    { key: 'password', icon: <KeyOutlined />, label: '修改密码' },
    { key: 'logout', icon: <LogoutOutlined />, label: '退出登录', danger: true },
  ];

  const onClick: MenuProps['onClick'] = ({ key }) => {
    if (key === 'help') navigate('/help');
    if (key === 'password') navigate('/change-password');
    if (key === 'logout') void signOut();
  };

  // The button's accessible name starts with the name it shows (WCAG 2.5.3, label in name).
  return (
    <Dropdown menu={{ items, onClick }} trigger={['click']} placement="bottomRight">
      <Button
        type="text"
        style={{ paddingInline: 4 }}
        aria-label={compact ? '账号菜单' : `${me.user.displayName}，账号菜单`}
      >
        <Space size={6}>
          <Avatar size="small" icon={<UserOutlined />} />
          {compact ? null : <span>{me.user.displayName}</span>}
          <DownOutlined style={{ fontSize: 10 }} />
        </Space>
      </Button>
    </Dropdown>
  );
}
