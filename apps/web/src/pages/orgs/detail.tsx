import { ReloadOutlined } from '@ant-design/icons';
import { Badge, Button, Card, Flex, Result, Skeleton, Tabs, Typography } from 'antd';
import { useState } from 'react';
import { OrgTypeTag } from '../../components/org-type-tag';
import { PageBreadcrumb } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { isApiError } from '../../lib/api';
import { useTabParam } from '../../lib/use-tab-param';
import { useAlertList } from '../alerts/api';
import { FindingTable } from '../alerts/finding-table';
import { useOrgDetail } from './api';
import { BasicTab } from './basic-tab';
import { RobotsTab } from './robots-tab';
import { TeamTab } from './team-tab';

const tabKeys = ['basic', 'team', 'alerts', 'robots'] as const;

function OrgAlertsTab({ orgId }: { orgId: number }) {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const alerts = useAlertList({ orgId, ...paging });
  if (alerts.isError) return <QueryError error={alerts.error} onRetry={() => void alerts.refetch()} />;
  if (alerts.isPending) return <Skeleton active />;
  return (
    <Flex vertical gap={8}>
      <Typography.Text type="secondary">
        本组织及其下级组织的预警，以及每条预警所依据的规定条款。
      </Typography.Text>
      <FindingTable
        items={alerts.data.items}
        loading={alerts.isFetching}
        paging={{
          page: alerts.data.page,
          pageSize: alerts.data.pageSize,
          total: alerts.data.total,
          onChange: (page, pageSize) =>
            setPaging({ page: pageSize === paging.pageSize ? page : 1, pageSize }),
        }}
        expandAll={alerts.data.total <= 10}
      />
    </Flex>
  );
}

/**
 * The right-hand panel of 组织架构: one org's tabs (基本信息, 班子与届次, 预警, and 群机器人 for those who may
 * edit the org); the tab is in the URL.
 */
export function OrgDetailPanel({ orgId }: { orgId: number }) {
  const detail = useOrgDetail(orgId);
  const [tab, setTab] = useTabParam(tabKeys);
  const can = useCan();
  const reload = () => void detail.refetch();

  if (detail.isPending) {
    return (
      <Card>
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    );
  }
  if (detail.isError) {
    if (isApiError(detail.error, 'NOT_FOUND')) {
      return (
        <Card>
          <Result status="404" title="党组织不存在" subTitle="该党组织不存在，或不在您的管理范围内。" />
        </Card>
      );
    }
    return <QueryError error={detail.error} onRetry={reload} />;
  }

  const org = detail.data;
  // The robot routes ask for org:org:edit in scope; the org's own edit ability says the same for this org.
  const canManageRobots = can('org:org:edit') && org.abilities.edit;
  // The path may or may not end with the org itself; the trail always does.
  const ancestors = org.path.filter((p) => p.id !== org.id);
  const crumbs = [
    { title: '组织架构', to: '/orgs' },
    ...ancestors.map((p) => ({ title: p.name, to: `/orgs/${p.id}` })),
    { title: org.name },
  ];
  return (
    <>
      <PageBreadcrumb items={crumbs} />
      <Card
        title={
          <Flex align="center" gap={6} style={{ minWidth: 0 }}>
            <OrgTypeTag type={org.type} archived={org.archived} />
            <Typography.Text ellipsis={{ tooltip: org.name }} style={{ fontSize: 16 }}>
              {org.name}
            </Typography.Text>
          </Flex>
        }
        extra={
          <Button
            type="text"
            icon={<ReloadOutlined />}
            aria-label="刷新"
            loading={detail.isFetching}
            onClick={reload}
          />
        }
        styles={{ body: { paddingTop: 0 } }}
      >
        <Tabs
          activeKey={tab === 'robots' && !canManageRobots ? 'basic' : tab}
          onChange={setTab}
          items={[
            { key: 'basic', label: '基本信息', children: <BasicTab org={org} onReload={reload} /> },
            { key: 'team', label: '班子与届次', children: <TeamTab org={org} onReload={reload} /> },
            {
              key: 'alerts',
              label: (
                <Badge count={org.alertCount} size="small" offset={[8, 0]} overflowCount={99}>
                  预警
                </Badge>
              ),
              children: <OrgAlertsTab key={org.id} orgId={org.id} />,
            },
            ...(canManageRobots
              ? [{ key: 'robots', label: '群机器人', children: <RobotsTab key={org.id} orgId={org.id} /> }]
              : []),
          ]}
          destroyOnHidden
        />
      </Card>
    </>
  );
}
