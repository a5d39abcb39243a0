import { checkPassword, defaultSecurityPolicy, limits } from '@dangjian/core';
import { Button, DatePicker, Form, Input } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { fromIsoDate, todayIso } from '../../lib/format';

/** The administrator's username; fixed by the server. */
export const adminUsername = 'admin';

/** Values of the “建立本校党建平台” form. */
export interface OwnSetupValues {
  schoolName: string;
  committeeName: string;
  /** 启用日期: today by default, may be earlier, never later. */
  goLiveDate: Dayjs;
  adminPassword: string;
  confirmPassword: string;
}

/** The party committee's usual full name for a school. */
export function defaultCommitteeName(schoolName: string): string {
  const name = schoolName.trim();
  return name ? `中共${name}委员会` : '';
}

interface OwnSetupFormProps {
  submitting: boolean;
  onSubmit: (values: OwnSetupValues) => void;
  form: ReturnType<typeof Form.useForm<OwnSetupValues>>[0];
}

/** Form for a college setting up its own platform: names and the administrator's password. */
export function OwnSetupForm({ submitting, onSubmit, form }: OwnSetupFormProps) {
  // Keep suggesting 中共<学校名称>委员会 until the user types their own committee name.
  const [committeeEdited, setCommitteeEdited] = useState(false);

  return (
    <Form<OwnSetupValues>
      form={form}
      layout="vertical"
      onFinish={onSubmit}
      initialValues={{ goLiveDate: fromIsoDate(todayIso()) ?? undefined }}
      onValuesChange={(changed: Partial<OwnSetupValues>) => {
        if ('committeeName' in changed) setCommitteeEdited(true);
        if ('schoolName' in changed && !committeeEdited) {
          form.setFieldValue('committeeName', defaultCommitteeName(changed.schoolName ?? ''));
        }
      }}
    >
      <Form.Item
        name="schoolName"
        label="学校名称"
        rules={[
          { required: true, whitespace: true, message: '请输入学校名称' },
          { min: limits.schoolName.min, message: `至少 ${limits.schoolName.min} 个字符` },
          { max: limits.schoolName.max, message: `不能超过 ${limits.schoolName.max} 个字符` },
        ]}
      >
        <Input placeholder="例如：某某职业技术学院" maxLength={limits.schoolName.max} />
      </Form.Item>
      <Form.Item
        name="committeeName"
        label="党委名称"
        extra="默认为“中共<学校名称>委员会”，可修改"
        rules={[
          { required: true, whitespace: true, message: '请输入党委名称' },
          { min: 2, message: '至少 2 个字符' },
          { max: limits.orgName.max, message: `不能超过 ${limits.orgName.max} 个字符` },
        ]}
      >
        <Input maxLength={limits.orgName.max} />
      </Form.Item>
      <Form.Item
        name="goLiveDate"
        label="启用日期"
        extra="此日期以前的月份、季度、学期不再提示组织生活缺项；迁入往年记录的学校可选更早的日期，不能晚于今天"
        rules={[{ required: true, message: '请选择启用日期' }]}
      >
        <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.format('YYYY-MM-DD') > todayIso()} />
      </Form.Item>
      <Form.Item
        label="管理员账号"
        extra="系统管理员的用户名固定为 admin，登录后可再建立其他账号；安全管理员 secadmin 和审计员 auditor 账号同时建立，其一次性密码在建立后显示"
      >
        <Input value={adminUsername} disabled />
      </Form.Item>
      <Form.Item
        name="adminPassword"
        label="管理员密码"
        extra={`至少 ${defaultSecurityPolicy.passwordMinLength} 位，包含大写字母、小写字母、数字、符号中的至少 ${defaultSecurityPolicy.passwordMinClasses} 类`}
        rules={[
          { required: true, message: '请输入管理员密码' },
          {
            validator: async (_, value: string | undefined) => {
              const problems = value ? checkPassword(value, defaultSecurityPolicy, adminUsername) : [];
              if (problems.length > 0) throw new Error(problems.join('；'));
            },
          },
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={limits.password.max} />
      </Form.Item>
      <Form.Item
        name="confirmPassword"
        label="确认密码"
        dependencies={['adminPassword']}
        rules={[
          { required: true, message: '请再次输入密码' },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue('adminPassword')) throw new Error('两次输入的密码不一致');
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" maxLength={limits.password.max} />
      </Form.Item>
      <Button type="primary" htmlType="submit" block loading={submitting}>
        建立本校党建平台
      </Button>
    </Form>
  );
}
