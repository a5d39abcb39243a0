import { CheckOutlined, PlusOutlined } from '@ant-design/icons';
import {
  genderLabels,
  type ReserveCandidateDetail,
  type ReservePlanItem,
  type ReserveStep,
  reserveLevelLabels,
  reservePlanKindLabels,
  reserveStatusLabels,
  reserveStepLabels,
  reserveSteps,
  secondmentPhaseLabels,
  trainingHourSourceLabels,
  trainingHourSources,
} from '@dangjian/core';
import {
  Button,
  Card,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Popconfirm,
  Result,
  Skeleton,
  Space,
  Table,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, formatDate, todayIso } from '../../lib/format';
import { useReserveDetail, useUpdatePlanItem } from './api';
import { CurrentPost, ReserveMarks, ReserveStatusTag } from './columns';
import { PlanItemDialog, RotationDialog, SecondmentDialog, StepDialog } from './form';

type Dialog = 'plan' | 'secondment' | 'rotation' | null;

function Overview({ d }: { d: ReserveCandidateDetail }) {
  const items: DescriptionsProps['items'] = [
    { key: 'name', label: '姓名', children: d.name },
    { key: 'gender', label: '性别', children: d.gender ? genderLabels[d.gender] : emptyText },
    {
      key: 'age',
      label: '年龄',
      children: d.age === null ? '档案缺出生日期' : `${d.age}周岁（本层级条件 ${d.maxAge} 周岁及以下）`,
    },
    { key: 'unit', label: '所在单位', children: d.unitName ?? d.orgName ?? emptyText },
    { key: 'post', label: d.cadre ? '现任职务（干部名册）' : '现岗位', children: <CurrentPost item={d} /> },
    { key: 'level', label: '后备层级', children: reserveLevelLabels[d.level] },
    { key: 'status', label: '状态', children: <ReserveStatusTag status={d.status} /> },
    { key: 'nominated', label: '提名', children: `${formatDate(d.nominatedOn)}（${d.nominationSource}）` },
    { key: 'review', label: '下次动态调整', children: d.reviewDueOn ? formatDate(d.reviewDueOn) : emptyText },
    ...(d.usedPost ? [{ key: 'used', label: '提任职务', children: d.usedPost }] : []),
    ...(d.endReason ? [{ key: 'end', label: '调出理由', children: d.endReason }] : []),
    ...(d.note ? [{ key: 'note', label: '备注', children: d.note }] : []),
  ];
  return <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={items} />;
}

function PlanTable({ d, onConflict }: { d: ReserveCandidateDetail; onConflict: () => void }) {
  const update = useUpdatePlanItem(d.id);
  const handleError = useErrorHandler();
  const markDone = (item: ReservePlanItem) =>
    update
      .mutateAsync({ itemId: item.id, version: d.version, doneOn: todayIso() })
      .catch((e: unknown) => handleError(e, { onConflict }));
  return (
    <Table<ReservePlanItem>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={d.planItems}
      locale={{ emptyText: '尚未制定培养计划' }}
      scroll={{ x: 640 }}
      columns={[
        { title: '培养措施', key: 'kind', render: (_, r) => reservePlanKindLabels[r.kind], width: 140 },
        {
          title: '具体事项',
          key: 'title',
          render: (_, r) => (
            <>
              {r.title}
              {r.mentorName ? (
                <Typography.Text type="secondary">（导师：{r.mentorName}）</Typography.Text>
              ) : null}
            </>
          ),
        },
        {
          title: '完成时限',
          key: 'dueOn',
          width: 150,
          render: (_, r) => (
            <Space size={4}>
              {formatDate(r.dueOn)}
              {r.overdue ? <Tag color="red">逾期</Tag> : null}
            </Space>
          ),
        },
        {
          title: '完成情况',
          key: 'done',
          width: 160,
          render: (_, r) =>
            r.doneOn ? (
              `已完成 ${formatDate(r.doneOn)}`
            ) : d.abilities.manage && d.abilities.steps.withdraw ? (
              <Popconfirm title={`登记“${r.title}”今天完成？`} onConfirm={() => markDone(r)}>
                <Button size="small" icon={<CheckOutlined />}>
                  登记完成
                </Button>
              </Popconfirm>
            ) : (
              '未完成'
            ),
        },
      ]}
    />
  );
}

