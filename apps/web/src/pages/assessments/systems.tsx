import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  type AssessedLevel,
  type AssessmentKind,
  type AssessmentTemplateKey,
  assessedLevelLabels,
  assessedLevels,
  assessmentKindLabels,
  assessmentKinds,
  assessmentLimits,
  assessmentTemplateKeys,
  assessmentTemplateLabels,
  type CreateIndicatorSystemBody,
  type IndicatorSystemItem,
  limits,
} from '@dangjian/core';
import { Button, Card, Flex, Form, Input, InputNumber, Radio, Select, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { todayIso } from '../../lib/format';
import { patchSearch } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import { assessmentPaths, useCreateIndicatorSystem, useIndicatorSystemList } from './api';
import { SystemCard, systemColumns } from './columns';
import { parseSystemParams } from './list-params';

const filterKeys = ['kind', 'level', 'year', 'q'] as const;

interface CreateValues {
  source: 'template' | 'copy';
  template?: AssessmentTemplateKey;
  systemId?: number;
  year: number;
  name?: string;
}

/** The versions a copy may start from (any version; usually last year's). */
function useCopySources(open: boolean) {
  const list = useIndicatorSystemList({ page: 1, pageSize: limits.pageSize.max }, open);
  return (list.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.year}年 · ${s.name}` }));
}

/**
 * 新建指标体系: a new version from a built-in template (星级党支部, 标准化达标, 个个过关, 年度党建考评) or a copy of a
 * version (the usual way to start next year's); it opens in the editor.
 */
export function CreateSystemModal({
  open,
  onClose,
  copyOf,
}: {
  open: boolean;
  onClose: () => void;
  /** Start as a copy of this version (复制为新版本). */
  copyOf?: Pick<IndicatorSystemItem, 'id' | 'year' | 'name'> | undefined;
}) {
  const create = useCreateIndicatorSystem();
  const navigate = useNavigate();
  const sources = useCopySources(open);
  const [source, setSource] = useState<CreateValues['source']>(copyOf ? 'copy' : 'template');
  const thisYear = Number(todayIso().slice(0, 4));
  return (
    <FormModal<CreateValues>
      title={copyOf ? '复制为新版本' : '新建指标体系'}
      open={open}
      onClose={onClose}
      okText="创建"
      successMessage="已创建，可继续修改指标"
      initialValues={
        copyOf
          ? { source: 'copy', systemId: copyOf.id, year: copyOf.year + 1 }
          : { source: 'template', year: thisYear }
      }
      onValuesChange={(changed) => {
        if (changed.source) setSource(changed.source);
      }}
      onSubmit={async (v) => {
        const name = v.name?.trim() || undefined;
        const body: CreateIndicatorSystemBody =
          v.source === 'template'
            ? { source: 'template', template: v.template!, year: v.year, ...(name ? { name } : {}) }
            : { source: 'copy', systemId: v.systemId!, year: v.year, ...(name ? { name } : {}) };
        const created = await create.mutateAsync(body);
        navigate(assessmentPaths.system(created.id));
      }}
    >
      {copyOf ? null : (
        <Form.Item name="source" label="创建方式">
          <Radio.Group
            options={[
              { value: 'template', label: '从内置模板' },
              { value: 'copy', label: '复制已有版本' },
            ]}
          />
        </Form.Item>
      )}
      {source === 'template' ? (
        <Form.Item name="template" label="模板" rules={[{ required: true, message: '请选择模板' }]}>
          <Select
            options={assessmentTemplateKeys.map((k) => ({ value: k, label: assessmentTemplateLabels[k] }))}
          />
        </Form.Item>
      ) : (
        <Form.Item
          name="systemId"
          label="复制的版本"
          rules={[{ required: true, message: '请选择要复制的版本' }]}
        >
          <Select showSearch optionFilterProp="label" options={sources} disabled={copyOf !== undefined} />
        </Form.Item>
      )}
      <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
        <InputNumber
          min={assessmentLimits.year.min}
          max={assessmentLimits.year.max}
          precision={0}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item name="name" label="名称" extra="不填则按模板或原版本的名称">
        <Input maxLength={assessmentLimits.systemName.max} showCount />
      </Form.Item>
    </FormModal>
  );
}

/**
 * 指标体系: the versions by year, kind and level (the 组织部). A version a round uses is locked; next year's
 * starts as a copy.
 */
export function IndicatorSystemsPage() {
  const isNarrow = useIsNarrow();
  const can = useCan();
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => parseSystemParams(search), [search]);
  const list = useIndicatorSystemList(params);
  const [creating, setCreating] = useState(false);
  const setParams = (patch: Record<string, string | number | undefined>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const hasFilters = filterKeys.some((k) => search.has(k));
  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });

  return (
    <PageContainer
      title="指标体系"
      breadcrumb={[{ title: '考核评价', to: assessmentPaths.rounds }, { title: '指标体系' }]}
      extra={
        <>
          {can('assessment:system:manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              新建指标体系
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
          <Select<AssessedLevel>
            allowClear
            aria-label="考核对象"
            value={params.level}
            onChange={(level) => setParams({ level })}
            placeholder="全部考核对象"
            options={assessedLevels.map((l) => ({ value: l, label: assessedLevelLabels[l] }))}
            style={wide(150)}
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
            placeholder="名称"
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
        每年一个版本；已用于考核的版本锁定评分规则（只能改名称和说明），下一年度请“复制为新版本”后修改。
      </Typography.Paragraph>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <ResponsiveList<IndicatorSystemItem>
          items={list.data?.items}
          rowKey={(r) => r.id}
          columns={systemColumns}
          renderCard={(r) => <SystemCard item={r} />}
          loading={list.isPending || list.isFetching}
          emptyText={hasFilters ? '没有符合条件的指标体系' : '还没有指标体系，可从内置模板新建'}
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
      {creating ? <CreateSystemModal open onClose={() => setCreating(false)} /> : null}
    </PageContainer>
  );
}
