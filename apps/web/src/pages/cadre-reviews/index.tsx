import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type CadreReviewItem,
  type CadreReviewStatus,
  cadreReviewFiveDimensions,
  cadreReviewLimits,
  cadreReviewStatuses,
  cadreReviewStatusLabels,
  defaultCadreReviewRule,
  limits,
} from '@dangjian/core';
import { Button, Card, Checkbox, Flex, Form, InputNumber, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { PeoplePicker } from '../../components/people-picker';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isOneOf } from '../../lib/enums';
import { patchSearch, positiveInt } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { type CadreReviewListParams, cadreReviewPath, useCadreReviewList, useCreateCadreReview } from './api';
import { CadreReviewCard, cadreReviewColumns } from './columns';

function parseParams(search: URLSearchParams): CadreReviewListParams {
  const status = search.get('status');
  return {
    year: positiveInt(search.get('year'), 0) || undefined,
    status: isOneOf(cadreReviewStatuses, status) ? status : undefined,
    page: positiveInt(search.get('page'), 1),
    pageSize: positiveInt(search.get('pageSize'), 20, limits.pageSize.max),
  };
}

interface CreateValues {
  year: number;
  ballotWeight: number;
  excellentQuotaPercent: number;
  leaders: boolean;
  cadres: boolean;
  /** 总体评价 (one item per cadre) or 德、能、勤、绩、廉 (five). */
  items: 'overall' | 'five';
  representativeIds?: number[];
}

/** 建立年度考核: the year, the weights, the 优秀 quota and who votes; the cadres come from the roster. */
function CreateDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateCadreReview();
  const navigate = useNavigate();
  return (
    <FormModal<CreateValues>
      title="建立中层干部年度考核"
      open={open}
      onClose={onClose}
      okText="建立"
      successMessage="已建立年度考核"
      initialValues={{
        year: new Date().getFullYear(),
        ballotWeight: defaultCadreReviewRule.ballotWeight,
        excellentQuotaPercent: defaultCadreReviewRule.excellentQuotaPercent,
        leaders: true,
        cadres: true,
        items: 'overall',
      }}
      onSubmit={async (v) => {
        const d = await create.mutateAsync({
          year: v.year,
          rule: {
            ...defaultCadreReviewRule,
            dimensions:
              v.items === 'five' ? [...cadreReviewFiveDimensions] : defaultCadreReviewRule.dimensions,
            ballotWeight: v.ballotWeight,
            evaluationWeight: 100 - v.ballotWeight,
            excellentQuotaPercent: v.excellentQuotaPercent,
          },
          voters: { leaders: v.leaders, cadres: v.cadres, representativeIds: v.representativeIds ?? [] },
        });
        navigate(cadreReviewPath(d.id));
      }}
    >
      <Typography.Paragraph type="secondary">
        考核对象为考核基准日（默认当年 12 月 1 日）干部名册中在任的中层干部。
      </Typography.Paragraph>
      <Form.Item name="year" label="年度" rules={[{ required: true }]}>
        <InputNumber min={2000} max={2100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="ballotWeight"
        label="民主测评权重（%）"
        extra="其余为党委评价权重；优秀 ≥ 90、称职 ≥ 70、基本称职 ≥ 60"
        rules={[{ required: true }]}
      >
        <InputNumber min={1} max={100} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item
        name="excellentQuotaPercent"
        label="优秀比例上限（%）"
        extra="按参加考核人数计算，向下取整（20 人 → 4 人，4 人 → 0 人）"
        rules={[{ required: true }]}
      >
        <InputNumber min={0} max={20} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="items" label="民主测评项目">
        <Radio.Group
          options={[
            { value: 'overall', label: '总体评价（每名干部一项）' },
            { value: 'five', label: '德、能、勤、绩、廉（每名干部五项）' },
          ]}
        />
      </Form.Item>
      <Form.Item name="leaders" valuePropName="checked">
        <Checkbox>校领导参加测评</Checkbox>
      </Form.Item>
      <Form.Item name="cadres" valuePropName="checked">
        <Checkbox>中层干部参加测评</Checkbox>
      </Form.Item>
      <Form.Item
        name="representativeIds"
        label="教职工代表"
        extra={`可选，最多 ${cadreReviewLimits.representatives.max} 人，按姓名搜索`}
      >
        <PeoplePicker aria-label="教职工代表" maxCount={cadreReviewLimits.representatives.max} />
      </Form.Item>
    </FormModal>
  );
}

/** 中层干部年度考核: one round a year. */
export function CadreReviewsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseParams(search), [search]);
  const list = useCadreReviewList(params);
  const [creating, setCreating] = useState(false);
  const setParams = (patch: Partial<Record<keyof CadreReviewListParams, string | number | undefined>>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });
  return (
    <PageContainer
      title="年度考核"
      extra={
        <>
          {can('cadre:file:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              建立年度考核
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
          <Select<CadreReviewStatus>
            allowClear
            aria-label="阶段"
            value={params.status}
            onChange={(status) => setParams({ status })}
            placeholder="全部阶段"
            options={cadreReviewStatuses.map((s) => ({ value: s, label: cadreReviewStatusLabels[s] }))}
            style={wide(150)}
          />
        </Flex>
      </Card>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        准备 → 述职 → 民主测评 → 评定 → 公布；等次为优秀、称职、基本称职、不称职，优秀一般不超过参加考核人数的
        20%；基本称职给予黄牌（提醒、函询），不称职给予红牌（诫勉）并调整职务。
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<CadreReviewItem>
          items={list.data?.items}
          rowKey={(r) => r.id}
          columns={cadreReviewColumns}
          renderCard={(r) => <CadreReviewCard item={r} />}
          loading={list.isPending || list.isFetching}
          emptyText="没有年度考核"
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
      <CreateDialog open={creating} onClose={() => setCreating(false)} />
    </PageContainer>
  );
}
