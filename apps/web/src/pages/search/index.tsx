import {
  type SearchGroup,
  type SearchHit,
  type SearchKind,
  searchKindLabels,
  searchKinds,
  searchLimits,
} from '@dangjian/core';
import { Button, Card, Empty, Flex, Input, Pagination, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useTabParam } from '../../lib/use-tab-param';
import { useSearch } from './api';

const tabKeys = ['all', ...searchKinds] as const;
/** Hits per kind on the 全部 tab, and per page on a kind's tab (within the API's most per request). */
const overviewSize = searchLimits.perKind;
const pageSize = 20;

/** The hits as links, each with where it sits. */
function HitList({ hits }: { hits: readonly SearchHit[] }) {
  return (
    <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {hits.map((hit) => (
        <li
          key={`${hit.kind}:${hit.id}`}
          style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}
        >
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Link to={hit.link}>{hit.title}</Link>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {hit.subtitle}
            </Typography.Text>
          </Flex>
        </li>
      ))}
    </ul>
  );
}

function nothingFound(q: string) {
  return <Empty description={`未找到与“${q}”相关的结果`} />;
}

/** One kind's hits, a page at a time. */
function KindResults({ q, kind }: { q: string; kind: SearchKind }) {
  const [page, setPage] = useState(1);
  const search = useSearch({ q, kind, limit: pageSize, offset: (page - 1) * pageSize });
  if (search.isError) return <QueryError error={search.error} onRetry={() => void search.refetch()} />;
  if (search.isPending) return <Skeleton active />;
  const group = search.data.groups[0];
  if (!group || group.total === 0) return nothingFound(q);
  return (
    <Flex vertical gap={12}>
      <Typography.Text type="secondary">
        {searchKindLabels[kind]}共 {group.total} 条
      </Typography.Text>
      <HitList hits={group.items} />
      {group.total > pageSize ? (
        <Pagination
          align="center"
          current={page}
          pageSize={pageSize}
          total={Math.min(group.total, searchLimits.maxOffset + pageSize)}
          showSizeChanger={false}
          onChange={setPage}
        />
      ) : null}
    </Flex>
  );
}

/** The 全部 tab: the first hits of every kind that has any, each with a way to see the rest. */
function AllResults({
  q,
  groups,
  onMore,
}: {
  q: string;
  groups: readonly SearchGroup[];
  onMore: (kind: SearchKind) => void;
}) {
  const found = groups.filter((g) => g.total > 0);
  if (found.length === 0) return nothingFound(q);
  return (
    <Flex vertical gap={16}>
      {found.map((g) => (
        <Card
          key={g.kind}
          size="small"
          title={`${g.label}（${g.total}）`}
          extra={
            g.total > g.items.length ? (
              <Button type="link" size="small" onClick={() => onMore(g.kind)}>
                查看全部 {g.total} 条
              </Button>
            ) : null
          }
        >
          <HitList hits={g.items} />
        </Card>
      ))}
    </Flex>
  );
}

/**
 * 搜索: what the header's search found, for every kind the user may view (党员, 党组织, 组织生活, 发展党员档案),
 * each within their data scope; the text is in the URL (`?q=`), the kind's tab too.
 */
export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const valid = q.length >= searchLimits.text.min && q.length <= searchLimits.text.max;
  const [tab, setTab] = useTabParam(tabKeys);
  const overview = useSearch({ q, limit: overviewSize });
  const groups = overview.data?.groups ?? [];
  const total = groups.reduce((n, g) => n + g.total, 0);

  const submit = (text: string) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        next.set('q', text.trim());
        return next;
      },
      { replace: false },
    );

  return (
    <PageContainer title="搜索">
      <Flex vertical gap={16}>
        <search style={{ maxWidth: 560 }}>
          <Input.Search
            key={q}
            defaultValue={q}
            placeholder="输入姓名、组织名称、活动主题等"
            aria-label="搜索关键词"
            maxLength={searchLimits.text.max}
            enterButton="搜索"
            allowClear
            onSearch={submit}
          />
        </search>
        {!valid ? (
          <Empty description="请输入关键词搜索党员、党组织、组织生活和发展党员档案" />
        ) : overview.isError ? (
          <QueryError error={overview.error} onRetry={() => void overview.refetch()} />
        ) : overview.isPending ? (
          <Skeleton active />
        ) : groups.length === 0 ? (
          <Empty description="您的账号没有可搜索的内容" />
        ) : (
          <>
            <Tabs
              activeKey={tab}
              onChange={setTab}
              items={[
                { key: 'all', label: `全部（${total}）` },
                ...groups.map((g) => ({ key: g.kind, label: `${g.label}（${g.total}）` })),
              ]}
            />
            {tab === 'all' ? (
              <AllResults q={q} groups={groups} onMore={setTab} />
            ) : (
              <KindResults key={`${q}:${tab}`} q={q} kind={tab} />
            )}
          </>
        )}
      </Flex>
    </PageContainer>
  );
}
