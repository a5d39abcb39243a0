import { DownloadOutlined, EditOutlined, ReloadOutlined, StarOutlined } from '@ant-design/icons';
import {
  type AssessmentRoundDetail,
  type AssessmentStatus,
  assessmentKindLabels,
  assessmentLimits,
  assessmentStatuses,
  assessmentStatusLabels,
  type OrgAssessmentItem,
  type UpdateAssessmentRoundBody,
} from '@dangjian/core';
import {
  Button,
  Card,
  DatePicker,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Result,
  Select,
  Skeleton,
  type TableColumnsType,
  Tag,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { ResponsiveList } from '../../components/responsive-list';
import { useCan } from '../../lib/access';
import { isApiError } from '../../lib/api';
import { isOneOf } from '../../lib/enums';
import { formatDate, formatDateTime, toIsoDate } from '../../lib/format';
import { patchSearch } from '../../lib/list-params';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  assessmentPaths,
  resultsUrl,
  useAssessmentRound,
  useCommitteeIds,
  useUpdateAssessmentRound,
} from './api';
import { type BoardFilters, filterBoardOrgs } from './board-model';
import { AssessmentStatusTag, FollowUpTag, Stars } from './columns';
import { defaultPageSize } from './list-params';
import { groupNameOf, isDecided } from './star-model';

/** An org's result as the board shows it: 达标 / 不达标, or the score with its stars. */
export function OrgResult({
  org,
}: {
  org: Pick<OrgAssessmentItem, 'status' | 'total' | 'stars' | 'passed' | 'vetoed' | 'vetoProvisional'>;
}) {
  if (org.status === 'not_rated') return <Typography.Text type="secondary">不参评</Typography.Text>;
  // 暂定: triggered by records of a period not yet ended — it lifts if they are completed in time.
  const vetoed = org.vetoed ? (
    <Tag
      color={org.vetoProvisional ? 'orange' : 'red'}
      style={{ marginInlineEnd: 0 }}
      title={org.vetoProvisional ? '考核期尚未结束，按目前的记录触发；期内补齐后自动解除' : undefined}
    >
      {org.vetoProvisional ? '一票否决（暂定）' : '一票否决'}
    </Tag>
  ) : null;
  if (org.passed !== null)
    return (
      <Flex gap={4} align="center" wrap>
        <Tag color={org.passed ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
          {org.passed ? '达标' : '不达标'}
        </Tag>
        {vetoed}
      </Flex>
    );
  return (
    <Flex gap={6} align="center" wrap>
      <span>{org.total === null ? '—' : `${org.total} 分`}</span>
      {org.stars !== null ? <Stars stars={org.stars} provisional={!isDecided(org.status)} /> : null}
      {vetoed}
    </Flex>
  );
}

function orgColumns(roundId: number, committeeIds: ReadonlySet<number>): TableColumnsType<OrgAssessmentItem> {
  return [
    {
      title: '党组织',
      key: 'org',
      render: (_, o) => <Link to={assessmentPaths.scorecard(roundId, o.orgId)}>{o.orgName}</Link>,
    },
    { title: '所属党总支', key: 'parent', render: (_, o) => groupNameOf(o, committeeIds), width: 180 },
    { title: '进度', key: 'status', render: (_, o) => <AssessmentStatusTag status={o.status} />, width: 120 },
    {
      title: '待评分',
      key: 'pending',
      render: (_, o) =>
        o.pendingCount > 0 ? (
          <Tag color="gold">{o.pendingCount} 项</Tag>
        ) : (
          <Typography.Text type="secondary">—</Typography.Text>
        ),
      width: 90,
    },
    { title: '结果', key: 'result', render: (_, o) => <OrgResult org={o} />, width: 200 },
    { title: '结果运用', key: 'followUp', render: (_, o) => <FollowUpTag band={o.followUp} />, width: 90 },
    { title: '更新时间', key: 'updated', render: (_, o) => formatDateTime(o.updatedAt), width: 150 },
  ];
}

function OrgCard({
  roundId,
  org,
  committeeIds,
}: {
  roundId: number;
  org: OrgAssessmentItem;
  committeeIds: ReadonlySet<number>;
}) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <Flex justify="space-between" gap={8} align="start">
          <Link to={assessmentPaths.scorecard(roundId, org.orgId)} style={{ fontWeight: 600 }}>
            {org.orgName}
          </Link>
          <AssessmentStatusTag status={org.status} />
        </Flex>
        <Typography.Text type="secondary">{groupNameOf(org, committeeIds)}</Typography.Text>
        <Flex gap={8} wrap align="center">
          <OrgResult org={org} />
          <FollowUpTag band={org.followUp} />
          {org.pendingCount > 0 ? <Tag color="gold">待评分 {org.pendingCount} 项</Tag> : null}
        </Flex>
        {org.notRatedReason ? <Typography.Text type="secondary">{org.notRatedReason}</Typography.Text> : null}
      </Flex>
    </Card>
  );
}

