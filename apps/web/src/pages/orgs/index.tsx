import { limits, orgTypeLabels, orgTypes } from '@dangjian/core';
import { Button, Card, Col, Empty, Flex, Input, Row, Skeleton, Switch, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { OrgTree } from '../../components/org-tree';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isOneOf } from '../../lib/enums';
import { buildOrgForest } from '../../lib/org-tree';
import { useIsNarrow } from '../../lib/use-media-query';
import { useOrgList } from './api';
import { OrgDetailPanel } from './detail';

function parseId(raw: string | undefined): number | null {
  const id = Number(raw);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** 组织架构: the org tree on the left, the selected org (from the URL, /orgs/:id) on the right. */
export function OrgsPage() {
  const params = useParams();
  const selectedId = parseId(params.orgId);
  const navigate = useNavigate();
  // ?type=branch: only the orgs of one type, with their count (what an overview figure opens).
  const [query, setQuery] = useSearchParams();
  const typeParam = query.get('type');
  const type = isOneOf(orgTypes, typeParam) ? typeParam : undefined;
  const keep = query.toString() ? `?${query.toString()}` : '';
  const isNarrow = useIsNarrow();
  const [search, setSearch] = useState('');
  const [showArchived, setShowArchived] = useState(false);
  const list = useOrgList(showArchived);
  const detailRef = useRef<HTMLDivElement>(null);
  const firstRootId = useMemo(() => buildOrgForest(list.data ?? [])[0]?.org.id ?? null, [list.data]);

  // Open the top of the tree when no org is chosen yet.
  useEffect(() => {
    if (selectedId === null && firstRootId !== null)
      navigate(`/orgs/${firstRootId}${keep}`, { replace: true });
  }, [selectedId, firstRootId, navigate, keep]);

  const select = (id: number) => {
    navigate(`/orgs/${id}${keep}`);
    if (isNarrow) window.setTimeout(() => detailRef.current?.scrollIntoView({ behavior: 'smooth' }), 50);
  };

  return (
    <PageContainer title="组织架构">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8} xxl={6}>
          <Card size="small" styles={{ body: { padding: 12 } }}>
            <Flex vertical gap={8}>
              <Input.Search
                allowClear
                placeholder="搜索名称、简称或代码"
                maxLength={limits.search.max}
                onChange={(e) => setSearch(e.target.value)}
                onSearch={setSearch}
              />
              <Flex align="center" gap={8}>
                <Switch size="small" checked={showArchived} onChange={setShowArchived} id="show-archived" />
                <Typography.Text type="secondary">
                  <label htmlFor="show-archived">显示已撤销</label>
                </Typography.Text>
              </Flex>
              {type && list.data ? (
                <Flex align="center" gap={4} wrap>
                  <Typography.Text>
                    只看{orgTypeLabels[type]}：共{' '}
                    {list.data.filter((o) => o.type === type && !o.archived).length} 个（不含已撤销）
                  </Typography.Text>
                  <Button type="link" size="small" onClick={() => setQuery({}, { replace: true })}>
                    显示全部
                  </Button>
                </Flex>
              ) : null}
              <div style={{ maxHeight: isNarrow ? 360 : 'calc(100vh - 260px)', overflow: 'auto' }}>
                {list.isPending ? <Skeleton active /> : null}
                {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
                {list.data ? (
                  <OrgTree
                    orgs={list.data}
                    selectedId={selectedId}
                    onSelect={select}
                    search={search}
                    type={type}
                  />
                ) : null}
              </div>
            </Flex>
          </Card>
        </Col>
        <Col xs={24} lg={16} xxl={18}>
          <div ref={detailRef}>
            {selectedId === null ? (
              <Card>
                <Empty description={list.data?.length === 0 ? '暂无党组织' : '请在左侧选择党组织'} />
              </Card>
            ) : (
              <OrgDetailPanel key={selectedId} orgId={selectedId} />
            )}
          </div>
        </Col>
      </Row>
    </PageContainer>
  );
}
