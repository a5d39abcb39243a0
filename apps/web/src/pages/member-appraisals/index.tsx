import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type AppraisalStatus,
  appraisalStatuses,
  appraisalStatusLabels,
  isBranchType,
  limits,
  type MemberAppraisalItem,
} from '@dangjian/core';
import { Button, Card, Checkbox, Flex, Form, InputNumber, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { OrgPicker } from '../../components/org-picker';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { todayIso } from '../../lib/format';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type AppraisalListParams, appraisalPath, useAppraisalList, useCreateAppraisal } from './api';
import { AppraisalCard, appraisalColumns } from './columns';

const defaultPageSize = 20;
const filterKeys = ['orgId', 'year', 'status'] as const;

function parseParams(search: URLSearchParams): AppraisalListParams {
  const status = search.get('status');
  return {
    orgId: positiveInt(search.get('orgId'), 0) || undefined,
    year: positiveInt(search.get('year'), 0) || undefined,
    status: isOneOf(appraisalStatuses, status) ? status : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), defaultPageSize, limits.pageSize.max),
  };
}

interface StartValues {
  orgId: number;
  year: number;
  peerReview: boolean;
}

/** 启动民主评议党员: a branch, the year, whether 党员互评 is part of it. */
function StartModal({ onClose }: { onClose: () => void }) {
  const create = useCreateAppraisal();
  const navigate = useNavigate();
  const thisYear = Number(todayIso().slice(0, 4));
  return (
    <FormModal<StartValues>
      title="启动民主评议党员"
      open
      onClose={onClose}
      initialValues={{ year: thisYear, peerReview: false }}
      onSubmit={async (v) => {
        const d = await create.mutateAsync({
          orgId: v.orgId,
          year: v.year,
          peerReview: v.peerReview ?? false,
        });
        navigate(appraisalPath(d.id));
      }}
      successMessage="已启动，并通知参评党员填写个人自评"
      okText="启动"
    >
      <Form.Item name="orgId" label="党支部" rules={[{ required: true, message: '请选择党支部' }]}>
        <OrgPicker aria-label="党支部" isSelectable={(o) => isBranchType(o.type) && !o.archived} />
      </Form.Item>
      <Form.Item name="year" label="评议年度" rules={[{ required: true, message: '请填写评议年度' }]}>
        <InputNumber min={thisYear - 1} max={thisYear} precision={0} style={{ width: 160 }} />
      </Form.Item>
      <Form.Item
        name="peerReview"
        valuePropName="checked"
        extra="设党员互评的，党员在手机上对其他党员填写简短意见，只有支委会可见"
      >
        <Checkbox>设党员互评环节</Checkbox>
      </Form.Item>
      <Typography.Paragraph type="secondary">
        参评名单为今天本支部（含党小组）的正式党员和预备党员；预备党员参加评议，不评定等次。
      </Typography.Paragraph>
    </FormModal>
  );
}

/**
 * 民主评议党员: each branch's yearly appraisal within the user's scope — filtered by org, year and status (kept in the
 * URL) — and 启动 for those who run it.
 */
export function MemberAppraisalsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useAppraisalList(params);
  const [starting, setStarting] = useState(false);
  const setParams = (patch: Partial<Record<keyof AppraisalListParams, string | number | undefined>>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const hasFilters = filterKeys.some((k) => search.has(k));
  const thisYear = Number(todayIso().slice(0, 4));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="民主评议党员"
      extra={
        <>
          {can('appraisal:member:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setStarting(true)}>
              启动民主评议
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
          <OrgPicker
            aria-label="党组织"
            value={params.orgId ?? null}
            onChange={(orgId) => setParams({ orgId: orgId ?? undefined })}
            placeholder="全部党组织（含下级）"
            style={wide(260)}
          />
          <Select<number>
            allowClear
            aria-label="评议年度"
            value={params.year}
            onChange={(year) => setParams({ year })}
            placeholder="全部年度"
            options={[thisYear, thisYear - 1, thisYear - 2].map((y) => ({ value: y, label: `${y}年度` }))}
            style={wide(130)}
          />
          <Select<AppraisalStatus>
            allowClear
            aria-label="状态"
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部状态"
            options={appraisalStatuses.map((s) => ({ value: s, label: appraisalStatusLabels[s] }))}
            style={wide(170)}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setSearch({}, { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        程序：个人自评 → 党员互评（可选）→ 民主测评 → 支委会提出评定等次 →
        党员大会决定。评为优秀的一般不超过参评正式党员的三分之一。
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<MemberAppraisalItem>
          items={list.data?.items}
          rowKey={(row) => row.id}
          columns={appraisalColumns}
          renderCard={(row) => <AppraisalCard item={row} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的民主评议' : '还没有民主评议'}
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
      {starting ? <StartModal onClose={() => setStarting(false)} /> : null}
    </PageContainer>
  );
}
