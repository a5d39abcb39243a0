import type { PermissionCode } from '@dangjian/core';
import { Button, Result } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useCan } from '../lib/access';

/** Shows its children only to users holding `permission`; others get a 403 page. */
export function RequirePermission({
  permission,
  children,
}: {
  permission: PermissionCode;
  children: ReactNode;
}) {
  const can = useCan();
  if (!can(permission)) {
    return (
      <Result
        status="403"
        title="没有访问权限"
        subTitle="您的账号没有访问此页面的权限，如有需要请联系系统管理员。"
        extra={
          <Link to="/">
            <Button type="primary">返回首页</Button>
          </Link>
        }
      />
    );
  }
  return children;
}
