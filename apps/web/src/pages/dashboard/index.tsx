import { RightOutlined } from '@ant-design/icons';
import {
  type Dashboard,
  orgTypeLabels,
  orgTypes,
  type Severity,
  severities,
  severityLabels,
} from '@dangjian/core';
import { Card, Col, Flex, Row, Skeleton, Statistic, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link, useNavigate } from 'react-router';
import { QueryError } from '../../components/query-error';
import { severityColors } from '../../components/severity-tag';
import { visibleNavItems } from '../../layout/nav';
import { hasAnyPermission, hasPermission, useCan } from '../../lib/access';
import { useMe } from '../../lib/auth';
import { formatRoleGrant } from '../../lib/format';
import { RemindersCard } from '../compliance/reminders';
import { OverviewHomeSection } from '../overview/index';
import { AlertsByRuleChart } from './alerts-chart';
import { useDashboard } from './api';
import { InboxCard } from './inbox-card';
import { NextActivityCard, UnreadMessagesCard } from './member-home';
import { ComplianceRatesChart } from './rates-chart';
import { RecruitmentRemindersCard } from './recruitment-reminders';
import { SetupProgressCard } from './setup-card';

/** Colour of the severity numbers (antd preset colour names as CSS colours). */
const severityTextColors = {
  error: '#cf1322',
  warning: '#d46b08',
  info: '#0958d9',
} as const satisfies Record<Severity, string>;

function StatCard({ title, extra, children }: { title: string; extra?: ReactNode; children: ReactNode }) {
  return (
    <Card title={title} extra={extra} style={{ height: '100%' }}>
      <Flex wrap gap={24}>
        {children}
      </Flex>
    </Card>
  );
}

function Shortcuts() {
  const can = useCan();
  const me = useMe();
  const items = visibleNavItems(can, me.user.person).filter((i) => i.path !== '/');
  if (items.length === 0) return null;
  return (
    <Card title="常用功能">
      <Row gutter={[12, 12]}>
        {items.map((item) => (
          <Col key={item.path} xs={24} sm={12} md={8} lg={6}>
            <Link to={item.path}>
              <Card size="small" hoverable>
                <Flex align="center" gap={12}>
                  <span style={{ fontSize: 22 }}>{item.icon}</span>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Typography.Text strong>{item.label}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">{item.description}</Typography.Text>
                  </div>
                  <RightOutlined />
                </Flex>
              </Card>
            </Link>
          </Col>
        ))}
      </Row>
    </Card>
  );
}

function Welcome() {
  const me = useMe();
  return (
    <Card>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        您好，{me.user.displayName}
      </Typography.Title>
      <Typography.Paragraph>
        欢迎使用{me.school.name}党建工作平台。您当前的角色：
        {me.user.roles.map((r) => (
          <Tag key={`${r.role}:${r.orgId ?? ''}`} color="red" style={{ marginInlineStart: 4 }}>
            {formatRoleGrant(r)}
          </Tag>
        ))}
      </Typography.Paragraph>
    </Card>
  );
}

