import { appraisalStatusLabels, type MyAppraisal, memberAppraisalLimits } from '@dangjian/core';
import { Alert, Button, Card, Empty, Flex, Form, Input, Select, Skeleton, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useErrorHandler } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useAddPeerComment, useMyAppraisals, useWriteSelfAssessment } from './api';
import { AppraisalStatusTag, GradeTag } from './columns';

/** The 个人自评 form: what the member writes against the standards of a party member. */
function SelfAssessmentForm({ item }: { item: MyAppraisal }) {
  const write = useWriteSelfAssessment();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<{ text: string }>();
  const [saved, setSaved] = useState(false);
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ text: item.selfAssessment ?? '' }}
      onFinish={async (v) => {
        try {
          await write.mutateAsync({ id: item.id, text: v.text.trim() });
          setSaved(true);
        } catch (error) {
          handleError(error, { form });
        }
      }}
    >
      <Form.Item
        name="text"
        label="个人自评"
        rules={[
          { required: true, whitespace: true, message: '请填写个人自评' },
          {
            min: memberAppraisalLimits.selfAssessment.min,
            message: `个人自评至少 ${memberAppraisalLimits.selfAssessment.min} 个字`,
          },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 6 }}
          // The guidance as the placeholder: under the field it collided with the character count on a phone.
          placeholder="对照党员标准，从政治思想、学习工作、组织纪律、作风表现等方面总结本年度的表现和不足"
          maxLength={memberAppraisalLimits.selfAssessment.max}
          showCount
          onChange={() => setSaved(false)}
        />
      </Form.Item>
      {saved ? (
        <Alert
          type="success"
          showIcon
          title="个人自评已提交，支部书记可以看到"
          style={{ marginBottom: 12 }}
        />
      ) : null}
      <Button type="primary" htmlType="submit" size="large" block loading={write.isPending}>
        {item.selfAssessment ? '修改个人自评' : '提交个人自评'}
      </Button>
    </Form>
  );
}

/** 党员互评: a short comment about another member on the roll, seen by the 支委会 only. */
function PeerCommentForm({ item }: { item: MyAppraisal }) {
  const add = useAddPeerComment();
  const handleError = useErrorHandler();
  const [form] = Form.useForm<{ aboutPersonId: number; comment: string }>();
  return (
    <Form
      form={form}
      layout="vertical"
      onFinish={async (v) => {
        try {
          await add.mutateAsync({ id: item.id, aboutPersonId: v.aboutPersonId, comment: v.comment.trim() });
          form.resetFields();
        } catch (error) {
          handleError(error, { form });
        }
      }}
    >
      <Form.Item name="aboutPersonId" label="评议对象" rules={[{ required: true, message: '请选择党员' }]}>
        <Select size="large" options={item.peers.map((p) => ({ value: p.personId, label: p.name }))} />
      </Form.Item>
      <Form.Item
        name="comment"
        label="互评意见（只有支委会可见）"
        rules={[{ required: true, whitespace: true, message: '请填写互评意见' }]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          maxLength={memberAppraisalLimits.peerComment.max}
          showCount
        />
      </Form.Item>
      <Button htmlType="submit" size="large" block loading={add.isPending}>
        提交互评意见
      </Button>
      {item.myPeerComments.length > 0 ? (
        <Flex vertical gap={4} style={{ marginTop: 12 }}>
          {item.myPeerComments.map((c) => (
            <Typography.Text key={c.aboutName} type="secondary">
              {c.aboutName}：{c.comment}
            </Typography.Text>
          ))}
        </Flex>
      ) : null}
    </Form>
  );
}

function AppraisalCard({ item }: { item: MyAppraisal }) {
  return (
    <Card size="small" styles={{ body: { padding: 14 } }}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {item.year}年度民主评议党员
          </Typography.Text>
          <AppraisalStatusTag status={item.status} />
        </Flex>
        <Typography.Text type="secondary">{item.orgName}</Typography.Text>
        {item.probationary ? <Alert type="info" showIcon title="预备党员参加民主评议，不评定等次" /> : null}
        {item.canWrite ? (
          <SelfAssessmentForm item={item} />
        ) : item.selfAssessment ? (
          <>
            <Typography.Text type="secondary">
              个人自评（{item.selfAssessedAt ? formatDateTime(item.selfAssessedAt) : ''} 提交）
            </Typography.Text>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {item.selfAssessment}
            </Typography.Paragraph>
          </>
        ) : (
          <Typography.Text type="secondary">
            未填写个人自评（{appraisalStatusLabels[item.status]}）
          </Typography.Text>
        )}
        {item.status === 'peer_review' ? <PeerCommentForm item={item} /> : null}
        {item.status === 'voting' && item.ballotId ? (
          <Link to="/me/ballots">
            <Button type="primary" size="large" block>
              参加民主测评投票
            </Button>
          </Link>
        ) : null}
        {item.decidedGrade ? (
          <Flex gap={8} align="center">
            <Typography.Text>党员大会评定：</Typography.Text>
            <GradeTag grade={item.decidedGrade} />
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 我的自评 (phone): the member's appraisals — write the 个人自评, 互评 when open, vote, see the grade. */
export function MyAppraisalPage() {
  const mine = useMyAppraisals();
  return (
    <PageContainer title="我的民主评议">
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
        {mine.isPending ? <Skeleton active /> : null}
        {mine.data && mine.data.items.length === 0 ? (
          <Empty description="本年度和上一年度没有参加的民主评议" />
        ) : null}
        {(mine.data?.items ?? []).map((item) => (
          <AppraisalCard key={item.id} item={item} />
        ))}
      </Flex>
    </PageContainer>
  );
}
