import { DeleteOutlined, PlusOutlined, SendOutlined } from '@ant-design/icons';
import { notificationChannelLabels, type OrgRobot, type RobotKind, robotKinds } from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Popconfirm,
  Radio,
  Skeleton,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/form-dialog';
import { QueryError } from '../../components/query-error';
import { useErrorHandler } from '../../lib/errors';
import { useCreateRobot, useDeleteRobot, useOrgRobots, useTestRobot } from '../notifications/api';

/** Where each kind's webhook address starts, as shown in the 添加 form. */
const urlPlaceholders = {
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
} as const satisfies Record<RobotKind, string>;

interface RobotFormValues {
  kind: RobotKind;
  url: string;
  secret?: string;
}

type TestResult = { ok: boolean; message: string };

function RobotRow({ robot, orgId }: { robot: OrgRobot; orgId: number }) {
  const test = useTestRobot();
  const remove = useDeleteRobot(orgId);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [result, setResult] = useState<TestResult | null>(null);
  const label = notificationChannelLabels[robot.kind];
  return (
    <Card size="small">
      <Flex vertical gap={8}>
        <Flex wrap gap={8} align="center" justify="space-between">
          <Flex wrap gap={6} align="center">
            <Tag color={robot.kind === 'wecom' ? 'green' : 'blue'} style={{ marginInlineEnd: 0 }}>
              {label}
            </Tag>
            {robot.hasSecret ? <Tag style={{ marginInlineEnd: 0 }}>已加签</Tag> : null}
            {robot.enabled ? null : <Tag style={{ marginInlineEnd: 0 }}>已停用</Tag>}
          </Flex>
          <Flex gap={8}>
            <Button
              size="small"
              icon={<SendOutlined />}
              loading={test.isPending}
              onClick={() =>
                test.mutate(robot.id, {
                  onSuccess: (r) => setResult(r),
                  onError: (e) => handleError(e),
                })
              }
            >
              测试
            </Button>
            <Popconfirm
              title={`删除${label}？`}
              description="删除后本组织的活动通知不再发到该群。"
              okText="删除"
              okButtonProps={{ danger: true }}
              cancelText="取消"
              onConfirm={() =>
                remove.mutateAsync(robot.id).then(
                  () => void message.success('群机器人已删除'),
                  (e: unknown) => handleError(e),
                )
              }
            >
              {/* Not `danger`: antd's error red (#ff4d4f) is 3.3:1 on white, below AA for text. */}
              <Button size="small" icon={<DeleteOutlined />} loading={remove.isPending}>
                删除
              </Button>
            </Popconfirm>
          </Flex>
        </Flex>
        <Typography.Text code style={{ wordBreak: 'break-all' }}>
          {robot.url}
        </Typography.Text>
        {result ? (
          <Alert
            type={result.ok ? 'success' : 'error'}
            showIcon
            closable={{ 'aria-label': '关闭测试结果', onClose: () => setResult(null) }}
            title={result.ok ? '测试消息已发送' : '测试消息发送失败'}
            description={result.message}
          />
        ) : null}
      </Flex>
    </Card>
  );
}

/** 群机器人: the org's 企业微信 / 钉钉 group robots that also carry its activity notices. */
export function RobotsTab({ orgId }: { orgId: number }) {
  const robots = useOrgRobots(orgId);
  const create = useCreateRobot(orgId);
  const [adding, setAdding] = useState(false);

  return (
    <Flex vertical gap={12}>
      <Flex wrap gap={8} align="center" justify="space-between">
        <Typography.Paragraph type="secondary" style={{ margin: 0, flex: '1 1 240px' }}>
          在企业微信或钉钉群中添加“群机器人”，复制其 Webhook 地址粘贴到这里；本组织的活动通知会同时发到该群。
        </Typography.Paragraph>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
          添加群机器人
        </Button>
      </Flex>
      {robots.isError ? <QueryError error={robots.error} onRetry={() => void robots.refetch()} /> : null}
      {robots.isPending ? <Skeleton active /> : null}
      {robots.data && robots.data.length === 0 ? <Empty description="尚未添加群机器人" /> : null}
      {robots.data?.map((robot) => (
        <RobotRow key={robot.id} robot={robot} orgId={orgId} />
      ))}
      <FormModal<RobotFormValues>
        title="添加群机器人"
        open={adding}
        onClose={() => setAdding(false)}
        okText="添加"
        successMessage="群机器人已添加"
        initialValues={{ kind: 'wecom' }}
        onSubmit={(values) =>
          create.mutateAsync({
            orgId,
            kind: values.kind,
            url: values.url.trim(),
            ...(values.kind === 'dingtalk' && values.secret?.trim() ? { secret: values.secret.trim() } : {}),
          })
        }
      >
        <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
          <Radio.Group options={robotKinds.map((k) => ({ value: k, label: notificationChannelLabels[k] }))} />
        </Form.Item>
        <Form.Item noStyle dependencies={['kind']}>
          {({ getFieldValue }) => {
            const kind: RobotKind = getFieldValue('kind') ?? 'wecom';
            return (
              <>
                <Form.Item
                  name="url"
                  label="Webhook 地址"
                  rules={[
                    { required: true, whitespace: true, message: '请填写 Webhook 地址' },
                    { type: 'url', message: '网址格式不正确' },
                  ]}
                >
                  <Input placeholder={urlPlaceholders[kind]} maxLength={500} autoComplete="off" />
                </Form.Item>
                {kind === 'dingtalk' ? (
                  <Form.Item
                    name="secret"
                    label="加签密钥"
                    extra="钉钉机器人安全设置选择“加签”时填写（以 SEC 开头）；使用关键词或 IP 白名单时留空。"
                  >
                    <Input.Password maxLength={200} autoComplete="off" placeholder="SEC…" />
                  </Form.Item>
                ) : null}
              </>
            );
          }}
        </Form.Item>
      </FormModal>
    </Flex>
  );
}