/** A candidate of the 后备干部库: status and steps, plan, 挂职 and 轮岗 history, 学时 from the training records. */
export function CadreReserveDetailPage() {
  const id = Number(useParams().id);
  const detail = useReserveDetail(Number.isInteger(id) && id > 0 ? id : null);
  const [step, setStep] = useState<ReserveStep | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const reload = () => void detail.refetch();

  if (detail.isPending) return <Skeleton active />;
  if (detail.isError)
    return isApiError(detail.error) && detail.error.status === 404 ? (
      <Result status="404" title="该后备干部不存在" extra={<Link to="/cadre-reserve">返回后备干部库</Link>} />
    ) : (
      <QueryError error={detail.error} onRetry={reload} />
    );
  const d = detail.data;
  const inPool = d.abilities.steps.withdraw;
  const manage = d.abilities.manage && inPool;

  return (
    <PageContainer
      title={`后备干部：${d.name}`}
      breadcrumb={[{ title: '后备干部库', to: '/cadre-reserve' }, { title: d.name }]}
      extra={
        <Space wrap>
          {reserveSteps
            .filter((s) => d.abilities.steps[s])
            .map((s) => (
              <Button
                key={s}
                type={s === 'admit' || s === 'start_training' ? 'primary' : 'default'}
                danger={s === 'withdraw'}
                onClick={() => setStep(s)}
              >
                {reserveStepLabels[s]}
              </Button>
            ))}
        </Space>
      }
    >
      <Flex vertical gap={16}>
        <ReserveMarks item={d} />
        <Card title="基本情况" size="small">
          <Overview d={d} />
        </Card>
        <Card
          title="培养计划"
          size="small"
          extra={
            manage ? (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('plan')}>
                增加培养措施
              </Button>
            ) : null
          }
        >
          <PlanTable d={d} onConflict={reload} />
        </Card>
        <Card
          title="挂职经历"
          size="small"
          extra={
            manage ? (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('secondment')}>
                登记挂职
              </Button>
            ) : null
          }
        >
          {d.secondments.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有挂职记录" />
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={d.secondments}
              scroll={{ x: 560 }}
              columns={[
                { title: '挂职单位', dataIndex: 'place' },
                { title: '挂职职务', dataIndex: 'post', width: 160 },
                {
                  title: '起止日期',
                  key: 'range',
                  width: 220,
                  render: (_, r) => `${formatDate(r.fromOn)} 至 ${formatDate(r.toOn)}`,
                },
                {
                  title: '状态',
                  key: 'phase',
                  width: 90,
                  render: (_, r) => (
                    <Tag color={r.phase === 'current' ? 'purple' : 'default'}>
                      {secondmentPhaseLabels[r.phase]}
                    </Tag>
                  ),
                },
              ]}
            />
          )}
        </Card>
        <Card
          title="轮岗经历"
          size="small"
          extra={
            manage ? (
              <Button icon={<PlusOutlined />} onClick={() => setDialog('rotation')}>
                登记轮岗
              </Button>
            ) : null
          }
        >
          {d.rotations.length === 0 ? (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有轮岗记录" />
          ) : (
            <Table
              size="small"
              rowKey="id"
              pagination={false}
              dataSource={d.rotations}
              scroll={{ x: 520 }}
              columns={[
                { title: '轮岗日期', key: 'on', width: 120, render: (_, r) => formatDate(r.onDate) },
                { title: '原岗位', dataIndex: 'fromPost' },
                { title: '轮岗单位和岗位', key: 'to', render: (_, r) => `${r.toUnit} ${r.toPost}` },
              ]}
            />
          )}
        </Card>
        <Card title={`学时（${d.trainingHours.year}年 ${d.trainingHours.yearTotal} 学时）`} size="small">
          <Typography.Paragraph type="secondary">
            取自培训班签到、外部培训和组织生活记录，不在此录入；提名以来共 {d.trainingHours.sinceNominated}{' '}
            学时。
            {trainingHourSources
              .map((s) => `${trainingHourSourceLabels[s]} ${d.trainingHours.bySource[s]}`)
              .join('，')}
            。
          </Typography.Paragraph>
          <Table
            size="small"
            rowKey={(r) => `${r.source}-${r.onDate}-${r.title}`}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={d.trainingHours.items}
            locale={{ emptyText: '提名以来没有学时记录' }}
            scroll={{ x: 520 }}
            columns={[
              { title: '日期', key: 'on', width: 120, render: (_, r) => formatDate(r.onDate) },
              {
                title: '来源',
                key: 'source',
                width: 140,
                render: (_, r) => trainingHourSourceLabels[r.source],
              },
              { title: '内容', dataIndex: 'title' },
              {
                title: '学时',
                key: 'hours',
                width: 100,
                render: (_, r) =>
                  r.counted ? r.hours : <Typography.Text type="secondary">不计</Typography.Text>,
              },
            ]}
          />
        </Card>
        <Card title="经过" size="small">
          <Timeline
            items={d.events.map((e) => ({
              key: e.id,
              children: (
                <>
                  <Typography.Text strong>
                    {e.step === 'nominate' ? '提名' : reserveStepLabels[e.step]}
                  </Typography.Text>{' '}
                  {formatDate(e.on)}
                  {e.fromStatus && e.fromStatus !== e.toStatus
                    ? `：${reserveStatusLabels[e.fromStatus]} → ${reserveStatusLabels[e.toStatus]}`
                    : ''}
                  {e.note ? <Typography.Text type="secondary">（{e.note}）</Typography.Text> : null}
                  {e.actorName ? <Typography.Text type="secondary"> · {e.actorName}</Typography.Text> : null}
                </>
              ),
            }))}
          />
        </Card>
      </Flex>
      <StepDialog candidate={d} step={step} onClose={() => setStep(null)} onConflict={reload} />
      <PlanItemDialog
        candidate={d}
        open={dialog === 'plan'}
        onClose={() => setDialog(null)}
        onConflict={reload}
      />
      <SecondmentDialog
        candidate={d}
        open={dialog === 'secondment'}
        onClose={() => setDialog(null)}
        onConflict={reload}
      />
      <RotationDialog
        candidate={d}
        open={dialog === 'rotation'}
        onClose={() => setDialog(null)}
        onConflict={reload}
      />
    </PageContainer>
  );
}
