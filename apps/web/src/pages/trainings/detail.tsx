import {
  type TrainingDetail,
  trainingAttendanceStatusLabels,
  trainingTargetGroupLabels,
} from '@dangjian/core';
import { App, Button, Card, Descriptions, Flex, InputNumber, Skeleton, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { PersonPicker } from '../../components/person-picker';
import { QueryError } from '../../components/query-error';
import { formatDate } from '../../lib/format';
import { positiveInt } from '../../lib/list-params';
import { useEnrol, useMarkAttendance, useTrainingDetail } from './api';

type Attendee = TrainingDetail['attendees'][number];

/** A course: its facts and the attendance, each person signed in (with the hours missed) or absent. */
export function TrainingDetailPage() {
  const id = positiveInt(useParams().id ?? null, 0);
  const detail = useTrainingDetail(id);
  const mark = useMarkAttendance(id);
  const enrol = useEnrol(id);
  const { message } = App.useApp();
  const [missed, setMissed] = useState<Record<number, number>>({});
  const [adding, setAdding] = useState<number | null>(null);
  const d = detail.data;
  const run = (p: Promise<unknown>) =>
    p.catch((e: unknown) => void message.error(e instanceof Error ? e.message : '操作失败'));

  const columns = [
    { title: '姓名', dataIndex: 'name' },
    { title: '所在党组织', dataIndex: 'orgName' },
    {
      title: '出勤',
      render: (_: unknown, a: Attendee) => (
        <Tag color={a.status === 'present' ? 'green' : a.status === 'absent' ? 'red' : 'default'}>
          {trainingAttendanceStatusLabels[a.status]}
        </Tag>
      ),
    },
    { title: '缺课学时', dataIndex: 'absentHours' },
    {
      title: '计入学时',
      render: (_: unknown, a: Attendee) => (a.refusal ? `0（${a.refusal}）` : a.countedHours),
    },
    ...(d?.abilities.edit
      ? [
          {
            title: '登记',
            render: (_: unknown, a: Attendee) => (
              <Space wrap>
                <InputNumber
                  size="small"
                  min={0}
                  max={d.hours}
                  step={0.5}
                  value={missed[a.personId] ?? a.absentHours}
                  onChange={(v) => setMissed((m) => ({ ...m, [a.personId]: v ?? 0 }))}
                  aria-label={`${a.name}缺课学时`}
                  style={{ width: 80 }}
                />
                <Button
                  size="small"
                  onClick={() =>
                    void run(
                      mark.mutateAsync({
                        personId: a.personId,
                        status: 'present',
                        absentHours: missed[a.personId] ?? a.absentHours,
                      }),
                    )
                  }
                >
                  签到
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() => void run(mark.mutateAsync({ personId: a.personId, status: 'absent' }))}
                >
                  缺席
                </Button>
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <PageContainer title={d?.title ?? '培训班'}>
      {detail.isError ? <QueryError error={detail.error} onRetry={() => void detail.refetch()} /> : null}
      {detail.isPending ? <Skeleton active /> : null}
      {d ? (
        <Flex vertical gap={16}>
          <Descriptions
            bordered
            size="small"
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'org', label: '主办', children: d.org.name },
              {
                key: 'group',
                label: '培训对象',
                children: d.targetGroup ? trainingTargetGroupLabels[d.targetGroup] : '—',
              },
              {
                key: 'dates',
                label: '日期',
                children: `${formatDate(d.startsOn)} 至 ${formatDate(d.endsOn)}`,
              },
              { key: 'hours', label: '学时', children: `${d.hours}（缺课超过七分之一不计）` },
              { key: 'place', label: '地点', children: d.place ?? '—' },
              {
                key: 'count',
                label: '参训',
                children: `${d.enrolled} 人，签到 ${d.present}，缺席 ${d.absent}`,
              },
            ]}
          />
          <Card
            size="small"
            title="参训人员与出勤"
            extra={
              d.abilities.edit ? (
                <Space>
                  <PersonPicker value={adding} onChange={(v) => setAdding(v)} style={{ width: 220 }} />
                  <Button
                    disabled={adding === null}
                    onClick={() =>
                      adding !== null && void run(enrol.mutateAsync([adding]).then(() => setAdding(null)))
                    }
                  >
                    添加参训人员
                  </Button>
                </Space>
              ) : null
            }
          >
            <Table<Attendee>
              rowKey="personId"
              size="small"
              dataSource={d.attendees}
              columns={columns}
              pagination={false}
              scroll={{ x: true }}
            />
          </Card>
        </Flex>
      ) : null}
    </PageContainer>
  );
}
