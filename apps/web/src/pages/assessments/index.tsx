import {
  ApartmentOutlined,
  PlusOutlined,
  ProfileOutlined,
  ReloadOutlined,
  StarOutlined,
} from '@ant-design/icons';
import {
  type AssessmentKind,
  type AssessmentRoundItem,
  assessmentKindLabels,
  assessmentKinds,
  assessmentLimits,
  type CreateAssessmentRoundBody,
  defaultAssessmentNoticeWorkingDays,
  limits,
} from '@dangjian/core';
import { Button, Card, DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { todayIso, toIsoDate } from '../../lib/format';
import { patchSearch } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  assessmentPaths,
  useAssessmentRoundList,
  useCreateAssessmentRound,
  useIndicatorSystemList,
} from './api';
import { RoundCard, roundColumns } from './columns';
import { parseRoundParams } from './list-params';

const filterKeys = ['kind', 'year', 'q'] as const;

interface RoundFormValues {
  systemId: number;
  title: string;
  period: [Dayjs | null, Dayjs | null] | null;
  referenceDate?: Dayjs | null;
  selfDueOn?: Dayjs | null;
  reviewDueOn?: Dayjs | null;
  scopeOrgId: number;
  noticeWorkingDays: number;
}

/**
 * 发起考核: a round applies a system version to the orgs of its level under the chosen org (the 党委 for the whole
 * college, or one 总支) for a period. Orgs founded too recently for the system's rule enter as 不参评.
 */
function CreateRoundDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateAssessmentRound();
  const navigate = useNavigate();
  const systems = useIndicatorSystemList({ page: 1, pageSize: limits.pageSize.max }, open);
  const options = (systems.data?.items ?? []).map((s) => ({
    value: s.id,
    label: `${s.year}年 · ${s.name}`,
    system: s,
  }));
  const thisYear = Number(todayIso().slice(0, 4));
  return (
    <FormDrawer<RoundFormValues>
      title="发起考核"
      open={open}
      onClose={onClose}
      okText="发起"
      successMessage="已发起考核，各党组织可开始自评"
      width={600}
      initialValues={{
        noticeWorkingDays: defaultAssessmentNoticeWorkingDays,
        period: [dayjs(`${thisYear}-01-01`), dayjs(`${thisYear}-12-31`)],
      }}
      onValuesChange={(changed, _all, form) => {
        // A system chosen: its year's period and a title, unless already typed.
        if (changed.systemId === undefined) return;
        const s = options.find((o) => o.value === changed.systemId)?.system;
        if (!s) return;
        form.setFieldsValue({
          period: [dayjs(`${s.year}-01-01`), dayjs(`${s.year}-12-31`)],
          ...(form.getFieldValue('title') ? {} : { title: `${s.year}年度${assessmentKindLabels[s.kind]}` }),
        });
      }}
      onSubmit={async (v) => {
        const body: CreateAssessmentRoundBody = {
          systemId: v.systemId,
          title: v.title.trim(),
          periodStart: toIsoDate(v.period?.[0]) ?? '',
          periodEnd: toIsoDate(v.period?.[1]) ?? '',
          ...(v.referenceDate ? { referenceDate: toIsoDate(v.referenceDate) ?? '' } : {}),
          scopeOrgId: v.scopeOrgId,
          noticeWorkingDays: v.noticeWorkingDays,
          selfDueOn: toIsoDate(v.selfDueOn),
          reviewDueOn: toIsoDate(v.reviewDueOn),
        };
        const round = await create.mutateAsync(body);
        navigate(assessmentPaths.round(round.id));
      }}
    >
      <Form.Item name="systemId" label="指标体系" rules={[{ required: true, message: '请选择指标体系' }]}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={systems.isPending}
          options={options.map(({ value, label }) => ({ value, label }))}
          notFoundContent="还没有指标体系，请先在“指标体系”中新建"
        />
      </Form.Item>
      <Form.Item
        name="title"
        label="名称"
        rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
      >
        <Input
          maxLength={assessmentLimits.roundTitle.max}
          showCount
          placeholder="如：2026年度星级党支部评定"
        />
      </Form.Item>
      <Form.Item
        name="period"
        label="考核期"
        rules={[{ required: true, message: '请选择考核期' }]}
        extra="按记录自动计算的指标统计这段时间内的记录"
      >
        <DatePicker.RangePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="referenceDate"
        label="考核参照日"
        extra="判断是否参评（成立满一年）和读取未解决问题、届次的日期；不填为考核期最后一天"
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="scopeOrgId"
        label="考核范围"
        rules={[{ required: true, message: '请选择考核范围' }]}
        extra="选党委为全校；选党总支只考核其所属党组织"
      >
        <OrgPicker isSelectable={(o) => o.type === 'committee' || o.type === 'general_branch'} />
      </Form.Item>
      <Form.Item name="selfDueOn" label="自评截止日期" extra="到期前后提醒未提交自评的党组织；不填则不设期限">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="reviewDueOn" label="审核截止日期" extra="党总支审核所属支部的期限，不早于自评截止日期">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="noticeWorkingDays"
        label="公示工作日数"
        rules={[{ required: true, message: '请填写公示工作日数' }]}
      >
        <InputNumber
          min={assessmentLimits.noticeWorkingDays.min}
          max={assessmentLimits.noticeWorkingDays.max}
          precision={0}
          suffix="个工作日"
          style={{ width: '100%' }}
        />
      </Form.Item>
    </FormDrawer>
  );
}

/**
 * 考核评价: the rounds (星级评定, 标准化达标, 个个过关, 年度党建考评) the user takes part in or oversees, with how
 * many orgs are at each step; the 组织部 opens new ones.
 */
export function AssessmentRoundsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseRoundParams(search), [search]);
  const list = useAssessmentRoundList(params);
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const setParams = (patch: Record<string, string | number | undefined>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="考核评价"
      extra={
        <>
          {can('assessment:round:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              发起考核
            </Button>
          ) : null}
          <Button icon={<StarOutlined />} onClick={() => navigate(assessmentPaths.starMap())}>
            星级分布图
          </Button>
          {can('assessment:system:manage') ? (
            <Button icon={<ProfileOutlined />} onClick={() => navigate(assessmentPaths.systems)}>
              指标体系
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
          <Select<AssessmentKind>
            allowClear
            aria-label="考核类型"
            value={params.kind}
            onChange={(kind) => setParams({ kind })}
            placeholder="全部考核类型"
            options={assessmentKinds.map((k) => ({ value: k, label: assessmentKindLabels[k] }))}
            style={wide(240)}
          />
          <InputNumber
            aria-label="年度"
            placeholder="年度"
            min={assessmentLimits.year.min}
            max={assessmentLimits.year.max}
            precision={0}
            value={params.year ?? null}
            onChange={(year) => setParams({ year: year ?? undefined })}
            style={wide(110)}
          />
          <Input.Search
            allowClear
            aria-label="关键词"
            placeholder="考核名称"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(220)}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        <ApartmentOutlined /> 按记录自动计算的指标由平台取数，支部只需对评审项自评；自评 → 总支审核 →
        组织部审核 → 党委审定 → 公示 → 确定结果。
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<AssessmentRoundItem>
          items={list.data?.items}
          rowKey={(r) => r.id}
          columns={roundColumns}
          renderCard={(r) => <RoundCard item={r} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的考核' : '还没有考核'}
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '轮',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      {creating ? <CreateRoundDrawer open onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}
