import { checkPassword, defaultSecurityPolicy, limits } from '@dangjian/core';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { PublicLayout } from '../../layout/public-layout';
import { useAuth, useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { type PasswordPolicyHint, useChangePassword, usePasswordPolicyHint } from './api';

interface ChangePasswordValues {
  oldPassword: string;
  newPassword: string;
  confirmPassword: string;
}

function policyText(policy: PasswordPolicyHint): string {
  return `密码至少 ${policy.passwordMinLength} 位，须包含大写字母、小写字母、数字、符号中的至少 ${policy.passwordMinClasses} 类，且不能包含用户名。`;
}

/** Change the signed-in user's password; forced after first sign-in or a reset. */
export function ChangePasswordPage() {
  const me = useMe();
  const { signIn, signOut } = useAuth();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const hint = usePasswordPolicyHint();
  const change = useChangePassword();
  const [form] = Form.useForm<ChangePasswordValues>();
  const forced = me.user.mustChangePassword;
  // checkPassword reads only the password fields of the policy; the rest are defaults.
  const policy = hint.data ? { ...defaultSecurityPolicy, ...hint.data } : null;

  const submit = (values: ChangePasswordValues) => {
    change.mutate(
      { oldPassword: values.oldPassword, newPassword: values.newPassword },
      {
        onSuccess: (next) => {
          signIn(next);
          message.success('密码已修改');
          navigate('/', { replace: true });
        },
        onError: (error) => handleError(error, { form }),
      },
    );
  };

  return (
    <PublicLayout subtitle={me.school.name}>
      <Card title="修改密码">
        {forced ? (
          <Alert
            type="warning"
            showIcon
            title="首次登录或密码已被重置，请先设置新密码后再使用系统。"
            style={{ marginBottom: 16 }}
          />
        ) : null}
        {policy ? (
          <Typography.Paragraph type="secondary">{policyText(policy)}</Typography.Paragraph>
        ) : hint.isError ? (
          <Typography.Paragraph type="secondary">
            暂时无法获取密码规则，提交后以服务器校验结果为准。
          </Typography.Paragraph>
        ) : null}
        <Typography.Paragraph>
          账号：<Typography.Text strong>{me.user.username}</Typography.Text>（{me.user.displayName}）
        </Typography.Paragraph>
        <Form<ChangePasswordValues> form={form} layout="vertical" onFinish={submit} requiredMark={false}>
          <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
            <Input.Password autoComplete="current-password" maxLength={limits.password.max} />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label="新密码"
            dependencies={['oldPassword']}
            rules={[
              { required: true, message: '请输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (!value) return;
                  if (value === getFieldValue('oldPassword')) throw new Error('新密码不能与原密码相同');
                  const problems = policy ? checkPassword(value, policy, me.user.username) : [];
                  if (problems.length > 0) throw new Error(problems.join('；'));
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={limits.password.max} />
          </Form.Item>
          <Form.Item
            name="confirmPassword"
            label="确认新密码"
            dependencies={['newPassword']}
            rules={[
              { required: true, message: '请再次输入新密码' },
              ({ getFieldValue }) => ({
                validator: async (_, value: string | undefined) => {
                  if (value && value !== getFieldValue('newPassword'))
                    throw new Error('两次输入的密码不一致');
                },
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" maxLength={limits.password.max} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={change.isPending}>
            确认修改
          </Button>
        </Form>
        <Flex justify="space-between" style={{ marginTop: 16 }}>
          {forced ? <span /> : <Button onClick={() => navigate(-1)}>返回</Button>}
          <Button type="link" onClick={() => void signOut()}>
            退出登录
          </Button>
        </Flex>
      </Card>
    </PublicLayout>
  );
}
