import { type NotificationKind, notificationKindLabels, notificationKinds } from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Flex,
  Form,
  Input,
  InputNumber,
  Skeleton,
  Switch,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useErrorHandler } from '../../lib/errors';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  type NotificationSettings,
  type NotificationSettingsChange,
  useNotificationSettings,
  useSaveNotificationSettings,
} from './api';

const timeFormat = 'HH:mm';

/** The form's values: times as pickers hold them, the kinds that do go by e-mail. */
interface SettingsValues {
  emailEnabled: boolean;
  email: string;
  mutedKinds: NotificationKind[];
  quietStart: Dayjs | null;
  quietEnd: Dayjs | null;
  digestAfter: number | null;
}

function toValues(s: NotificationSettings): SettingsValues {
  return {
    emailEnabled: s.emailEnabled,
    email: s.email ?? '',
    mutedKinds: s.mutedKinds,
    quietStart: dayjs(s.quietStart, timeFormat),
    quietEnd: dayjs(s.quietEnd, timeFormat),
    digestAfter: s.digestAfter,
  };
}

/** The PUT body; the e-mail fields stay as they are when the server cannot send e-mail. */
function toChange(v: SettingsValues, emailAvailable: boolean): NotificationSettingsChange {
  const email = v.email.trim();
  return {
    ...(emailAvailable ? { emailEnabled: v.emailEnabled, email: email === '' ? null : email } : {}),
    mutedKinds: v.mutedKinds,
    ...(v.quietStart ? { quietStart: v.quietStart.format(timeFormat) } : {}),
    ...(v.quietEnd ? { quietEnd: v.quietEnd.format(timeFormat) } : {}),
    ...(v.digestAfter !== null ? { digestAfter: v.digestAfter } : {}),
  };
}

/**
 * 通知设置: whether messages also go by e-mail (and which kinds do not), the quiet hours for e-mail,
 * and the daily cap after which the rest wait for the next morning's digest. The message centre
 * keeps every message whatever is chosen here.
 */
export function NotificationSettingsPage() {
  const settings = useNotificationSettings();
  const save = useSaveNotificationSettings();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const isNarrow = useIsNarrow();
  const [form] = Form.useForm<SettingsValues>();
  const data = settings.data;
  const emailAvailable = data?.emailAvailable ?? false;
  const emailEnabled = Form.useWatch('emailEnabled', form) ?? false;

  useEffect(() => {
    if (data) form.setFieldsValue(toValues(data));
  }, [data, form]);

  const submit = (values: SettingsValues) =>
    save.mutate(toChange(values, emailAvailable), {
      onSuccess: () => message.success('通知设置已保存'),
      onError: (error) => handleError(error, { form }),
    });

  return (
    <PageContainer title="通知设置" extra={<Link to="/notifications">返回消息中心</Link>}>
      {settings.isPending ? <Skeleton active /> : null}
      {settings.isError ? (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      ) : null}
      {data ? (
        <Form<SettingsValues>
          form={form}
          layout="vertical"
          initialValues={toValues(data)}
          onFinish={submit}
          style={{ maxWidth: 720 }}
        >
          <Flex vertical gap={16}>
            <Card title="电子邮件" size="small">
              {emailAvailable ? null : (
                <Alert
                  type="info"
                  showIcon
                  style={{ marginBottom: 16 }}
                  title="邮件服务未配置"
                  description="本平台尚未配置发信服务器，暂不能发送邮件通知；消息仍会保存在消息中心。"
                />
              )}
              <Form.Item name="emailEnabled" label="同时发送电子邮件" valuePropName="checked">
                <Switch disabled={!emailAvailable} />
              </Form.Item>
              <Form.Item
                name="email"
                label="电子邮箱"
                rules={[
                  { type: 'email', message: '电子邮箱格式不正确' },
                  { required: emailAvailable && emailEnabled, message: '开启邮件通知须填写电子邮箱' },
                ]}
              >
                <Input
                  disabled={!emailAvailable}
                  maxLength={200}
                  autoComplete="email"
                  placeholder="name@example.edu.cn"
                  style={{ maxWidth: 360 }}
                />
              </Form.Item>
              <Form.Item
                name="mutedKinds"
                label="以下类型不发邮件"
                extra="勾选的类型只在消息中心提示，不发送邮件；消息中心始终保存全部消息。"
              >
                <Checkbox.Group
                  options={notificationKinds.map((k) => ({ value: k, label: notificationKindLabels[k] }))}
                />
              </Form.Item>
            </Card>

            <Card title="免打扰与每日上限" size="small">
              <Form.Item
                label="免打扰时段"
                extra="免打扰时段内的邮件在结束后发出；开始与结束相同表示不设免打扰。"
                style={{ marginBottom: 16 }}
              >
                <Flex gap={8} align="center" wrap>
                  <Form.Item
                    name="quietStart"
                    noStyle
                    rules={[{ required: true, message: '请选择开始时间' }]}
                  >
                    <TimePicker
                      format={timeFormat}
                      minuteStep={5}
                      allowClear={false}
                      inputReadOnly={isNarrow}
                      aria-label="免打扰开始时间"
                      placeholder="开始"
                    />
                  </Form.Item>
                  <Typography.Text>至</Typography.Text>
                  <Form.Item name="quietEnd" noStyle rules={[{ required: true, message: '请选择结束时间' }]}>
                    <TimePicker
                      format={timeFormat}
                      minuteStep={5}
                      allowClear={false}
                      inputReadOnly={isNarrow}
                      aria-label="免打扰结束时间"
                      placeholder="结束"
                    />
                  </Form.Item>
                </Flex>
              </Form.Item>
              <Form.Item
                name="digestAfter"
                label="每日邮件上限"
                extra="超过的消息次日 8:00 合并为一封汇总。"
                rules={[{ required: true, message: '请填写每日邮件上限' }]}
              >
                <InputNumber min={1} max={50} precision={0} suffix="封" style={{ width: 140 }} />
              </Form.Item>
            </Card>

            <Flex gap={8}>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                保存
              </Button>
              <Button onClick={() => form.setFieldsValue(toValues(data))}>还原</Button>
            </Flex>
          </Flex>
        </Form>
      ) : null}
    </PageContainer>
  );
}
