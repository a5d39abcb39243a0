import { CheckCircleFilled, ClockCircleOutlined } from '@ant-design/icons';
import type { MyBallot } from '@dangjian/core';
import { Alert, App, Button, Card, Empty, Flex, Radio, Skeleton, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useErrorHandler } from '../../lib/errors';
import { formatShanghai } from '../activities/columns';
import { useCastVote, useMyBallots } from './api';
import { BallotPhaseTag, TallyList } from './tally';

const abstain = '__abstain';

/** The voting form: one tap per item, then a confirmation; the paper is stored without the voter's name. */
function VoteForm({ ballot }: { ballot: MyBallot }) {
  const [picked, setPicked] = useState<Record<string, string>>({});
  const cast = useCastVote();
  const { modal, message } = App.useApp();
  const handleError = useErrorHandler();
  const done = ballot.items.every((i) => picked[i.key] !== undefined);
  const labelOf = (v: string | undefined) =>
    v === abstain ? '弃权' : (ballot.choices.find((c) => c.value === v)?.label ?? '');
  const submit = () =>
    modal.confirm({
      title: '确认提交选票',
      content: (
        <Flex vertical gap={4}>
          {ballot.items.map((i) => (
            <Typography.Text key={i.key}>
              {i.label}：{labelOf(picked[i.key])}
            </Typography.Text>
          ))}
          <Typography.Text type="secondary">
            提交后不能修改；选票不记录您的姓名，只记录您已投票。
          </Typography.Text>
        </Flex>
      ),
      okText: '提交',
      cancelText: '再看看',
      onOk: async () => {
        try {
          await cast.mutateAsync({
            id: ballot.id,
            choices: ballot.items.map((i) => ({
              itemKey: i.key,
              choice: picked[i.key] === abstain ? null : (picked[i.key] ?? null),
            })),
          });
          message.success('已投票');
        } catch (error) {
          handleError(error);
        }
      },
    });
  return (
    <Flex vertical gap={12}>
      {ballot.items.map((item) => (
        <Flex key={item.key} vertical gap={6} role="group" aria-label={item.label}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {item.label}
          </Typography.Text>
          <Radio.Group
            optionType="button"
            buttonStyle="solid"
            size="large"
            value={picked[item.key]}
            onChange={(e) => setPicked((p) => ({ ...p, [item.key]: e.target.value as string }))}
            options={[
              ...ballot.choices.map((c) => ({ value: c.value, label: c.label })),
              ...(ballot.allowAbstain ? [{ value: abstain, label: '弃权' }] : []),
            ]}
            style={{ display: 'flex', flexWrap: 'wrap', gap: 6 }}
          />
        </Flex>
      ))}
      <Button type="primary" size="large" block disabled={!done} loading={cast.isPending} onClick={submit}>
        {done
          ? '提交选票'
          : `还有 ${ballot.items.filter((i) => picked[i.key] === undefined).length} 项未选择`}
      </Button>
    </Flex>
  );
}

/** One ballot as a phone card: what, until when, and the form, the 已投票 mark or the published tally. */
function MyBallotCard({ ballot }: { ballot: MyBallot }) {
  return (
    <Card size="small" styles={{ body: { padding: 14 } }} aria-label={ballot.title}>
      <Flex vertical gap={10}>
        <Flex justify="space-between" align="start" gap={8}>
          <Typography.Text strong style={{ fontSize: 16 }}>
            {ballot.title}
          </Typography.Text>
          <BallotPhaseTag status={ballot.status} />
        </Flex>
        <Typography.Text type="secondary">
          {ballot.orgName} · <ClockCircleOutlined /> {formatShanghai(ballot.opensAt)} 至{' '}
          {formatShanghai(ballot.closesAt)}
        </Typography.Text>
        {ballot.voted ? (
          <Tag
            color="green"
            icon={<CheckCircleFilled />}
            style={{ alignSelf: 'start', fontSize: 14, padding: '2px 8px' }}
          >
            {ballot.channel === 'paper' ? '已投票（纸质选票）' : '已投票'}
          </Tag>
        ) : null}
        {ballot.status === 'open' && !ballot.voted ? <VoteForm ballot={ballot} /> : null}
        {ballot.status === 'scheduled' ? (
          <Alert type="info" showIcon title={`投票将于 ${formatShanghai(ballot.opensAt)} 开始`} />
        ) : null}
        {ballot.status === 'closed' ? (
          <Alert type="info" showIcon title="投票已结束，计票结果公布后在此查看" />
        ) : null}
        {ballot.tally ? <TallyList tally={ballot.tally} choices={ballot.choices} /> : null}
      </Flex>
    </Card>
  );
}

/** 我的投票 (phone): open ballots to vote in, those voted, the published tallies. */
export function MyBallotsPage() {
  const mine = useMyBallots();
  return (
    <PageContainer title="我的投票">
      <Flex vertical gap={12} style={{ maxWidth: 640 }}>
        {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
        {mine.isPending ? <Skeleton active /> : null}
        {mine.data && mine.data.items.length === 0 ? <Empty description="目前没有需要您参加的投票" /> : null}
        {(mine.data?.items ?? []).map((b) => (
          <MyBallotCard key={b.id} ballot={b} />
        ))}
      </Flex>
    </PageContainer>
  );
}
