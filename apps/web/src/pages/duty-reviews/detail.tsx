import { DownloadOutlined } from '@ant-design/icons';
import {
  type DutyReviewDetail,
  type DutyReviewGrade,
  type DutyReviewSubject,
  dutyReviewEventLabels,
  dutyReviewGradeLabels,
  dutyReviewGrades,
  dutyReviewLevelLabels,
  dutyReviewLimits,
  dutyReviewStatuses,
  dutyReviewStatusLabels,
  dutyReviewTransitionLabels,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  Collapse,
  DatePicker,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Result,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { useErrorHandler } from '../../lib/errors';
import { toIsoDate } from '../../lib/format';
import { formatShanghai } from '../activities/columns';
import { recordPath } from '../assessments/record-links';
import {
  resultsUrl,
  useAddComment,
  useAddQuestion,
  useDutyReviewDetail,
  useDutyReviewEvidence,
  useDutyReviewTransition,
  useOpenRectifications,
  useSaveReport,
  useSetGrade,
} from './api';
import { DutyReviewStatusTag } from './columns';

/** 述职佐证: the org's figures of the year, read from the records, each linking them. */
function Evidence({ reviewId, subject }: { reviewId: number; subject: DutyReviewSubject }) {
  const [open, setOpen] = useState(false);
  const evidence = useDutyReviewEvidence(reviewId, subject.id, open);
  return (
    <Collapse
      size="small"
      onChange={(keys) => setOpen(keys.length > 0)}
      items={[
        {
          key: 'evidence',
          label: '述职佐证（由业务记录自动生成）',
          children: evidence.isError ? (
            <QueryError error={evidence.error} onRetry={() => void evidence.refetch()} />
          ) : !evidence.data ? (
            <Skeleton active />
          ) : (
            <List
              size="small"
              dataSource={evidence.data.facts}
              renderItem={(f) => (
                <List.Item>
                  <Flex vertical gap={2} style={{ width: '100%' }}>
                    <Space wrap>
                      <Typography.Text strong>{f.label}</Typography.Text>
                      <Tag color="blue">{f.value}</Tag>
                    </Space>
                    <Typography.Text type="secondary">{f.detail}</Typography.Text>
                    {f.records.length > 0 ? (
                      <Space wrap size={[8, 0]}>
                        {f.records.slice(0, 8).map((r) => {
                          const path = recordPath(r);
                          const label = r.label ?? r.id;
                          return path ? (
                            <Link key={`${r.kind}-${r.id}`} to={path}>
                              {label}
                            </Link>
                          ) : (
                            <span key={`${r.kind}-${r.id}`}>{label}</span>
                          );
                        })}
                      </Space>
                    ) : null}
                  </Flex>
                </List.Item>
              )}
            />
          ),
        },
      ]}
    />
  );
}

/** The secretary's own 述职报告: a draft saved, or submitted. */
function ReportEditor({ review, subject }: { review: DutyReviewDetail; subject: DutyReviewSubject }) {
  const save = useSaveReport(review.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [text, setText] = useState(subject.report ?? '');
  const send = async (submit: boolean) => {
    try {
      await save.mutateAsync({ subjectId: subject.id, report: text, submit });
      message.success(submit ? '述职报告已提交' : '草稿已保存');
    } catch (e) {
      handleError(e);
    }
  };
  return (
    <Flex vertical gap={8}>
      <Input.TextArea
        aria-label="述职报告"
        rows={10}
        value={text}
        onChange={(e) => setText(e.target.value)}
        maxLength={dutyReviewLimits.report.max}
        showCount
        placeholder="抓基层党建工作情况：落实“三会一课”、党员教育管理、发展党员、整改落实，存在的问题和下一步打算（佐证材料由平台自动附上，不必重复填写）"
      />
      <Space>
        <Button onClick={() => void send(false)} loading={save.isPending} disabled={!text.trim()}>
          保存草稿
        </Button>
        <Button
          type="primary"
          onClick={() => void send(true)}
          loading={save.isPending}
          disabled={text.trim().length < dutyReviewLimits.report.min}
        >
          提交述职报告
        </Button>
      </Space>
    </Flex>
  );
}

/** 答辩 or 点评 recorded at the 述职会. */
function MeetingEntry({ review, subject }: { review: DutyReviewDetail; subject: DutyReviewSubject }) {
  const addQuestion = useAddQuestion(review.id);
  const addComment = useAddComment(review.id);
  const [kind, setKind] = useState<'question' | 'comment' | null>(null);
  return (
    <>
      <Space>
        <Button onClick={() => setKind('question')}>记录答辩</Button>
        <Button onClick={() => setKind('comment')}>点评</Button>
      </Space>
      <FormModal<{ question?: string; answer?: string; content?: string }>
        title={kind === 'question' ? `答辩：${subject.person.name}` : `点评：${subject.person.name}`}
        open={kind !== null}
        onClose={() => setKind(null)}
        successMessage={kind === 'question' ? '已记录答辩' : '已记录点评'}
        onSubmit={(v) =>
          kind === 'question'
            ? addQuestion.mutateAsync({
                subjectId: subject.id,
                question: (v.question ?? '').trim(),
                answer: v.answer?.trim() || null,
              })
            : addComment.mutateAsync({ subjectId: subject.id, content: (v.content ?? '').trim() })
        }
      >
        {kind === 'question' ? (
          <>
            <Form.Item name="question" label="答辩问题" rules={[{ required: true, whitespace: true }]}>
              <Input.TextArea rows={2} maxLength={dutyReviewLimits.question.max} />
            </Form.Item>
            <Form.Item name="answer" label="回答">
              <Input.TextArea rows={3} maxLength={dutyReviewLimits.answer.max} />
            </Form.Item>
          </>
        ) : (
          <Form.Item name="content" label="点评意见" rules={[{ required: true, whitespace: true }]}>
            <Input.TextArea rows={4} maxLength={dutyReviewLimits.comment.max} showCount />
          </Form.Item>
        )}
      </FormModal>
    </>
  );
}

/** 综合评定 of one secretary: the 党委's score, the grade (an override with its reason). */
function GradeForm({ review, subject }: { review: DutyReviewDetail; subject: DutyReviewSubject }) {
  const setGrade = useSetGrade(review.id);
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)}>
        综合评定
      </Button>
      <FormModal<{ evaluationScore: number | null; grade: DutyReviewGrade; overrideReason?: string }>
        title={`综合评定：${subject.org.name} ${subject.person.name}`}
        open={open}
        onClose={() => setOpen(false)}
        successMessage="已评定"
        initialValues={{
          evaluationScore: subject.evaluationScore,
          grade: subject.grade ?? subject.computed?.grade ?? 'good',
        }}
        onSubmit={(v) =>
          setGrade.mutateAsync({
            subjectId: subject.id,
            evaluationScore: v.evaluationScore ?? null,
            grade: v.grade,
            overrideReason: v.overrideReason?.trim() || null,
            version: subject.version,
          })
        }
      >
        <Typography.Paragraph type="secondary">{review.ruleText}</Typography.Paragraph>
        <Form.Item
          name="evaluationScore"
          label={`党委（党总支）评价分（权重 ${review.rule.evaluationWeight}%）`}
          rules={review.rule.evaluationWeight > 0 ? [{ required: true, message: '请填写评价分' }] : []}
        >
          <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="grade" label="评定等次" rules={[{ required: true }]}>
          <Select options={dutyReviewGrades.map((g) => ({ value: g, label: dutyReviewGradeLabels[g] }))} />
        </Form.Item>
        <Form.Item name="overrideReason" label="调整理由" extra="评定等次与按规则计算的等次不同时必填">
          <Input.TextArea rows={2} maxLength={dutyReviewLimits.reason.max} />
        </Form.Item>
      </FormModal>
    </>
  );
}

