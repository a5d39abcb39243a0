import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type DutyReviewItem,
  type DutyReviewLevel,
  type DutyReviewStatus,
  dutyReviewLevelLabels,
  dutyReviewLevels,
  dutyReviewLimits,
  dutyReviewStatuses,
  dutyReviewStatusLabels,
  limits,
} from '@dangjian/core';
import { Button, Card, Checkbox, DatePicker, Flex, Form, Input, InputNumber, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { PeoplePicker } from '../../components/people-picker';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { toIsoDate } from '../../lib/format';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type DutyReviewListParams, dutyReviewPath, useCreateDutyReview, useDutyReviewList } from './api';
import { DutyReviewCard, dutyReviewColumns } from './columns';

function parseParams(search: URLSearchParams): DutyReviewListParams {
  const status = search.get('status');
  const q = search.get('q')?.trim();
  return {
    year: positiveInt(search.get('year'), 0) || undefined,
    status: isOneOf(dutyReviewStatuses, status) ? status : undefined,
    q: q ? q.slice(0, limits.search.max) : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), 20, limits.pageSize.max),
  };
}

interface LaunchValues {
  year: number;
  orgId: number | null;
  level: DutyReviewLevel;
  ballotWeight: number;
  committee: boolean;
  secretaries: boolean;
  representativeIds: number[];
  reportDueOn: Dayjs | null;
}

/** The representatives are searched among the people of the organising org (within the user's scope). */
function RepresentativesField() {
  const orgId = Form.useWatch<number | null | undefined>('orgId');
  return (
    <Form.Item
      name="representativeIds"
      label="党员代表参加测评"
      extra={`可选，最多 ${dutyReviewLimits.representatives.max} 人；在本人管理范围内按姓名搜索${orgId ? '（所选党组织及下级）' : ''}`}
    >
      <PeoplePicker
        aria-label="党员代表"
        orgId={orgId ?? undefined}
        maxCount={dutyReviewLimits.representatives.max}
      />
    </Form.Item>
  );
}

/** 启动述职评议: the organising org, the level, the year, the weights, who votes and the report deadline. */
function LaunchDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateDutyReview();
  const navigate = useNavigate();
  const year = new Date().getFullYear();
  return (
    <FormModal<LaunchValues>
      title="启动述职评议"
      open={open}
      onClose={onClose}
      okText="启动"
      successMessage="已启动述职评议"
      initialValues={{
        year,
        level: 'branch',
        ballotWeight: 70,
        committee: true,
        secretaries: true,
        representativeIds: [],
        reportDueOn: null,
      }}
      onSubmit={async (v) => {
        const d = await create.mutateAsync({
          year: v.year,
          orgId: v.orgId ?? 0,
          level: v.level,
          rule: {
            ballotWeight: v.ballotWeight,
            evaluationWeight: 100 - v.ballotWeight,
            points: { good: 100, fairly_good: 85, average: 70, poor: 0 },
            bands: { good: 90, fairly_good: 80, average: 60 },
            poorShare: { atLeastPercent: 34, cap: 'average' },
          },
          voters: {
            committee: v.committee,
            secretaries: v.secretaries,
            representativeIds: v.representativeIds ?? [],
          },
          ...(v.reportDueOn ? { reportDueOn: toIsoDate(v.reportDueOn) ?? undefined } : {}),
        });
        navigate(dutyReviewPath(d.id));
      }}
    >
      <Form.Item
        name="orgId"
        label="组织述职评议的党组织"
        rules={[{ required: true, message: '请选择党组织' }]}
      >
        <OrgPicker aria-label="组织述职评议的党组织" />
      </Form.Item>
      <Form.Item name="level" label="述职对象" rules={[{ required: true }]}>
        <Select options={dutyReviewLevels.map((l) => ({ value: l, label: dutyReviewLevelLabels[l] }))} />
      </Form.Item>
      <Form.Item name="year" label="年度" rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="ballotWeight"
        label="民主测评权重（%）"
        extra="其余为党委（党总支）评价权重；好 ≥ 90、较好 ≥ 80、一般 ≥ 60；差票达 34% 的最高评为一般"
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="committee" valuePropName="checked">
        <Checkbox>党委（党总支）委员参加测评</Checkbox>
      </Form.Item>
      <Form.Item name="secretaries" valuePropName="checked">
        <Checkbox>参加述职的书记参加测评</Checkbox>
      </Form.Item>
      <RepresentativesField />
      <Form.Item
        name="reportDueOn"
        label="述职报告截止日期"
        extra="不填则为开始后第 30 天（默认 11 月 30 日；晚于开始日启动的，自启动日起算），不晚于结束日期；截止前一周起提醒书记"
      >
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

/** 述职评议: the 书记抓党建述职评议考核 campaigns within the user's scope, the latest year first. */
export function DutyReviewsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useDutyReviewList(params);
  const [launching, setLaunching] = useState(false);
  const setParams = (patch: Partial<Record<keyof DutyReviewListParams, string | number | undefined>>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });
  return (
    <PageContainer
      title="述职评议"
      extra={
        <>
          {can('assessment:duty:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setLaunching(true)}>
              启动述职评议
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
          <InputNumber
            aria-label="年度"
            placeholder="年度"
            min={2000}
            max={2100}
            value={params.year ?? null}
            onChange={(year) => setParams({ year: year ?? undefined })}
            style={wide(120)}
          />
          <Select<DutyReviewStatus>
            allowClear
            aria-label="状态"
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            options={dutyReviewStatuses.map((s) => ({ value: s, label: dutyReviewStatusLabels[s] }))}
            style={wide(150)}
          />
          <Input.Search
            allowClear
            aria-label="关键词"
            placeholder="名称"
            maxLength={limits.search.max}
            defaultValue={params.q}
            key={params.q ?? ''}
            onSearch={(q) => setParams({ q: q.trim() || undefined })}
            style={wide(240)}
          />
        </Flex>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        每年 11—12 月，党委评议党总支、直属党支部书记，党总支评议所属党支部书记：述职报告 →
        述职会（答辩、点评）→ 民主测评 → 综合评定 → 审定 → 公布，点评意见转为整改事项。
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<DutyReviewItem>
          items={list.data?.items}
          rowKey={(r) => r.id}
          columns={dutyReviewColumns}
          renderCard={(r) => <DutyReviewCard item={r} />}
          loading={list.isPending || list.isFetching}
          emptyText="没有述职评议"
          paging={{
            page: params.page,
            pageSize: params.pageSize,
            total: list.data?.total ?? 0,
            unit: '次',
            onChange: (page, pageSize) =>
              setParams({ page: pageSize === params.pageSize ? page : 1, pageSize }),
          }}
        />
      )}
      <LaunchDialog open={launching} onClose={() => setLaunching(false)} />
    </PageContainer>
  );
}
