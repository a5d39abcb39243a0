import { DownloadOutlined } from '@ant-design/icons';
import {
  type CadreConsequenceKind,
  type CadreReviewDetail,
  type CadreReviewGrade,
  type CadreReviewSubject,
  cadreConsequenceKindLabels,
  cadreConsequenceKinds,
  cadreReviewGradeLabels,
  cadreReviewGrades,
  cadreReviewLimits,
  cadreReviewStatuses,
  cadreReviewStatusLabels,
  cadreReviewStepLabels,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Result,
  Select,
  Skeleton,
  Space,
  Steps,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { isApiError } from '../../lib/api';
import { useErrorHandler } from '../../lib/errors';
import { toIsoDate } from '../../lib/format';
import {
  cadrePath,
  cadreReviewResultsUrl,
  useCadreReviewDetail,
  useCadreReviewHistory,
  useCadreReviewStep,
  useRecordConsequence,
  useSaveCadreReport,
  useSetCadreGrade,
} from './api';
import { CadreGradeTag, CadreReviewStatusTag } from './columns';

type Dialog =
  | { kind: 'report' | 'grade' | 'consequence'; subject: CadreReviewSubject }
  | { kind: 'history'; subject: CadreReviewSubject }
  | null;

const votesText = (s: CadreReviewSubject) =>
  s.votes
    ? cadreReviewGrades.map((g) => `${cadreReviewGradeLabels[g]} ${s.votes!.counts[g]}`).join('，') +
      (s.votes.abstain > 0 ? `，弃权 ${s.votes.abstain}` : '')
    : null;

const computedText = (s: CadreReviewSubject) =>
  s.computed
    ? `测评 ${s.computed.ballotScore}，综合 ${s.computed.score}，${cadreReviewGradeLabels[s.computed.grade]}${s.computed.capped ? '（低票比例封顶）' : ''}`
    : (s.computeNote ?? '—');

function Report({ s }: { s: CadreReviewSubject }) {
  if (s.dutyReview)
    return <Link to={`/duty-reviews/${s.dutyReview.reviewId}`}>述职评议：{s.dutyReview.orgName}</Link>;
  return s.report ? <Tag color="green">已述职</Tag> : <Tag color="gold">未述职</Tag>;
}

function Consequences({ s }: { s: CadreReviewSubject }) {
  if (s.dueConsequences.length === 0 && s.consequences.length === 0) return <>—</>;
  return (
    <Space wrap size={[4, 4]}>
      {s.dueConsequences.map((d) => (
        <Tag key={d.kind} color={d.recorded ? 'default' : d.kind === 'yellow_card' ? 'gold' : 'red'}>
          {cadreConsequenceKindLabels[d.kind]}
          {d.recorded ? '（已落实）' : '（待落实）'}
        </Tag>
      ))}
      {s.consequences
        .filter((c) => !s.dueConsequences.some((d) => d.kind === c.kind))
        .map((c) => (
          <Tag key={c.id}>{cadreConsequenceKindLabels[c.kind]}</Tag>
        ))}
    </Space>
  );
}

function RowActions({
  review,
  s,
  open,
}: {
  review: CadreReviewDetail;
  s: CadreReviewSubject;
  open: (d: Dialog) => void;
}) {
  return (
    <Space wrap size={[4, 4]}>
      {review.abilities.report && !s.dutyReview ? (
        <Button size="small" onClick={() => open({ kind: 'report', subject: s })}>
          {s.report ? '修改述职' : '登记述职'}
        </Button>
      ) : null}
      {review.abilities.grade ? (
        <Button
          size="small"
          type={s.grade ? 'default' : 'primary'}
          onClick={() => open({ kind: 'grade', subject: s })}
        >
          评定
        </Button>
      ) : null}
      {review.abilities.consequences && (s.grade === 'basically_competent' || s.grade === 'incompetent') ? (
        <Button size="small" onClick={() => open({ kind: 'consequence', subject: s })}>
          结果运用
        </Button>
      ) : null}
      <Button size="small" type="link" onClick={() => open({ kind: 'history', subject: s })}>
        历年考核
      </Button>
    </Space>
  );
}

const dutyGradeLabels: Record<string, string> = {
  good: '好',
  fairly_good: '较好',
  average: '一般',
  poor: '差',
};

function assessmentText(a: NonNullable<CadreReviewSubject['partyWork'][number]['assessment']>): string {
  if (a.scoreOutOf100 !== null) return `党建考核 ${a.scoreOutOf100} 分${a.stars ? `（${a.stars} 星）` : ''}`;
  if (a.stars) return `党建考核 ${a.stars} 星`;
  if (a.passed !== null) return a.passed ? '党建考核达标' : '党建考核未达标';
  return `已参加${a.roundTitle}`;
}

/** The 党建 results of the orgs the cadre was secretary of. */
function PartyWork({ s }: { s: CadreReviewSubject }) {
  if (s.partyWork.length === 0) return null;
  return (
    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
      {s.partyWork
        .map((w) =>
          [
            `${w.orgName}书记`,
            w.assessment ? assessmentText(w.assessment) : null,
            w.dutyReviewGrade ? `述职评议${dutyGradeLabels[w.dutyReviewGrade] ?? w.dutyReviewGrade}` : null,
          ]
            .filter(Boolean)
            .join('，'),
        )
        .join('；')}
    </Typography.Text>
  );
}

function subjectColumns(review: CadreReviewDetail, open: (d: Dialog) => void) {
  return [
    {
      title: '姓名',
      key: 'name',
      width: 90,
      render: (_: unknown, s: CadreReviewSubject) => <Link to={cadrePath(s.cadreId)}>{s.name}</Link>,
    },
    {
      title: '现任职务',
      key: 'posts',
      width: 200,
      render: (_: unknown, s: CadreReviewSubject) => (
        <Flex vertical>
          <span>{s.posts}</span>
          <PartyWork s={s} />
        </Flex>
      ),
    },
    {
      title: '述职',
      key: 'report',
      width: 100,
      render: (_: unknown, s: CadreReviewSubject) => <Report s={s} />,
    },
    {
      title: '测评票（各项合计）',
      key: 'votes',
      width: 160,
      render: (_: unknown, s: CadreReviewSubject) => votesText(s) ?? '测评结束后显示',
    },
    {
      title: '按规则计算',
      key: 'computed',
      width: 150,
      render: (_: unknown, s: CadreReviewSubject) => computedText(s),
    },
    {
      title: '评定等次',
      key: 'grade',
      width: 90,
      render: (_: unknown, s: CadreReviewSubject) => (s.grade ? <CadreGradeTag grade={s.grade} /> : '—'),
    },
    {
      title: '结果运用',
      key: 'consequences',
      width: 150,
      render: (_: unknown, s: CadreReviewSubject) => <Consequences s={s} />,
    },
    {
      title: '操作',
      key: 'actions',
      width: 170,
      render: (_: unknown, s: CadreReviewSubject) => <RowActions review={review} s={s} open={open} />,
    },
  ];
}

function SubjectCard({
  review,
  s,
  open,
}: {
  review: CadreReviewDetail;
  s: CadreReviewSubject;
  open: (d: Dialog) => void;
}) {
  return (
    <Card
      size="small"
      title={<Link to={cadrePath(s.cadreId)}>{s.name}</Link>}
      extra={s.grade ? <CadreGradeTag grade={s.grade} /> : <Report s={s} />}
    >
      <Flex vertical gap={4}>
        <span>{s.posts}</span>
        <PartyWork s={s} />
        {s.votes ? <Typography.Text type="secondary">测评：{votesText(s)}</Typography.Text> : null}
        {s.votes ? <Typography.Text type="secondary">计算：{computedText(s)}</Typography.Text> : null}
        <Consequences s={s} />
        <RowActions review={review} s={s} open={open} />
      </Flex>
    </Card>
  );
}

function ReportDialog({
  review,
  s,
  onClose,
}: {
  review: CadreReviewDetail;
  s: CadreReviewSubject;
  onClose: () => void;
}) {
  const save = useSaveCadreReport(review.id);
  return (
    <FormModal<{ report: string }>
      title={`登记述职：${s.name}`}
      open
      onClose={onClose}
      successMessage="已登记述职"
      initialValues={{ report: s.report ?? '' }}
      width={640}
      onSubmit={(v) => save.mutateAsync({ subjectId: s.id, report: v.report.trim() })}
    >
      <Form.Item
        name="report"
        label="述职"
        rules={[{ required: true, whitespace: true, message: '请填写述职' }]}
      >
        <Input.TextArea rows={10} maxLength={cadreReviewLimits.report.max} showCount />
      </Form.Item>
    </FormModal>
  );
}

/** 评定: the 党委's score and the grade, with the 优秀 quota in view. */
function GradeDialog({
  review,
  s,
  onClose,
}: {
  review: CadreReviewDetail;
  s: CadreReviewSubject;
  onClose: () => void;
}) {
  const setGrade = useSetCadreGrade(review.id);
  const others = review.subjects.filter((x) => x.id !== s.id && x.grade === 'excellent').length;
  const full = others >= review.excellentQuota;
  return (
    <FormModal<{ evaluationScore: number | null; grade: CadreReviewGrade; overrideReason?: string }>
      title={`评定等次：${s.name}`}
      open
      onClose={onClose}
      successMessage="已评定"
      initialValues={{
        evaluationScore: s.evaluationScore,
        grade: s.grade ?? s.computed?.grade ?? 'competent',
      }}
      onSubmit={(v) =>
        setGrade.mutateAsync({
          subjectId: s.id,
          evaluationScore: v.evaluationScore ?? null,
          grade: v.grade,
          overrideReason: v.overrideReason?.trim() || null,
          version: s.version,
        })
      }
    >
      <Alert
        type={full ? 'warning' : 'info'}
        showIcon
        style={{ marginBottom: 12 }}
        title={`优秀名额：参加考核 ${review.subjects.length} 人 × ${review.rule.excellentQuotaPercent}% = ${review.excellentQuota} 人（向下取整），其他人已评优秀 ${others} 人${full ? '，名额已满' : ''}`}
      />
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="测评票">{votesText(s) ?? '—'}</Descriptions.Item>
        <Descriptions.Item label="按规则计算">{computedText(s)}</Descriptions.Item>
      </Descriptions>
      <Form.Item
        name="evaluationScore"
        label={`党委评价分（权重 ${review.rule.evaluationWeight}%）`}
        rules={review.rule.evaluationWeight > 0 ? [{ required: true, message: '请填写党委评价分' }] : []}
      >
        <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="grade" label="评定等次" rules={[{ required: true }]}>
        <Select
          options={cadreReviewGrades.map((g) => ({
            value: g,
            label: cadreReviewGradeLabels[g],
            disabled: g === 'excellent' && full,
          }))}
        />
      </Form.Item>
      <Form.Item name="overrideReason" label="调整理由" extra="评定等次与按规则计算的等次不同时必填">
        <Input.TextArea rows={2} maxLength={cadreReviewLimits.reason.max} />
      </Form.Item>
    </FormModal>
  );
}

function ConsequenceDialog({
  review,
  s,
  onClose,
}: {
  review: CadreReviewDetail;
  s: CadreReviewSubject;
  onClose: () => void;
}) {
  const record = useRecordConsequence(review.id);
  const pending = s.dueConsequences.find((d) => !d.recorded);
  return (
    <FormModal<{ kind: CadreConsequenceKind; decidedOn: Dayjs; note: string }>
      title={`结果运用：${s.name}（${s.grade ? cadreReviewGradeLabels[s.grade] : ''}）`}
      open
      onClose={onClose}
      successMessage="已登记结果运用"
      initialValues={pending ? { kind: pending.kind } : {}}
      onSubmit={(v) =>
        record.mutateAsync({
          subjectId: s.id,
          kind: v.kind,
          decidedOn: toIsoDate(v.decidedOn) ?? '',
          note: v.note.trim(),
        })
      }
    >
      {s.dueConsequences.length > 0 ? (
        <List
          size="small"
          style={{ marginBottom: 12 }}
          dataSource={s.dueConsequences}
          renderItem={(d) => (
            <List.Item>
              {cadreConsequenceKindLabels[d.kind]}：{d.reason}
              {d.recorded ? '（已落实）' : ''}
            </List.Item>
          )}
        />
      ) : null}
      <Form.Item name="kind" label="结果运用" rules={[{ required: true, message: '请选择' }]}>
        <Select
          options={cadreConsequenceKinds.map((k) => ({ value: k, label: cadreConsequenceKindLabels[k] }))}
        />
      </Form.Item>
      <Form.Item name="decidedOn" label="决定日期" rules={[{ required: true, message: '请选择日期' }]}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="note"
        label="说明"
        rules={[{ required: true, whitespace: true, message: '请填写说明' }]}
      >
        <Input.TextArea rows={3} maxLength={cadreReviewLimits.note.max} showCount />
      </Form.Item>
    </FormModal>
  );
}

function HistoryDialog({ s, onClose }: { s: CadreReviewSubject; onClose: () => void }) {
  const history = useCadreReviewHistory(s.cadreId);
  return (
    <Modal title={`历年年度考核：${s.name}`} open onCancel={onClose} footer={null}>
      {history.isError ? (
        <QueryError error={history.error} onRetry={() => void history.refetch()} />
      ) : !history.data ? (
        <Skeleton active />
      ) : (
        <List
          dataSource={history.data.entries}
          renderItem={(e) => (
            <List.Item>
              <Flex vertical gap={4}>
                <Space wrap>
                  <Typography.Text strong>{e.year} 年度</Typography.Text>
                  {e.grade ? (
                    <CadreGradeTag grade={e.grade} />
                  ) : (
                    <Tag>{cadreReviewStatusLabels[e.status]}</Tag>
                  )}
                </Space>
                <Typography.Text type="secondary">{e.posts}</Typography.Text>
                {e.consequences.map((c) => (
                  <span key={c.id}>
                    {c.decidedOn} {cadreConsequenceKindLabels[c.kind]}：{c.note}
                  </span>
                ))}
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}

function Actions({ review, onConflict }: { review: CadreReviewDetail; onConflict: () => void }) {
  const step = useCadreReviewStep(review.id);
  const handleError = useErrorHandler();
  const { message, modal } = App.useApp();
  const s = review.abilities.step;
  const run = async () => {
    if (!s) return;
    try {
      await step.mutateAsync({ step: s, version: review.version });
      message.success(`已${cadreReviewStepLabels[s]}`);
    } catch (e) {
      if (isApiError(e) && e.status === 409) onConflict();
      handleError(e);
    }
  };
  return (
    <Space wrap style={{ marginTop: 12 }}>
      {s ? (
        <Button
          type="primary"
          loading={step.isPending}
          onClick={() =>
            s === 'publish' || s === 'close_voting'
              ? modal.confirm({ title: `确认${cadreReviewStepLabels[s]}？`, onOk: run })
              : void run()
          }
        >
          {cadreReviewStepLabels[s]}
        </Button>
      ) : null}
      <Button icon={<DownloadOutlined />} href={cadreReviewResultsUrl(review.id)}>
        年度考核结果
      </Button>
    </Space>
  );
}

/** One round: its steps, the quota, each cadre's 述职, tally, grade and consequences. */
export function CadreReviewDetailPage() {
  const id = Number(useParams().id);
  const detail = useCadreReviewDetail(Number.isInteger(id) && id > 0 ? id : null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  if (detail.isError)
    return isApiError(detail.error) && detail.error.status === 404 ? (
      <Result status="404" title="该年度考核不存在" />
    ) : (
      <QueryError error={detail.error} onRetry={() => void detail.refetch()} />
    );
  const r = detail.data;
  if (!r) return <Skeleton active />;
  const close = () => setDialog(null);
  const start = (paging.page - 1) * paging.pageSize;
  return (
    <PageContainer title={r.title} extra={<CadreReviewStatusTag status={r.status} />}>
      <Flex vertical gap={16}>
        <Card>
          <Steps
            size="small"
            current={cadreReviewStatuses.indexOf(r.status)}
            items={cadreReviewStatuses.map((s) => ({ title: cadreReviewStatusLabels[s] }))}
            responsive
          />
          <Descriptions size="small" style={{ marginTop: 16 }} column={{ xs: 1, sm: 2, lg: 3 }}>
            <Descriptions.Item label="组织单位">{r.orgName}</Descriptions.Item>
            <Descriptions.Item label="考核基准日">{r.reviewOn}</Descriptions.Item>
            <Descriptions.Item label="考核干部">{r.subjects.length} 人</Descriptions.Item>
            <Descriptions.Item label="参加测评">{r.voters} 人</Descriptions.Item>
            <Descriptions.Item label="测评进度">
              {r.ballots.length === 0 ? (
                '未开始'
              ) : (
                <Space wrap>
                  {r.ballots.map((b) => (
                    <Link key={b.id} to={`/ballots/${b.id}`}>
                      {r.ballots.length > 1 ? `第${r.ballots.indexOf(b) + 1}组 ` : ''}已投 {b.cast} /{' '}
                      {b.eligible}
                    </Link>
                  ))}
                </Space>
              )}
            </Descriptions.Item>
            <Descriptions.Item label="优秀名额">
              已评 {r.excellent} / {r.excellentQuota} 人（{r.rule.excellentQuotaPercent}%，向下取整）
            </Descriptions.Item>
            <Descriptions.Item label="综合评定规则" span={3}>
              {r.ruleText}
            </Descriptions.Item>
          </Descriptions>
          {r.abilities.manage ? <Actions review={r} onConflict={() => void detail.refetch()} /> : null}
        </Card>
        <ResponsiveList<CadreReviewSubject>
          items={r.subjects.slice(start, start + paging.pageSize)}
          rowKey={(s) => s.id}
          columns={subjectColumns(r, setDialog)}
          renderCard={(s) => <SubjectCard review={r} s={s} open={setDialog} />}
          loading={detail.isFetching}
          emptyText="本轮没有考核干部"
          paging={{
            ...paging,
            total: r.subjects.length,
            unit: '人',
            onChange: (page, pageSize) =>
              setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
          }}
        />
      </Flex>
      {dialog?.kind === 'report' ? <ReportDialog review={r} s={dialog.subject} onClose={close} /> : null}
      {dialog?.kind === 'grade' ? <GradeDialog review={r} s={dialog.subject} onClose={close} /> : null}
      {dialog?.kind === 'consequence' ? (
        <ConsequenceDialog review={r} s={dialog.subject} onClose={close} />
      ) : null}
      {dialog?.kind === 'history' ? <HistoryDialog s={dialog.subject} onClose={close} /> : null}
    </PageContainer>
  );
}