function SubjectCard({ review, subject }: { review: DutyReviewDetail; subject: DutyReviewSubject }) {
  const v = subject.votes;
  return (
    <Card
      size="small"
      title={`${subject.org.name} ${subject.person.name}`}
      extra={
        subject.grade ? (
          <Tag color={subject.grade === 'poor' ? 'red' : 'green'}>
            等次：{dutyReviewGradeLabels[subject.grade]}
          </Tag>
        ) : subject.reportSubmittedAt ? (
          <Tag>已提交述职报告</Tag>
        ) : (
          <Tag color="gold">述职报告未提交</Tag>
        )
      }
    >
      <Flex vertical gap={12}>
        {subject.abilities.writeReport ? (
          <ReportEditor review={review} subject={subject} />
        ) : (
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} ellipsis={{ rows: 6, expandable: true }}>
            {subject.report ?? '（尚未提交述职报告）'}
          </Typography.Paragraph>
        )}
        <Evidence reviewId={review.id} subject={subject} />
        {subject.questions.length > 0 ? (
          <List
            size="small"
            header="答辩"
            dataSource={subject.questions}
            renderItem={(q) => (
              <List.Item>
                <div>
                  <div>问：{q.question}</div>
                  {q.answer ? <Typography.Text type="secondary">答：{q.answer}</Typography.Text> : null}
                </div>
              </List.Item>
            )}
          />
        ) : null}
        {subject.comments.length > 0 ? (
          <List
            size="small"
            header="点评"
            dataSource={subject.comments}
            renderItem={(c) => (
              <List.Item>
                <div>
                  <div style={{ whiteSpace: 'pre-wrap' }}>{c.content}</div>
                  <Typography.Text type="secondary">
                    {c.authorName} · {formatShanghai(c.at)}
                    {c.rectificationId ? (
                      <>
                        {' · '}
                        <Link to={`/rectifications/${c.rectificationId}`}>整改事项</Link>
                      </>
                    ) : null}
                  </Typography.Text>
                </div>
              </List.Item>
            )}
          />
        ) : null}
        {review.abilities.record ? <MeetingEntry review={review} subject={subject} /> : null}
        {v ? (
          <Descriptions size="small" column={{ xs: 1, sm: 2 }} bordered>
            <Descriptions.Item label="测评票">
              {dutyReviewGrades.map((g) => `${dutyReviewGradeLabels[g]} ${v.counts[g]}`).join('，')}
              {v.abstain > 0 ? `，弃权 ${v.abstain}` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="按规则计算">
              {subject.computed
                ? `测评 ${subject.computed.ballotScore} 分，综合 ${subject.computed.score} 分，${dutyReviewGradeLabels[subject.computed.grade]}${subject.computed.capped ? '（差票比例封顶）' : ''}`
                : (subject.computeNote ?? '—')}
            </Descriptions.Item>
            {subject.overrideReason ? (
              <Descriptions.Item label="调整理由" span={2}>
                {subject.overrideReason}
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        ) : null}
        {review.abilities.grade ? <GradeForm review={review} subject={subject} /> : null}
      </Flex>
    </Card>
  );
}

/** The campaign's next step, and 点评转整改 once the grades are 审定. */
function Actions({ review, onConflict }: { review: DutyReviewDetail; onConflict: () => void }) {
  const step = useDutyReviewTransition(review.id);
  const rectify = useOpenRectifications(review.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [rectifying, setRectifying] = useState(false);
  const t = review.abilities.transition;
  return (
    <Space wrap>
      {t ? (
        <Button
          type="primary"
          loading={step.isPending}
          onClick={async () => {
            try {
              await step.mutateAsync({ transition: t, version: review.version });
              message.success(`已${dutyReviewTransitionLabels[t]}`);
            } catch (e) {
              if (isApiError(e) && e.status === 409) onConflict();
              handleError(e);
            }
          }}
        >
          {dutyReviewTransitionLabels[t]}
        </Button>
      ) : null}
      {review.abilities.openRectifications ? (
        <Button onClick={() => setRectifying(true)}>点评转整改</Button>
      ) : null}
      <Button icon={<DownloadOutlined />} href={resultsUrl(review.id)}>
        述职评议考核结果
      </Button>
      <FormModal<{ deadline: import('dayjs').Dayjs }>
        title="点评意见转为整改事项"
        open={rectifying}
        onClose={() => setRectifying(false)}
        successMessage="已生成整改事项"
        onSubmit={(v) => rectify.mutateAsync(toIsoDate(v.deadline) ?? '')}
      >
        <Typography.Paragraph>
          每条点评生成一项整改事项（整改方案 +
          整改责任清单），由被点评书记所在党组织整改、书记为责任人；只能转一次。
        </Typography.Paragraph>
        <Form.Item name="deadline" label="整改期限" rules={[{ required: true, message: '请选择整改期限' }]}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      </FormModal>
    </Space>
  );
}

/** One 述职评议: its procedure, the secretaries with their reports, evidence, 答辩, 点评, votes and grades. */
export function DutyReviewDetailPage() {
  const id = Number(useParams().id);
  const detail = useDutyReviewDetail(Number.isInteger(id) && id > 0 ? id : null);
  if (detail.isError)
    return isApiError(detail.error) && detail.error.status === 404 ? (
      <Result status="404" title="该述职评议不存在" />
    ) : (
      <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
    );
  const r = detail.data;
  if (!r) return <Skeleton active />;
  const current = dutyReviewStatuses.indexOf(r.status);
  return (
    <PageContainer title={r.title} extra={<DutyReviewStatusTag status={r.status} />}>
      <Flex vertical gap={16}>
        <Card>
          <Steps
            size="small"
            current={current}
            items={dutyReviewStatuses.map((s) => ({ title: dutyReviewStatusLabels[s] }))}
            responsive
          />
          <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label="组织单位">{r.org.name}</Descriptions.Item>
            <Descriptions.Item label="述职对象">{dutyReviewLevelLabels[r.level]}</Descriptions.Item>
            <Descriptions.Item label="时间">
              {r.startsOn} 至 {r.endsOn}
            </Descriptions.Item>
            <Descriptions.Item label="述职报告截止">{r.reportDueOn}</Descriptions.Item>
            <Descriptions.Item label="参加测评">
              {r.voters} 人
              {r.voterGroups.representatives > 0 ? `（含党员代表 ${r.voterGroups.representatives} 人）` : ''}
            </Descriptions.Item>
            <Descriptions.Item label="测评进度">
              {r.ballot ? (
                <Link to={`/ballots/${r.ballot.id}`}>
                  已投 {r.ballot.cast} / {r.ballot.eligible}
                </Link>
              ) : (
                '未开始'
              )}
            </Descriptions.Item>
            <Descriptions.Item label="综合评定规则" span={3}>
              {r.ruleText}
            </Descriptions.Item>
          </Descriptions>
          {r.abilities.manage ? <Actions review={r} onConflict={() => void detail.refetch()} /> : null}
        </Card>
        {r.subjects.length === 0 ? (
          <Empty description="没有参加述职的书记" />
        ) : (
          r.subjects.map((s) => <SubjectCard key={s.id} review={r} subject={s} />)
        )}
        <Card title="办理经过">
          <Timeline
            items={r.events.map((e, i) => ({
              key: `${e.at}-${i}`,
              content: (
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {formatShanghai(e.at)} {e.actorName ?? ''}
                  </Typography.Text>
                  <div>
                    <Tag>{dutyReviewEventLabels[e.kind]}</Tag>
                    {e.note}
                  </div>
                </div>
              ),
            }))}
          />
        </Card>
      </Flex>
    </PageContainer>
  );
}
