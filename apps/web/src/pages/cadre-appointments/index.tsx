import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type AppointmentStatus,
  appointmentStatuses,
  appointmentStatusLabels,
  type CadreAppointmentItem,
  type CadrePostLevel,
  cadrePostLevelLabels,
  cadrePostLevels,
  cadreTrackLabels,
  cadreTracks,
  limits,
} from '@dangjian/core';
import { Button, Card, Checkbox, Flex, Form, Input, Select, Switch, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { PersonPicker } from '../../components/person-picker';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { useUnits } from '../units/api';
import {
  type CadreAppointmentListParams,
  type CreateCadreAppointmentBody,
  cadreAppointmentPath,
  useCadreAppointmentList,
  useCreateCadreAppointment,
} from './api';
import { CadreAppointmentCard, cadreAppointmentColumns } from './columns';

const defaultPageSize = 20;
const filterKeys = ['status', 'level', 'due', 'q'] as const;

function parseParams(search: URLSearchParams): CadreAppointmentListParams {
  const status = search.get('status');
  const level = search.get('level');
  const q = search.get('q')?.trim();
  return {
    status: isOneOf(appointmentStatuses, status) ? status : undefined,
    level: isOneOf(cadrePostLevels, level) ? level : undefined,
    due: search.get('due') === 'true' || undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

/** 动议: the person, the unit and post, 正职/副职, 党务/行政/双肩挑, 破格. */
function MotionDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateCadreAppointment();
  const units = useUnits();
  const navigate = useNavigate();
  return (
    <FormDrawer<CreateCadreAppointmentBody>
      title="选拔任用动议"
      open={open}
      onClose={onClose}
      initialValues={{ exceptional: false, track: 'admin', level: 'deputy' }}
      onSubmit={async (v) => {
        const d = await create.mutateAsync({ ...v, note: v.note?.trim() || null });
        navigate(cadreAppointmentPath(d.id));
      }}
      successMessage="已动议"
      okText="动议"
      width={560}
    >
      <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
        <PersonPicker />
      </Form.Item>
      <Form.Item name="unitId" label="拟任单位" rules={[{ required: true, message: '请选择单位' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={units.isPending}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item
        name="postTitle"
        label="拟任职务"
        rules={[{ required: true, whitespace: true, message: '请填写拟任职务，如 副院长' }]}
      >
        <Input maxLength={60} placeholder="如 副院长、党总支书记" />
      </Form.Item>
      <Form.Item name="level" label="职级" rules={[{ required: true }]}>
        <Select options={cadrePostLevels.map((l) => ({ value: l, label: cadrePostLevelLabels[l] }))} />
      </Form.Item>
      <Form.Item name="track" label="类别" rules={[{ required: true }]}>
        <Select options={cadreTracks.map((t) => ({ value: t, label: cadreTrackLabels[t] }))} />
      </Form.Item>
      <Form.Item name="exceptional" label="破格提拔" valuePropName="checked">
        <Switch />
      </Form.Item>
      <Form.Item name="note" label="动议说明">
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormDrawer>
  );
}

/**
 * 干部选拔任用: every procedure from 动议 to 转正 (组织部 and 校领导), filtered by status, level, what is due and name
 * (kept in the URL); the 组织部 raises a 动议 here.
 */
export function CadreAppointmentsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useCadreAppointmentList(params);
  const [creating, setCreating] = useState(false);
  const setParams = (patch: Partial<Record<keyof CadreAppointmentListParams, string | number | undefined>>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="干部选拔任用"
      extra={
        <>
          {can('cadre:file:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              动议
            </Button>
          ) : null}
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      <Card style={{ marginBottom: 16 }} styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
        <Flex wrap gap={12} align="center">
          <Select<AppointmentStatus>
            allowClear
            aria-label="状态"
            value={params.status}
            onChange={(status) => setParams({ status, page: 1 })}
            placeholder="全部状态"
            options={appointmentStatuses.map((s) => ({ value: s, label: appointmentStatusLabels[s] }))}
            style={wide(140)}
          />
          <Select<CadrePostLevel>
            allowClear
            aria-label="职级"
            value={params.level}
            onChange={(level) => setParams({ level, page: 1 })}
            placeholder="正职和副职"
            options={cadrePostLevels.map((l) => ({ value: l, label: cadrePostLevelLabels[l] }))}
            style={wide(130)}
          />
          <Input.Search
            allowClear
            aria-label="姓名或职务"
            placeholder="姓名或职务"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined, page: 1 })}
            style={wide(220)}
          />
          <Checkbox
            checked={params.due ?? false}
            onChange={(e) => setParams({ due: e.target.checked ? 'true' : undefined, page: 1 })}
          >
            仅看有到期事项
          </Checkbox>
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        动议 → 民主推荐 → 考察 → 党委讨论决定 → 任前公示 → 任职 → 试用期满转正或免去试任职务
        {list.data ? `；到期事项以 ${list.data.today} 计` : ''}。
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<CadreAppointmentItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={cadreAppointmentColumns}
          renderCard={(row) => <CadreAppointmentCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的选拔任用' : '没有选拔任用'}
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '项',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      <MotionDrawer open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
