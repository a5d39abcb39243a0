import {
  type BallotDetail,
  ballotLimits,
  ballotPurposeLabels,
  type PaperBatch,
  type PaperEntryBody,
  paperBatchStatusLabels,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Progress,
  Result,
  Select,
  Skeleton,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { useErrorHandler } from '../../lib/errors';
import { formatShanghai } from '../activities/columns';
import {
  useBallotDetail,
  useCloseBallot,
  useCreatePaperBatch,
  useEnterPaperBatch,
  useMarkPaperVoters,
  usePublishBallot,
} from './api';
import { BallotPhaseTag, TallySummary, TallyTable } from './tally';

const batchColors = { entering: 'blue', mismatch: 'red', counted: 'green' } as const;

/** 投票进度: how many voted and who (by channel) — never what anyone chose. */
function RollCard({ ballot }: { ballot: BallotDetail }) {
  const [showRoll, setShowRoll] = useState(false);
  const percent = ballot.eligible === 0 ? 0 : Math.round((ballot.voted / ballot.eligible) * 100);
  return (
    <Card size="small" title="投票进度">
      <Flex vertical gap={8}>
        <Progress percent={percent} aria-label="投票进度" />
        <Typography.Text>
          应投 {ballot.eligible} 人，已投 {ballot.voted} 人（手机 {ballot.votedOnline}，纸质{' '}
          {ballot.votedOnPaper}）
        </Typography.Text>
        <Typography.Text type="secondary">只显示是否已投票，任何人都看不到谁投了什么。</Typography.Text>
        <Button type="link" style={{ alignSelf: 'start', padding: 0 }} onClick={() => setShowRoll((s) => !s)}>
          {showRoll ? '收起投票人名单' : '查看投票人名单'}
        </Button>
        {showRoll ? (
          <Flex wrap gap={6}>
            {ballot.roll.map((v) => (
              <Tag key={v.personId} color={v.voted ? 'green' : 'default'}>
                {v.name}
                {v.voted ? (v.channel === 'paper' ? '（纸质）' : '（已投）') : '（未投）'}
              </Tag>
            ))}
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

/** One counter's count of a batch: per item, per choice, and the blanks; the sums must equal the batch's papers. */
function EntryModal({
  ballot,
  batch,
  onClose,
}: {
  ballot: BallotDetail;
  batch: PaperBatch;
  onClose: () => void;
}) {
  const enter = useEnterPaperBatch(ballot.id);
  const { message } = App.useApp();
  type Values = Record<string, Record<string, number | null>>;
  return (
    <FormModal<Values>
      title={`录入纸质选票：批次 ${batch.id}（${batch.paperCount} 张）`}
      open
      width={720}
      onClose={onClose}
      okText="提交录入"
      onSubmit={async (values) => {
        const body: PaperEntryBody = {
          itemCounts: ballot.items.map((item) => ({
            itemKey: item.key,
            choiceCounts: ballot.choices.map((c) => ({
              choice: c.value as PaperEntryBody['itemCounts'][number]['choiceCounts'][number]['choice'],
              count: values[item.key]?.[c.value] ?? 0,
            })),
            abstain: values[item.key]?.abstain ?? 0,
          })),
        };
        const detail = await enter.mutateAsync({ batchId: batch.id, body });
        const now = detail.batches.find((b) => b.id === batch.id);
        if (now?.status === 'counted') message.success('两次录入一致，本批选票已计入');
        else if (now?.status === 'mismatch') message.warning('两次录入不一致，请重新清点后再录入');
        else message.success('已录入，等待另一名计票人录入');
      }}
    >
      <Typography.Paragraph type="secondary">
        两名计票人分别清点、分别录入，一致才计入。每个投票对象各等次票数与弃权数之和应等于本批选票数{' '}
        {batch.paperCount}。
      </Typography.Paragraph>
      {ballot.items.map((item) => (
        <Flex key={item.key} vertical gap={4} style={{ marginBottom: 8 }}>
          <Typography.Text strong>{item.label}</Typography.Text>
          <Flex wrap gap={8}>
            {[...ballot.choices, ...(ballot.allowAbstain ? [{ value: 'abstain', label: '弃权' }] : [])].map(
              (c) => (
                <Form.Item
                  key={c.value}
                  name={[item.key, c.value]}
                  label={c.label}
                  style={{ marginBottom: 0 }}
                  initialValue={0}
                >
                  <InputNumber min={0} max={batch.paperCount} precision={0} style={{ width: 88 }} />
                </Form.Item>
              ),
            )}
          </Flex>
        </Flex>
      ))}
    </FormModal>
  );
}

/** 纸质选票: voters marked while open; after closing, batches entered by two different counters. */
function PaperCard({ ballot }: { ballot: BallotDetail }) {
  const [marking, setMarking] = useState(false);
  const [creating, setCreating] = useState(false);
  const [entering, setEntering] = useState<PaperBatch | null>(null);
  const mark = useMarkPaperVoters(ballot.id);
  const create = useCreatePaperBatch(ballot.id);
  const unvoted = ballot.roll.filter((v) => !v.voted);
  return (
    <Card
      size="small"
      title="纸质选票录入"
      extra={
        <Flex gap={8}>
          {ballot.abilities.mark_paper ? (
            <Button onClick={() => setMarking(true)}>登记纸质投票人</Button>
          ) : null}
          {ballot.abilities.enter_paper && ballot.paperUnbatched > 0 ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              登记选票批次
            </Button>
          ) : null}
        </Flex>
      }
    >
      <Flex vertical gap={8}>
        <Typography.Text>
          已登记纸质投票 {ballot.votedOnPaper} 人；尚未分批 {ballot.paperUnbatched} 张；待两人录入一致{' '}
          {ballot.paperPending} 张。
        </Typography.Text>
        <Typography.Text type="secondary">
          投票期间交纸质选票或因外出书面投票的，先登记为纸质投票人（不能再在手机上投票）；投票结束后按批次由两名不同的计票人分别录入，一致才计入。
        </Typography.Text>
        {ballot.batches.map((b) => (
          <Card
            key={b.id}
            size="small"
            type="inner"
            title={`批次 ${b.id}${b.note ? `：${b.note}` : ''}（${b.paperCount} 张）`}
            extra={<Tag color={batchColors[b.status]}>{paperBatchStatusLabels[b.status]}</Tag>}
          >
            <Flex vertical gap={8}>
              <Typography.Text type="secondary">
                已录入 {b.entries} 次{b.counters.length > 0 ? `（${b.counters.join('、')}）` : ''}
              </Typography.Text>
              {b.differences.length > 0 ? (
                <Table
                  size="small"
                  pagination={false}
                  rowKey={(d) => `${d.key}:${d.choice ?? ''}`}
                  dataSource={b.differences}
                  columns={[
                    { title: '投票对象', dataIndex: 'label' },
                    { title: '等次', dataIndex: 'choiceLabel' },
                    { title: '第一次录入', dataIndex: 'first', align: 'right' },
                    { title: '第二次录入', dataIndex: 'second', align: 'right' },
                  ]}
                />
              ) : null}
              {ballot.abilities.enter_paper && b.status !== 'counted' && (b.entries < 2 || b.enteredByMe) ? (
                <Button style={{ alignSelf: 'start' }} onClick={() => setEntering(b)}>
                  {b.enteredByMe ? '重新录入' : '录入计票'}
                </Button>
              ) : null}
            </Flex>
          </Card>
        ))}
      </Flex>
      {marking ? (
        <FormModal<{ paperVoterIds: number[] }>
          title="登记纸质投票人"
          open
          onClose={() => setMarking(false)}
          okText="登记"
          successMessage="已登记"
          onSubmit={(v) => mark.mutateAsync(v.paperVoterIds)}
        >
          <Form.Item
            name="paperVoterIds"
            label="纸质投票人"
            rules={[{ required: true, message: '请选择投票人' }]}
          >
            <Select
              mode="multiple"
              showSearch
              optionFilterProp="label"
              options={unvoted.map((v) => ({ value: v.personId, label: v.name }))}
              placeholder="交了纸质选票或书面投票的人"
            />
          </Form.Item>
        </FormModal>
      ) : null}
      {creating ? (
        <FormModal<{ paperCount: number; batchNote?: string }>
          title="登记选票批次"
          open
          onClose={() => setCreating(false)}
          okText="登记"
          successMessage="已登记，请两名计票人分别录入"
          initialValues={{ paperCount: ballot.paperUnbatched }}
          onSubmit={(v) =>
            create.mutateAsync({ paperCount: v.paperCount, batchNote: v.batchNote?.trim() || null })
          }
        >
          <Form.Item
            name="paperCount"
            label="本批选票数"
            rules={[{ required: true, message: '请填写本批选票数' }]}
          >
            <InputNumber min={1} max={ballot.paperUnbatched} precision={0} />
          </Form.Item>
          <Form.Item name="batchNote" label="批次说明">
            <Input maxLength={ballotLimits.batchNote.max} placeholder="如：会场票箱" />
          </Form.Item>
        </FormModal>
      ) : null}
      {entering ? <EntryModal ballot={ballot} batch={entering} onClose={() => setEntering(null)} /> : null}
    </Card>
  );
}

/** The organiser's page of a ballot: progress, close, paper ballots, the tally once closed, publish. */
export function BallotPage() {
  const id = Number(useParams().id);
  const detail = useBallotDetail(Number.isInteger(id) && id > 0 ? id : null);
  const close = useCloseBallot(id);
  const publish = usePublishBallot(id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  if (detail.isError) {
    if (isApiError(detail.error, 'NOT_FOUND')) return <Result status="404" title="该投票不存在" />;
    return <QueryError error={detail.error} onRetry={() => void detail.refetch()} />;
  }
  if (!detail.data) return <Skeleton active />;
  const b = detail.data;
  const run = (m: typeof close, done: string) => async () => {
    try {
      await m.mutateAsync(undefined);
      message.success(done);
    } catch (error) {
      handleError(error, { onConflict: () => void detail.refetch() });
    }
  };
  return (
    <PageContainer
      title={b.title}
      breadcrumb={[
        { title: ballotPurposeLabels[b.purpose], to: b.ownerLink ?? undefined },
        { title: '投票' },
      ]}
      extra={
        <>
          {b.ownerLink ? (
            <Link to={b.ownerLink}>
              <Button>返回{ballotPurposeLabels[b.purpose]}</Button>
            </Link>
          ) : null}
          {b.abilities.close ? (
            <Popconfirm
              title="结束投票？结束后不能再投票"
              okText="结束投票"
              onConfirm={run(close, '投票已结束')}
            >
              <Button danger>结束投票</Button>
            </Popconfirm>
          ) : null}
          {b.abilities.publish ? (
            <Popconfirm
              title="向投票人公布计票结果？"
              okText="公布"
              onConfirm={run(publish, '已公布，投票人可在“我的投票”中查看')}
            >
              <Button type="primary" disabled={b.paperPending > 0}>
                公布结果
              </Button>
            </Popconfirm>
          ) : null}
        </>
      }
    >
      <Flex vertical gap={12}>
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, sm: 2 }}
          items={[
            { key: 'org', label: '组织单位', children: b.orgName },
            { key: 'status', label: '状态', children: <BallotPhaseTag status={b.status} /> },
            { key: 'opens', label: '开始时间', children: formatShanghai(b.opensAt) },
            { key: 'closes', label: '结束时间', children: formatShanghai(b.closedAt ?? b.closesAt) },
            { key: 'items', label: '投票对象', children: `${b.items.length} 项` },
            { key: 'abstain', label: '允许弃权', children: b.allowAbstain ? '是' : '否' },
          ]}
        />
        <RollCard ballot={b} />
        <PaperCard ballot={b} />
        <Card size="small" title="计票结果">
          {b.tally ? (
            <Flex vertical gap={8}>
              <TallySummary tally={b.tally} />
              {b.paperPending > 0 ? (
                <Alert type="warning" showIcon title="纸质选票尚未全部录入一致，公布前须全部计入" />
              ) : null}
              <TallyTable tally={b.tally} choices={b.choices} />
            </Flex>
          ) : (
            <Typography.Text type="secondary">
              投票结束前任何人（包括组织者）都看不到计票结果。
            </Typography.Text>
          )}
        </Card>
      </Flex>
    </PageContainer>
  );
}
