import { PlusOutlined } from '@ant-design/icons';
import {
  limits,
  type TrainingItem,
  type TrainingTargetGroup,
  trainingLimits,
  trainingTargetGroupLabels,
  trainingTargetGroups,
} from '@dangjian/core';
import {
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  type TableColumnsType,
  Tag,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { formatDate, toIsoDate } from '../../lib/format';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type TrainingListParams, useCreateCourse, useTrainingList } from './api';

function parseParams(search: URLSearchParams): TrainingListParams {
  const group = search.get('targetGroup');
  const q = search.get('q')?.trim();
  return {
    orgId: positiveInt(search.get('orgId'), 0) || undefined,
    year: positiveInt(search.get('year'), 0, 2100) || undefined,
    targetGroup: isOneOf(trainingTargetGroups, group) ? group : undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), 20, limits.pageSize.max),
  };
}

const dates = (r: TrainingItem) =>
  r.startsOn === r.endsOn ? formatDate(r.startsOn) : `${formatDate(r.startsOn)} 至 ${formatDate(r.endsOn)}`;

const columns: TableColumnsType<TrainingItem> = [
  { title: '培训班', render: (_, r) => <Link to={`/trainings/${r.id}`}>{r.title}</Link> },
  { title: '主办', render: (_, r) => r.org.name },
  {
    title: '培训对象',
    render: (_, r) => (r.targetGroup ? <Tag>{trainingTargetGroupLabels[r.targetGroup]}</Tag> : '—'),
  },
  { title: '日期', render: (_, r) => dates(r) },
  { title: '学时', align: 'right', dataIndex: 'hours' },
  { title: '参训 / 签到 / 缺席', render: (_, r) => `${r.enrolled} / ${r.present} / ${r.absent}` },
];

function CourseCard({ item: r }: { item: TrainingItem }) {
  return (
    <Card size="small">
      <Link to={`/trainings/${r.id}`}>{r.title}</Link>
      <div>
        {r.org.name} · {dates(r)} · {r.hours} 学时
      </div>
      <div>
        参训 {r.enrolled} 人，签到 {r.present}，缺席 {r.absent}
      </div>
    </Card>
  );
}

interface CourseForm {
  orgId: number;
  title: string;
  targetGroup?: TrainingTargetGroup;
  range: [Dayjs, Dayjs];
  hours: number;
  place?: string;
}

/** 培训班: courses organised in the user's scope, newest first; a secretary or the 组织部 organises one. */
export function TrainingsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useTrainingList(params);
  const create = useCreateCourse();
  const [open, setOpen] = useState(false);
  const setParams = (patch: Partial<Record<keyof TrainingListParams, string | number | undefined>>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });
  return (
    <PageContainer
      title="培训班"
      extra={
        <>
          <Link to="/training-hours">
            <Button>人员学时</Button>
          </Link>
          {can('training:course:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setOpen(true)}>
              举办培训班
            </Button>
          ) : null}
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12}>
          <OrgPicker
            aria-label="主办党组织"
            value={params.orgId ?? null}
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
            placeholder="全部党组织（含下级）"
            style={wide(240)}
          />
          <Select<TrainingTargetGroup>
            allowClear
            aria-label="培训对象"
            value={params.targetGroup}
            onChange={(targetGroup) => setParams({ targetGroup })}
            placeholder="全部培训对象"
            options={trainingTargetGroups.map((g) => ({ value: g, label: trainingTargetGroupLabels[g] }))}
            style={wide(160)}
          />
          <Input.Search
            allowClear
            aria-label="名称"
            placeholder="培训班名称"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(220)}
          />
        </Flex>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<TrainingItem>
          items={list.data?.items}
          rowKey={(r) => r.id}
          columns={columns}
          renderCard={(r) => <CourseCard item={r} />}
          loading={list.isPending || list.isFetching}
          emptyText="没有培训班"
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '个',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      <FormModal<CourseForm>
        title="举办培训班"
        open={open}
        onClose={() => setOpen(false)}
        successMessage="已创建培训班"
        onSubmit={async (v) => {
          const detail = await create.mutateAsync({
            orgId: v.orgId,
            title: v.title,
            targetGroup: v.targetGroup ?? null,
            startsOn: toIsoDate(v.range[0])!,
            endsOn: toIsoDate(v.range[1])!,
            hours: v.hours,
            place: v.place?.trim() || null,
          });
          void navigate(`/trainings/${detail.id}`);
        }}
      >
        <Form.Item name="orgId" label="主办党组织" rules={[{ required: true, message: '请选择主办党组织' }]}>
          <OrgPicker placeholder="选择党组织" />
        </Form.Item>
        <Form.Item name="title" label="培训名称" rules={[{ required: true, min: trainingLimits.title.min }]}>
          <Input maxLength={trainingLimits.title.max} />
        </Form.Item>
        <Form.Item name="targetGroup" label="培训对象类别（干部教育培训规划）">
          <Select
            allowClear
            options={trainingTargetGroups.map((g) => ({ value: g, label: trainingTargetGroupLabels[g] }))}
          />
        </Form.Item>
        <Form.Item name="range" label="起止日期" rules={[{ required: true, message: '请选择起止日期' }]}>
          <DatePicker.RangePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }]}>
          <InputNumber min={0.5} max={trainingLimits.hours.max} step={0.5} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="place" label="地点">
          <Input maxLength={trainingLimits.place.max} />
        </Form.Item>
      </FormModal>
    </PageContainer>
  );
}