/** How many orgs are at each step; each opens the board filtered to it. */
function ProgressBar({
  round,
  current,
  onPick,
}: {
  round: AssessmentRoundDetail;
  current: AssessmentStatus | undefined;
  onPick: (s: AssessmentStatus | undefined) => void;
}) {
  const counts = useMemo(() => {
    const c: Partial<Record<AssessmentStatus, number>> = {};
    for (const o of round.orgs) c[o.status] = (c[o.status] ?? 0) + 1;
    return c;
  }, [round.orgs]);
  return (
    <Flex gap={8} wrap role="group" aria-label="各环节党组织数">
      {assessmentStatuses.map((s) => (
        <Button
          key={s}
          size="small"
          type={current === s ? 'primary' : 'default'}
          aria-pressed={current === s}
          onClick={() => onPick(current === s ? undefined : s)}
        >
          {assessmentStatusLabels[s]} {counts[s] ?? 0}
        </Button>
      ))}
    </Flex>
  );
}

interface RoundEditValues {
  title: string;
  selfDueOn?: Dayjs | null;
  reviewDueOn?: Dayjs | null;
  noticeWorkingDays: number;
}

/**
 * 编辑考核: the 组织部 corrects a round before its results are all final — the title, the 自评 and 审核 deadlines
 * and the 公示's working days (for the decisions still to come). The system, the orgs and the period stay.
 */
