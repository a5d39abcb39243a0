import {
  daysBetween,
  type TransferKind,
  type TransferListItem,
  type TransferStatus,
  transferKindLabels,
  transferStatusLabels,
} from '@dangjian/core';
import { Card, Flex, type TableColumnsType, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { emptyText, formatDate } from '../../lib/format';

const kindColors: Record<TransferKind, string> = { internal: 'blue', outgoing: 'volcano', incoming: 'green' };
const statusColors: Record<TransferStatus, string> = {
  requested: 'processing',
  issued: 'processing',
  registered: 'processing',
  completed: 'success',
  rejected: 'error',
  cancelled: 'default',
};

export function TransferKindTag({ kind }: { kind: TransferKind }) {
  return <Tag color={kindColors[kind]}>{transferKindLabels[kind]}</Tag>;
}

/** Status, with how long an open transfer has waited and a red flag when the 回执 is overdue. */
export function TransferStatusTags({ item, today }: { item: TransferListItem; today: string }) {
  return (
    <Flex gap={4} wrap>
      <Tag color={statusColors[item.status]} style={{ marginInlineEnd: 0 }}>
        {transferStatusLabels[item.status]}
        {item.waitingDays !== null && item.waitingDays > 0 ? ` ${item.waitingDays}天` : ''}
      </Tag>
      {item.isReceiptOverdue && item.expiresOn ? (
        <Tag color="red" style={{ marginInlineEnd: 0 }}>
          回执逾期 {daysBetween(item.expiresOn, today)} 天
        </Tag>
      ) : null}
    </Flex>
  );
}

/** Where the member comes from: a branch of the college, or the party organisation of a letter. */
export function fromText(t: TransferListItem): string {
  return (t.kind === 'incoming' ? t.externalOrgName : t.fromOrgName) ?? emptyText;
}

/** Where the member goes. */
export function toText(t: TransferListItem): string {
  return (t.kind === 'outgoing' ? t.externalOrgName : t.toOrgName) ?? emptyText;
}

/** The letter's number and validity, red when its 回执 is overdue. */
function LetterCell({ item }: { item: TransferListItem }) {
  if (!item.letterNumber) return <span>{emptyText}</span>;
  return (
    <span>
      第{item.letterNumber}号
      {item.expiresOn ? (
        <Typography.Text
          type={item.isReceiptOverdue ? 'danger' : 'secondary'}
          style={{ display: 'block', fontSize: 12 }}
        >
          {item.validDays}天，至 {formatDate(item.expiresOn)}
        </Typography.Text>
      ) : null}
    </span>
  );
}

/** Columns of the transfer table; `actions` renders the buttons the server allows on a row. */
export function transferColumns(
  actions: (item: TransferListItem) => ReactNode,
  onOpen: (item: TransferListItem) => void,
  today: string,
): TableColumnsType<TransferListItem> {
  return [
    {
      title: '类型',
      dataIndex: 'kind',
      key: 'kind',
      width: 96,
      render: (_, t) => <TransferKindTag kind={t.kind} />,
    },
    {
      title: '党员',
      dataIndex: 'personName',
      key: 'personName',
      width: 110,
      render: (_, t) => <Typography.Link onClick={() => onOpen(t)}>{t.personName}</Typography.Link>,
    },
    { title: '转出', key: 'from', width: 180, render: (_, t) => fromText(t) },
    { title: '转入', key: 'to', width: 180, render: (_, t) => toText(t) },
    { title: '介绍信', key: 'letter', width: 150, render: (_, t) => <LetterCell item={t} /> },
    {
      title: '日期',
      dataIndex: 'requestedOn',
      key: 'requestedOn',
      width: 110,
      render: (_, t) => formatDate(t.requestedOn),
    },
    {
      title: '状态',
      dataIndex: 'status',
      key: 'status',
      width: 150,
      render: (_, t) => <TransferStatusTags item={t} today={today} />,
    },
    // Pinned so the buttons stay in view when the table scrolls sideways.
    { title: '操作', key: 'actions', width: 220, fixed: 'right', render: (_, t) => actions(t) },
  ];
}

/** A transfer as a card, for phones; an overdue 回执 gets a red edge. */
export function TransferCard({
  item,
  today,
  actions,
  onOpen,
}: {
  item: TransferListItem;
  today: string;
  actions: ReactNode;
  onOpen: () => void;
}) {
  return (
    <Card
      size="small"
      styles={{ body: { padding: 12 } }}
      style={item.isReceiptOverdue ? { borderColor: '#ff4d4f', borderLeftWidth: 4 } : undefined}
    >
      <Flex justify="space-between" align="center" gap={8} wrap>
        <Typography.Link strong style={{ fontSize: 16 }} onClick={onOpen}>
          {item.personName}
        </Typography.Link>
        <TransferKindTag kind={item.kind} />
      </Flex>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4, wordBreak: 'break-all' }}>
        {fromText(item)} → {toText(item)}
      </Typography.Text>
      <Flex justify="space-between" align="center" gap={8} wrap style={{ marginTop: 6 }}>
        <TransferStatusTags item={item} today={today} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {item.letterNumber ? `第${item.letterNumber}号 · ` : ''}
          {formatDate(item.requestedOn)}
        </Typography.Text>
      </Flex>
      {actions ? <div style={{ marginTop: 6 }}>{actions}</div> : null}
    </Card>
  );
}
