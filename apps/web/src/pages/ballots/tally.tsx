import { type BallotPhase, type BallotTally, ballotPhaseLabels } from '@dangjian/core';
import { Flex, Table, Tag, Typography } from 'antd';

const phaseColors: Record<BallotPhase, string> = {
  scheduled: 'default',
  open: 'blue',
  closed: 'gold',
  published: 'green',
};

/** Where a ballot stands: 未开始 / 投票中 / 已结束 / 已公布. */
export function BallotPhaseTag({ status }: { status: BallotPhase }) {
  return <Tag color={phaseColors[status]}>{ballotPhaseLabels[status]}</Tag>;
}

type Choice = { value: string; label: string };

/** The figures above a tally: who could vote, how many papers were counted, by which channel. */
export function TallySummary({ tally }: { tally: BallotTally }) {
  return (
    <Typography.Text type="secondary">
      应投 {tally.eligible} 人，收回选票 {tally.cast} 张（手机 {tally.castOnline}，纸质 {tally.castOnPaper}）
      {tally.paperPending > 0 ? `，另有 ${tally.paperPending} 张纸质选票待两人录入一致` : ''}
    </Typography.Text>
  );
}

/** The tally as a table: one row per item, a column per choice and 弃权 (the organiser's page). */
export function TallyTable({ tally, choices }: { tally: BallotTally; choices: Choice[] }) {
  return (
    <Table
      size="small"
      rowKey="key"
      pagination={false}
      scroll={{ x: 'max-content' }}
      dataSource={tally.items}
      columns={[
        { title: '投票对象', dataIndex: 'label', fixed: 'left' },
        ...choices.map((c) => ({
          title: c.label,
          key: c.value,
          align: 'right' as const,
          render: (_: unknown, row: BallotTally['items'][number]) => row.counts[c.value] ?? 0,
        })),
        { title: '弃权', dataIndex: 'abstain', align: 'right' as const },
      ]}
    />
  );
}

/** The tally on a phone: one line per item with every choice's count (我的投票). */
export function TallyList({ tally, choices }: { tally: BallotTally; choices: Choice[] }) {
  return (
    <Flex vertical gap={6}>
      <TallySummary tally={tally} />
      {tally.items.map((item) => (
        <Flex key={item.key} vertical gap={2} aria-label={`${item.label}的得票`}>
          <Typography.Text strong>{item.label}</Typography.Text>
          <Typography.Text>
            {[...choices.map((c) => `${c.label} ${item.counts[c.value] ?? 0}`), `弃权 ${item.abstain}`].join(
              ' · ',
            )}
          </Typography.Text>
        </Flex>
      ))}
    </Flex>
  );
}