function Overview({ data }: { data: Dashboard }) {
  const navigate = useNavigate();
  const can = useCan();
  const seesLife = can('life:activity:view');
  // Each card is the work of one permission: a user sees only the cards of the work they do.
  const seesOrgs = can('org:org:view');
  const seesMembers = can('member:member:view');
  const seesAlerts = can('alert:alert:view');
  return (
    <Row gutter={[16, 16]}>
      {seesOrgs ? (
        <Col xs={24} xl={12}>
          <StatCard title="党组织" extra={<Link to="/orgs">组织架构</Link>}>
            {/* Only the kinds of org in the caller's scope: a branch secretary is not shown 党委 0, 党总支 0. */}
            {orgTypes
              .filter((type) => (data.orgCounts[type] ?? 0) > 0)
              .map((type) => (
                <Statistic key={type} title={orgTypeLabels[type]} value={data.orgCounts[type]} suffix="个" />
              ))}
          </StatCard>
        </Col>
      ) : null}
      {seesMembers ? (
        <Col xs={24} md={12} xl={6}>
          <StatCard title="党员" extra={<Link to="/members">党员名册</Link>}>
            <Statistic title="党员总数" value={data.memberCounts.total} />
            <Statistic title="正式党员" value={data.memberCounts.full} />
            <Statistic title="预备党员" value={data.memberCounts.probationary} />
          </StatCard>
        </Col>
      ) : null}
      {seesAlerts ? (
        <>
          <Col xs={24} md={12} xl={6}>
            <StatCard title="届满提醒" extra={<Link to="/alerts?ruleId=term.ending_soon">查看</Link>}>
              <Link to="/alerts?ruleId=term.ending_soon">
                <Statistic title="即将届满的党组织" value={data.termsEndingSoon} suffix="个" />
              </Link>
            </StatCard>
          </Col>
          <Col xs={24}>
            <StatCard
              title="监测预警"
              extra={
                <Link to="/alerts">
                  全部 {data.alertCounts.total} 条 <RightOutlined />
                </Link>
              }
            >
              {severities.map((severity) => (
                <Link key={severity} to={`/alerts?severity=${severity}`}>
                  <Statistic
                    title={<Tag color={severityColors[severity]}>{severityLabels[severity]}</Tag>}
                    value={data.alertCounts[severity]}
                    styles={{ content: { color: severityTextColors[severity] } }}
                  />
                </Link>
              ))}
            </StatCard>
          </Col>
        </>
      ) : null}
      {seesLife ? (
        <>
          <Col xs={24} xl={14}>
            <Card
              title={`${data.today.slice(0, 4)}年组织生活完成率（按党总支）`}
              extra={<Link to="/compliance">合规矩阵</Link>}
              style={{ height: '100%' }}
            >
              <ComplianceRatesChart
                data={data.complianceRates}
                onClick={(superiorId) =>
                  navigate(superiorId ? `/compliance?orgId=${superiorId}` : '/compliance')
                }
              />
            </Card>
          </Col>
          <Col xs={24} xl={10}>
            <RemindersCard compact />
          </Col>
        </>
      ) : null}
      {seesAlerts ? (
        <Col xs={24}>
          <Card
            title="各规则预警数量"
            extra={<Typography.Text type="secondary">数据日期 {data.today}</Typography.Text>}
          >
            <AlertsByRuleChart
              data={data.alertsByRule}
              onRuleClick={(ruleId) => navigate(`/alerts?ruleId=${encodeURIComponent(ruleId)}`)}
            />
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}

/**
 * 首页: 我的待办 for whoever has any; for the 校领导 and the 组织部 the overview of the school; statistics (only
 * the cards of one's own work) for others who read the org tree; for a member, their next 组织生活 with 请假 and
 * their unread messages; shortcuts.
 */
export function DashboardPage() {
  const me = useMe();
  if (hasPermission(me, 'dashboard:overview:view')) return <OverviewHome />;
  return <WorkHome />;
}

/**
 * 首页 of the 校领导 and the 组织部: 我的待办, then the overview of the school (党建工作概览) instead of the
 * secretaries' cards; what is not the overview stays off the printed page.
 */
function OverviewHome() {
  const me = useMe();
  return (
    <Flex vertical gap={16}>
      <h1 className="visually-hidden">首页</h1>
      <div className="dj-no-print">
        <SetupProgressCard enabled={hasPermission(me, 'org:org:edit') && me.scope.kind === 'all'} />
      </div>
      <div className="dj-no-print">
        <InboxCard />
      </div>
      <OverviewHomeSection />
      <div className="dj-no-print">
        <Shortcuts />
      </div>
    </Flex>
  );
}

/** 首页 of everyone else: the cards of their own work. */
function WorkHome() {
  const me = useMe();
  const showStats = hasAnyPermission(me, ['alert:alert:view', 'member:member:view']);
  const dashboard = useDashboard(showStats);
  // A member without org work: what they do themselves comes first, on the phone above all.
  const isMember = !showStats && me.user.personId !== null;

  return (
    <Flex vertical gap={16}>
      {/* The page's h1 for screen readers; the design shows no title on 首页. */}
      <h1 className="visually-hidden">首页</h1>
      {showStats ? null : <Welcome />}
      {isMember ? (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={14}>
            <NextActivityCard />
          </Col>
          <Col xs={24} lg={10}>
            <UnreadMessagesCard />
          </Col>
        </Row>
      ) : null}
      <SetupProgressCard enabled={hasPermission(me, 'org:org:edit') && me.scope.kind === 'all'} />
      <InboxCard />
      {showStats && dashboard.isPending ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {showStats && dashboard.isError ? (
        <QueryError error={dashboard.error} onRetry={() => void dashboard.refetch()} />
      ) : null}
      {showStats && dashboard.data ? <Overview data={dashboard.data} /> : null}
      <RecruitmentRemindersCard enabled={hasPermission(me, 'recruitment:dossier:view')} />
      <Shortcuts />
    </Flex>
  );
}