function EditRoundDrawer({
  round,
  open,
  onClose,
}: {
  round: AssessmentRoundDetail;
  open: boolean;
  onClose: () => void;
}) {
  const update = useUpdateAssessmentRound(round.id);
  const day = (d: string | null) => (d ? dayjs(d) : null);
  return (
    <FormDrawer<RoundEditValues>
      title="编辑考核"
      open={open}
      onClose={onClose}
      okText="保存"
      successMessage="已保存，相关提醒按新的日期发送"
      width={520}
      initialValues={{
        title: round.title,
        selfDueOn: day(round.selfDueOn),
        reviewDueOn: day(round.reviewDueOn),
        noticeWorkingDays: round.noticeWorkingDays,
      }}
      onSubmit={async (v) => {
        const body: UpdateAssessmentRoundBody = {
          title: v.title.trim(),
          selfDueOn: toIsoDate(v.selfDueOn),
          reviewDueOn: toIsoDate(v.reviewDueOn),
          noticeWorkingDays: v.noticeWorkingDays,
          version: round.version,
        };
        await update.mutateAsync(body);
      }}
    >
      <Form.Item
        name="title"
        label="名称"
        rules={[{ required: true, whitespace: true, message: '请填写名称' }]}
      >
        <Input maxLength={assessmentLimits.roundTitle.max} showCount />
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
        extra="用于此后党委审定的党组织；已在公示中的不变"
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

function parseFilters(search: URLSearchParams): BoardFilters & { page: number; pageSize: number } {
  const status = search.get('status');
  const page = Number(search.get('page'));
  const pageSize = Number(search.get('pageSize'));
  return {
    parent: search.get('parent') ?? undefined,
    status: isOneOf(assessmentStatuses, status) ? status : undefined,
    q: search.get('q')?.trim() || undefined,
    page: Number.isInteger(page) && page > 0 ? page : 1,
    pageSize: [20, 50, 100].includes(pageSize) ? pageSize : defaultPageSize,
  };
}

/**
 * The round board (/assessments/:id): the round's facts, how many orgs are at each step, and every org of the
 * user's scope with its step, what still waits for a score, its result and follow-up — filtered by 总支, step and
 * name (kept in the URL). The 组织部 downloads the results for the performance system here.
 */
export function AssessmentRoundPage() {
  const id = Number(useParams().id);
  const valid = Number.isInteger(id) && id > 0;
  const query = useAssessmentRound(valid ? id : null);
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => parseFilters(search), [search]);
  const isNarrow = useIsNarrow();
  const can = useCan();
  const navigate = useNavigate();
  const setParams = (patch: Record<string, string | number | undefined>) =>
    setSearch((prev) => patchSearch(prev, patch), { replace: true });
  const round = query.data;
  const [editing, setEditing] = useState(false);
  const committeeIds = useCommitteeIds();
  const parents = useMemo(
    () => [...new Set((round?.orgs ?? []).map((o) => groupNameOf(o, committeeIds)))],
    [round?.orgs, committeeIds],
  );
  const shown = useMemo(
    () => filterBoardOrgs(round?.orgs ?? [], filters, committeeIds),
    [round?.orgs, filters, committeeIds],
  );

  if (!valid || (query.isError && isApiError(query.error) && query.error.status === 404))
    return (
      <Result status="404" title="考核不存在" extra={<Link to={assessmentPaths.rounds}>返回考核评价</Link>} />
    );
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (!round) return <Skeleton active />;

  const wide = (width: number) => ({ width: isNarrow ? '100%' : width });
  const page = shown.slice((filters.page - 1) * filters.pageSize, filters.page * filters.pageSize);
  const hasFilters = filters.parent !== undefined || filters.status !== undefined || filters.q !== undefined;

  return (
    <PageContainer
      title={round.title}
      breadcrumb={[{ title: '考核评价', to: assessmentPaths.rounds }, { title: round.title }]}
      extra={
        <>
          {round.abilities.edit ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              编辑
            </Button>
          ) : null}
          {can('assessment:round:manage') ? (
            <Button icon={<DownloadOutlined />} href={resultsUrl(round.id)}>
              导出结果
            </Button>
          ) : null}
          <Button icon={<StarOutlined />} onClick={() => navigate(assessmentPaths.starMap(round.id))}>
            星级分布图
          </Button>
          <Button icon={<ReloadOutlined />} onClick={() => void query.refetch()} loading={query.isFetching}>
            刷新
          </Button>
        </>
      }
    >
      <Flex vertical gap={16}>
        <Card size="small">
          <Descriptions
            size="small"
            column={{ xs: 1, sm: 2, lg: 3 }}
            items={[
              { key: 'system', label: '指标体系', children: round.system.name },
              { key: 'kind', label: '考核类型', children: assessmentKindLabels[round.system.kind] },
              { key: 'scope', label: '考核范围', children: round.scopeOrg.name },
              {
                key: 'period',
                label: '考核期',
                children: `${formatDate(round.periodStart)} 至 ${formatDate(round.periodEnd)}`,
              },
              { key: 'ref', label: '考核参照日', children: formatDate(round.referenceDate) },
              { key: 'self', label: '自评截止', children: formatDate(round.selfDueOn) },
              { key: 'review', label: '审核截止', children: formatDate(round.reviewDueOn) },
              { key: 'notice', label: '公示', children: `${round.noticeWorkingDays} 个工作日` },
            ]}
          />
          {round.abilities.edit ? (
            <EditRoundDrawer round={round} open={editing} onClose={() => setEditing(false)} />
          ) : null}
        </Card>
        <Card size="small" styles={{ body: { padding: isNarrow ? 12 : 16 } }}>
          <Flex vertical gap={12}>
            <ProgressBar round={round} current={filters.status} onPick={(status) => setParams({ status })} />
            <Flex wrap gap={12} align="center">
              <Select<string>
                allowClear
                aria-label="所属党总支"
                value={filters.parent}
                onChange={(parent) => setParams({ parent })}
                placeholder="全部党总支"
                options={parents.map((p) => ({ value: p, label: p }))}
                style={wide(220)}
              />
              <Select<AssessmentStatus>
                allowClear
                aria-label="进度"
                value={filters.status}
                onChange={(status) => setParams({ status })}
                placeholder="全部进度"
                options={assessmentStatuses.map((s) => ({ value: s, label: assessmentStatusLabels[s] }))}
                style={wide(150)}
              />
              <Input.Search
                allowClear
                aria-label="党组织名称"
                placeholder="党组织名称"
                defaultValue={filters.q}
                key={filters.q ?? ''}
                onSearch={(q) => setParams({ q: q.trim() || undefined })}
                style={wide(220)}
              />
              {hasFilters ? (
                <Button type="link" onClick={() => setSearch({}, { replace: true })}>
                  清除筛选
                </Button>
              ) : null}
            </Flex>
          </Flex>
        </Card>
        <ResponsiveList<OrgAssessmentItem>
          items={page}
          rowKey={(o) => o.orgId}
          columns={orgColumns(round.id, committeeIds)}
          renderCard={(o) => <OrgCard roundId={round.id} org={o} committeeIds={committeeIds} />}
          loading={query.isFetching}
          emptyText={hasFilters ? '没有符合条件的党组织' : '本轮没有您可查看的党组织'}
          paging={{
            page: filters.page,
            pageSize: filters.pageSize,
            total: shown.length,
            unit: '个',
            onChange: (p, size) => setParams({ page: size === filters.pageSize ? p : 1, pageSize: size }),
          }}
        />
      </Flex>
    </PageContainer>
  );
}
