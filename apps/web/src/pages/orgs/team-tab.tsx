import { PlusOutlined, SwapOutlined } from '@ant-design/icons';
import {
  type Appointment,
  daysBetween,
  effectiveTermEnd,
  type OrgDetail,
  type Term,
  teamKindLabels,
} from '@dangjian/core';
import {
  Button,
  Card,
  Collapse,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Table,
  Tag,
  Typography,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { formatDate, todayIso } from '../../lib/format';
import { appointmentColumns, sortAppointments } from './columns';
import { type TeamDialog, TeamDialogs } from './team-dialogs';

function termItems(term: Term): DescriptionsProps['items'] {
  return [
    { key: 'teamKind', label: '班子形式', children: teamKindLabels[term.teamKind] },
    { key: 'startDate', label: '开始日期', children: formatDate(term.startDate) },
    { key: 'plannedEndDate', label: '计划届满日期', children: formatDate(term.plannedEndDate) },
    { key: 'electedOn', label: '选举日期', children: formatDate(term.electedOn) },
    {
      key: 'electionRequestedOn',
      label: '换届请示',
      children: term.electionRequestedOn ? `${formatDate(term.electionRequestedOn)} 已报送` : '未报送',
    },
    {
      key: 'postponement',
      label: '延期换届',
      children: term.postponedTo
        ? `延期至 ${formatDate(term.postponedTo)}（${term.postponementApprovedOn ? `${formatDate(term.postponementApprovedOn)} 批准` : '批准日期未登记'}）`
        : '无',
    },
    ...(term.actualEndDate
      ? [{ key: 'actualEndDate', label: '实际结束', children: formatDate(term.actualEndDate) }]
      : []),
  ];
}

/** Days left to the (possibly postponed) end of a term, as a coloured tag. */
function TermCountdown({ term, today }: { term: Term; today: string }) {
  const days = daysBetween(today, effectiveTermEnd(term));
  // Whether this is due for a reminder is the rules engine's call (see the 预警 tab); this only counts.
  if (days < 0) return <Tag color="red">已超期 {-days} 天</Tag>;
  return <Tag>距届满 {days} 天</Tag>;
}

interface TermCardProps {
  term: Term;
  title: ReactNode;
  extra?: ReactNode;
  actions?: ((row: Appointment) => ReactNode) | undefined;
}

function TermCard({ term, title, extra, actions }: TermCardProps) {
  return (
    <Card title={title} extra={extra} size="small">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={termItems(term)} />
      <Table<Appointment>
        style={{ marginTop: 12 }}
        size="small"
        rowKey="id"
        columns={appointmentColumns(actions)}
        dataSource={sortAppointments(term.team)}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: '尚未录入班子成员' }}
      />
    </Card>
  );
}

/** 班子与届次: the current term and its team, future and past terms, 组织员/党小组长. */
export function TeamTab({ org, onReload }: { org: OrgDetail; onReload: () => void }) {
  const [dialog, setDialog] = useState<TeamDialog | null>(null);
  const canEdit = org.abilities.editTeam;
  const today = todayIso();

  const current = org.terms.find((t) => t.isCurrent) ?? null;
  const byNumberDesc = [...org.terms].sort((a, b) => b.number - a.number);
  const upcoming = byNumberDesc.filter(
    (t) => !t.isCurrent && t.actualEndDate === null && t.startDate > today,
  );
  const past = byNumberDesc.filter((t) => !t.isCurrent && !upcoming.includes(t));

  const rowActions = canEdit
    ? (row: Appointment) =>
        row.endDate === null ? (
          <Flex gap={4} wrap>
            <Button
              size="small"
              type="link"
              onClick={() => setDialog({ kind: 'dualLeader', appointment: row })}
            >
              {row.isDualLeader ? '取消双带头人' : '认定双带头人'}
            </Button>
            <Button
              size="small"
              type="link"
              danger
              onClick={() => setDialog({ kind: 'end', appointment: row })}
            >
              免职
            </Button>
          </Flex>
        ) : null
    : undefined;

  const standaloneActions = canEdit
    ? (row: Appointment) =>
        row.endDate === null ? (
          <Button
            size="small"
            type="link"
            danger
            onClick={() => setDialog({ kind: 'end', appointment: row })}
          >
            免职
          </Button>
        ) : null
    : undefined;

  const newTermButton = canEdit ? (
    <Button type="primary" icon={<SwapOutlined />} onClick={() => setDialog({ kind: 'newTerm' })}>
      {current ? '换届（录入新一届班子）' : '录入班子'}
    </Button>
  ) : null;

  return (
    <Flex vertical gap={16}>
      {current ? (
        <TermCard
          term={current}
          title={
            <Flex gap={8} align="center" wrap>
              <span>当前：第{current.number}届</span>
              <TermCountdown term={current} today={today} />
            </Flex>
          }
          actions={rowActions}
          extra={
            canEdit ? (
              <Flex gap={4} wrap justify="flex-end">
                <Button size="small" onClick={() => setDialog({ kind: 'request', term: current })}>
                  登记换届请示
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'postpone', term: current })}>
                  登记延期换届
                </Button>
                <Button size="small" onClick={() => setDialog({ kind: 'editTerm', term: current })}>
                  修改
                </Button>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setDialog({ kind: 'addMember', term: current })}
                >
                  增补成员
                </Button>
              </Flex>
            ) : null
          }
        />
      ) : (
        <Card size="small">
          <Empty description="没有在任届次">{newTermButton}</Empty>
        </Card>
      )}
      {current && newTermButton ? <div>{newTermButton}</div> : null}

      {upcoming.map((term) => (
        <TermCard
          key={term.id}
          term={term}
          title={
            <span>
              第{term.number}届 <Tag color="blue">待生效</Tag>
            </span>
          }
          actions={rowActions}
        />
      ))}

      <Card
        size="small"
        title="组织员 / 党小组长"
        extra={
          canEdit ? (
            <Button
              size="small"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'addAppointment' })}
            >
              新增
            </Button>
          ) : null
        }
      >
        <Table<Appointment>
          size="small"
          rowKey="id"
          columns={appointmentColumns(standaloneActions)}
          dataSource={sortAppointments(org.appointments)}
          pagination={false}
          scroll={{ x: 'max-content' }}
          locale={{ emptyText: '暂无' }}
        />
      </Card>

      <div>
        <Typography.Title level={5}>历届班子</Typography.Title>
        {past.length === 0 ? (
          <Typography.Text type="secondary">暂无往届记录</Typography.Text>
        ) : (
          <Collapse
            items={past.map((term) => ({
              key: term.id,
              label: `第${term.number}届（${formatDate(term.startDate)} 至 ${formatDate(term.actualEndDate ?? term.plannedEndDate)}）`,
              children: <TermCard term={term} title={`第${term.number}届`} />,
            }))}
          />
        )}
      </div>

      <TeamDialogs org={org} dialog={dialog} onClose={() => setDialog(null)} onReload={onReload} />
    </Flex>
  );
}
