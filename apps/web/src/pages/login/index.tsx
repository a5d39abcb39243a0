import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { type LoginBody, limits } from '@dangjian/core';
import { Alert, Button, Form, Input, type InputRef, Typography } from 'antd';
import { useRef, useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { QueryError } from '../../components/query-error';
import { PublicLayout, PublicPanel } from '../../layout/public-layout';
import { isApiError } from '../../lib/api';
import { PageSpin, safeRedirect, useAuth } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { useSetupStatus } from '../setup/api';
import { useLogin } from './api';
import { DemoAccountList } from './demo-accounts';

/** Sign-in page; on the demo college it lists the demo accounts. */
export function LoginPage() {
  const [params] = useSearchParams();
  const redirect = safeRedirect(params.get('redirect'));
  const navigate = useNavigate();
  const { me, signIn } = useAuth();
  const status = useSetupStatus();
  const login = useLogin();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<LoginBody>();
  const [failure, setFailure] = useState<string | null>(null);
  const passwordRef = useRef<InputRef>(null);

  if (me) return <Navigate to={me.user.mustChangePassword ? '/change-password' : redirect} replace />;
  if (status.isPending) return <PageSpin />;
  if (status.isError) {
    return (
      <PublicLayout>
        <QueryError error={status.error} onRetry={() => void status.refetch()} />
      </PublicLayout>
    );
  }
  if (!status.data.initialised) return <Navigate to="/setup" replace />;

  const school = status.data.school;
  const demoAccounts = school?.isDemo ? status.data.demoAccounts : [];

  const submit = (values: LoginBody) => {
    setFailure(null);
    login.mutate(
      { username: values.username.trim(), password: values.password },
      {
        onSuccess: (next) => {
          signIn(next);
          navigate(next.user.mustChangePassword ? '/change-password' : redirect, { replace: true });
        },
        onError: (error) => {
          if (isApiError(error, 'INVALID_CREDENTIALS', 'RATE_LIMITED')) {
            setFailure(error.message);
            form.setFieldValue('password', '');
            return;
          }
          handleError(error, { form });
        },
      },
    );
  };

  return (
    <PublicLayout subtitle={school?.name} maxWidth={demoAccounts.length > 0 ? 560 : 420}>
      <PublicPanel title="登录">
        {failure ? <Alert type="error" showIcon title={failure} style={{ marginBottom: 16 }} /> : null}
        <Form<LoginBody> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item
            name="username"
            label="用户名"
            rules={[{ required: true, whitespace: true, message: '请输入用户名' }]}
          >
            <Input
              prefix={<UserOutlined />}
              autoComplete="username"
              autoFocus
              maxLength={limits.username.max}
              placeholder="用户名"
            />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password
              ref={passwordRef}
              prefix={<LockOutlined />}
              autoComplete="current-password"
              maxLength={limits.password.max}
              placeholder="密码"
            />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={login.isPending}>
            登录
          </Button>
        </Form>
      </PublicPanel>
      {demoAccounts.length > 0 ? (
        <PublicPanel title="演示账号" style={{ marginTop: 16 }}>
          <Typography.Paragraph type="secondary">
            点击一个账号填入用户名。演示账号密码相同：由 DJ_ADMIN_PASSWORD 设置，或见服务器启动时控制台输出。
          </Typography.Paragraph>
          <DemoAccountList
            accounts={demoAccounts}
            onChoose={(account) => {
              form.setFieldsValue({ username: account.username, password: '' });
              setFailure(null);
              passwordRef.current?.focus();
            }}
          />
        </PublicPanel>
      ) : null}
    </PublicLayout>
  );
}
