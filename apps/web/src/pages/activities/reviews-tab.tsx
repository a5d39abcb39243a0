import { AuditOutlined } from '@ant-design/icons';
import {
  type ActivityDetail,
  type ActivityReview,
  activityLimits,
  type ReviewRating,
  reviewRatingLabels,
  reviewRatings,
} from '@dangjian/core';
import { Button, Card, Empty, Flex, Form, Input, Radio, Typography } from 'antd';
import { useState } from 'react';
import { FormModal } from '../../components/form-dialog';
import { useCreateReview, useRespondToReview } from './api';
import { formatShanghai, RatingTag } from './columns';

interface ReviewValues {
  rating: ReviewRating;
  contentComment?: string | null;
  procedureComment?: string | null;
}

const commentRules = (label: string) => [
  { max: activityLimits.comment.max, message: `${label}不能超过 ${activityLimits.comment.max} 个字` },
];
const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

function ReviewCard({ review, onRespond }: { review: ActivityReview; onRespond?: () => void }) {
  return (
    <Card
      size="small"
      title={
        <Flex gap={8} wrap align="center">
          <RatingTag rating={review.rating} />
          <span>
            {review.reviewerName}
            {review.reviewerOrg ? `（${review.reviewerOrg.name}）` : ''}
          </span>
          <Typography.Text type="secondary">{formatShanghai(review.reviewedAt)}</Typography.Text>
        </Flex>
      }
      extra={
        onRespond ? (
          <Button size="small" type="primary" onClick={onRespond}>
            回复
          </Button>
        ) : null
      }
    >
      <Flex vertical gap={8}>
        <div>
          <Typography.Text type="secondary">内容方面：</Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
            {review.contentComment ?? '无'}
          </Typography.Text>
        </div>
        <div>
          <Typography.Text type="secondary">程序方面：</Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>
            {review.procedureComment ?? '无'}
          </Typography.Text>
        </div>
        {review.response ? (
          <Card
            size="small"
            type="inner"
            title={`支部回复：${review.responderName ?? ''} ${formatShanghai(review.respondedAt)}`}
          >
            <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{review.response}</Typography.Text>
          </Card>
        ) : null}
      </Flex>
    </Card>
  );
}

/** 督促检查: a reviewer rates the record with comments; the branch sees them and responds. */
export function ReviewsTab({ detail }: { detail: ActivityDetail }) {
  const create = useCreateReview(detail.id);
  const respond = useRespondToReview(detail.id);
  const [reviewing, setReviewing] = useState(false);
  const [responding, setResponding] = useState<ActivityReview | null>(null);

  return (
    <Flex vertical gap={12}>
      {detail.abilities.review ? (
        <Flex justify="end">
          <Button type="primary" icon={<AuditOutlined />} onClick={() => setReviewing(true)}>
            检查评价
          </Button>
        </Flex>
      ) : null}
      {detail.reviews.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="还没有督促检查意见" />
      ) : (
        detail.reviews.map((r) => (
          <ReviewCard
            key={r.id}
            review={r}
            {...(detail.abilities.respond && r.response === null
              ? { onRespond: () => setResponding(r) }
              : {})}
          />
        ))
      )}

      <FormModal<ReviewValues>
        title="检查评价"
        open={reviewing}
        onClose={() => setReviewing(false)}
        initialValues={{ rating: 'standard' }}
        onSubmit={(v) =>
          create.mutateAsync({
            rating: v.rating,
            contentComment: blankToNull(v.contentComment),
            procedureComment: blankToNull(v.procedureComment),
          })
        }
        successMessage="评价已提交，支部可以看到"
        okText="提交"
      >
        <Form.Item name="rating" label="评价" rules={[{ required: true, message: '请选择评价' }]}>
          <Radio.Group
            optionType="button"
            options={reviewRatings.map((r) => ({ value: r, label: reviewRatingLabels[r] }))}
          />
        </Form.Item>
        <Form.Item name="contentComment" label="内容方面的意见" rules={commentRules('内容意见')}>
          <Input.TextArea autoSize={{ minRows: 3 }} placeholder="如：学习内容与主题结合不够紧密" />
        </Form.Item>
        <Form.Item name="procedureComment" label="程序方面的意见" rules={commentRules('程序意见')}>
          <Input.TextArea autoSize={{ minRows: 3 }} placeholder="如：未记录表决情况、缺少请假审批" />
        </Form.Item>
      </FormModal>

      {responding ? (
        <FormModal<{ response: string }>
          title="回复检查意见"
          open
          onClose={() => setResponding(null)}
          onSubmit={({ response }) =>
            respond.mutateAsync({ reviewId: responding.id, body: { response: response.trim() } })
          }
          successMessage="已回复"
          okText="回复"
        >
          <Form.Item
            name="response"
            label="整改情况或说明"
            rules={[{ required: true, whitespace: true, message: '请填写回复' }, ...commentRules('回复')]}
          >
            <Input.TextArea autoSize={{ minRows: 3 }} />
          </Form.Item>
        </FormModal>
      ) : null}
    </Flex>
  );
}
