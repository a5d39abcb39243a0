import {
  type AssessmentRoundDetail,
  type AssessmentRoundItem,
  limits,
  type OrgAssessmentItem,
  starLabel,
} from '@dangjian/core';
import { Card, Col, Empty, Flex, Row, Segmented, Select, Skeleton, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { type ChartOption, EChart } from '../../components/e-chart';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { assessmentPaths, useAssessmentRound, useAssessmentRoundList, useCommitteeIds } from './api';
import { AssessmentStatusTag, Stars } from './columns';
import { StarDistributionBars, starColor } from './star-distribution';
import {
  distributionChange,
  isDecided,
  latestAndPrevious,
  type StarGroup,
  starDistribution,
  starGroups,
} from './star-model';

/** Which stars are shown: those the 党委 decided (公示中, 已确定), or every org's as its score stands. */
type Shown = 'decided' | 'all';

/** One org on the map: its name (opening its scorecard) and its stars, or why it has none. */
function OrgChip({ roundId, org, shown }: { roundId: number; org: OrgAssessmentItem; shown: Shown }) {
  const decided = isDecided(org.status);
  const stars = org.status === 'not_rated' || (shown === 'decided' && !decided) ? null : org.stars;
  return (
    <Tooltip title={org.notRatedReason ?? undefined}>
      <Flex
        vertical
        gap={2}
        className="dj-star-chip"
        data-org={org.orgName}
        data-stars={stars ?? ''}
        style={{
          padding: '6px 8px',
          borderRadius: 6,
          border: `1px solid ${stars === null ? '#d9d9d9' : starColor(stars)}`,
          borderInlineStartWidth: 4,
          width: '100%',
        }}
      >
        <Link to={assessmentPaths.scorecard(roundId, org.orgId)} style={{ fontWeight: 500 }}>
          {org.orgName}
        </Link>
        <Flex gap={6} align="center" wrap>
          {stars !== null ? (
            <Stars stars={stars} provisional={!decided} />
          ) : org.status === 'not_rated' ? (
            <Typography.Text type="secondary">不参评</Typography.Text>
          ) : (
            <Typography.Text type="secondary">未审定</Typography.Text>
          )}
          {org.status !== 'final' && org.status !== 'not_rated' ? (
            <AssessmentStatusTag status={org.status} />
          ) : null}
        </Flex>
      </Flex>
    </Tooltip>
  );
}

/** The stacked bars of each 总支's stars (ECharts), beside the grid that names every branch. */
function GroupChart({ groups, shown }: { groups: StarGroup[]; shown: Shown }) {
  const option = useMemo<ChartOption>(() => {
    const dists = groups.map((g) => starDistribution(g.orgs, shown === 'decided'));
    const levels = [...new Set(dists.flatMap((d) => d.levels))].sort((a, b) => a - b);
    return {
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: groups.map((g) => g.name), inverse: true },
      series: levels.map((l) => ({
        type: 'bar',
        name: starLabel(l),
        stack: 'stars',
        itemStyle: { color: starColor(l) },
        data: dists.map((d) => d.counts[l] ?? 0),
      })),
    };
  }, [groups, shown]);
  return (
    <EChart
      option={option}
      ariaLabel="各党总支星级分布（柱状图，数据见下方各党总支的党组织列表）"
      style={{ height: Math.max(200, groups.length * 36 + 40) }}
    />
  );
}

function StarMap({
  round,
  previous,
}: {
  round: AssessmentRoundDetail;
  previous: AssessmentRoundDetail | null;
}) {
  const anyDecided = round.orgs.some((o) => isDecided(o.status));
  const [shown, setShown] = useState<Shown>(anyDecided ? 'decided' : 'all');
  const committeeIds = useCommitteeIds();
  const groups = useMemo(() => starGroups(round.orgs, committeeIds), [round.orgs, committeeIds]);
  const dist = useMemo(() => starDistribution(round.orgs, shown === 'decided'), [round.orgs, shown]);
  const before = useMemo(() => (previous ? starDistribution(previous.orgs, true) : null), [previous]);
  // Compared with last year's decided stars only when this year's shown are decided too.
  const change = shown === 'decided' && before && before.rated > 0 ? distributionChange(dist, before) : null;
  if (round.orgs.length === 0) return <Empty description="本轮没有您可查看的党组织" />;
  return (
    <Flex vertical gap={16}>
      <Flex gap={12} wrap align="center">
        <Segmented<Shown>
          aria-label="显示的星级"
          value={shown}
          onChange={setShown}
          options={[
            { value: 'decided', label: '党委审定的星级' },
            { value: 'all', label: '含按当前得分暂定的' },
          ]}
        />
        <Typography.Text type="secondary">
          参评 {dist.rated + (shown === 'decided' ? dist.undecided : 0)} 个
          {shown === 'decided' && dist.undecided > 0 ? `，其中 ${dist.undecided} 个尚未审定` : ''}
          {dist.notRated > 0 ? `；不参评 ${dist.notRated} 个` : ''}
        </Typography.Text>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={groups.length > 1 ? 10 : 24}>
          <Card
            size="small"
            title="星级分布"
            extra={
              change ? <Typography.Text type="secondary">与{previous?.title}比较</Typography.Text> : null
            }
          >
            <StarDistributionBars distribution={dist} change={change} lastYearLabel={previous?.title} />
            {previous && !change ? (
              <Typography.Text type="secondary">
                {shown === 'decided'
                  ? `${previous.title}尚无审定的星级，无可比数据`
                  : `含暂定星级时不与${previous.title}比较`}
              </Typography.Text>
            ) : null}
          </Card>
        </Col>
        {groups.length > 1 ? (
          <Col xs={24} lg={14}>
            <Card size="small" title="各党总支">
              <GroupChart groups={groups} shown={shown} />
            </Card>
          </Col>
        ) : null}
      </Row>
      {groups.map((g) => {
        const d = starDistribution(g.orgs, shown === 'decided');
        return (
          <Card
            key={g.name}
            size="small"
            title={g.name}
            extra={
              <Typography.Text type="secondary">
                {d.levels
                  .filter((l) => (d.counts[l] ?? 0) > 0)
                  .map((l) => `${starLabel(l)} ${d.counts[l]}`)
                  .join('，') || '暂无星级'}
              </Typography.Text>
            }
          >
            <ul
              aria-label={`${g.name}的党组织`}
              style={{ display: 'flex', flexWrap: 'wrap', gap: 8, listStyle: 'none', padding: 0, margin: 0 }}
            >
              {g.orgs.map((o) => (
                <li
                  key={o.orgId}
                  style={{ display: 'flex', flex: '1 1 170px', minWidth: 150, maxWidth: 260 }}
                >
                  <OrgChip roundId={round.id} org={o} shown={shown} />
                </li>
              ))}
            </ul>
          </Card>
        );
      })}
    </Flex>
  );
}

/** The round shown first: the latest whose stars the 党委 decided for some orgs, else the latest. */
function defaultRound(items: readonly AssessmentRoundItem[]): number | null {
  const decided = items.filter((r) => (r.progress.final ?? 0) + (r.progress.public_notice ?? 0) > 0);
  return (latestAndPrevious(decided).latest ?? latestAndPrevious(items).latest)?.id ?? null;
}

/**
 * 星级分布图 (/assessments/star-map?round=…): a round's branches by 党总支 with their stars — the stars the 党委
 * decided, or with the scores still moving — the distribution with the change from the year before, and a chart
 * per 总支. The latest 星级 round by default.
 */
export function StarMapPage() {
  const [search, setSearch] = useSearchParams();
  const rounds = useAssessmentRoundList({ kind: 'star_rating', page: 1, pageSize: limits.pageSize.max });
  const items = rounds.data?.items ?? [];
  const asked = Number(search.get('round'));
  const chosen = Number.isInteger(asked) && asked > 0 ? asked : defaultRound(items);
  const round = useAssessmentRound(chosen);
  const prevItem = useMemo(() => {
    const r = round.data;
    if (!r) return null;
    const same = items.filter((x) => x.system.kind === r.system.kind && x.id !== r.id);
    return latestAndPrevious([r, ...same].filter((x) => x.system.year <= r.system.year)).previous;
  }, [round.data, items]);
  const previous = useAssessmentRound(prevItem?.id ?? null);
  const options = items.map((r) => ({ value: r.id, label: r.title }));
  if (round.data && !options.some((o) => o.value === round.data.id))
    options.unshift({ value: round.data.id, label: round.data.title });

  return (
    <PageContainer
      title="星级分布图"
      breadcrumb={[{ title: '考核评价', to: assessmentPaths.rounds }, { title: '星级分布图' }]}
      extra={
        <Select<number>
          aria-label="考核轮次"
          value={chosen ?? undefined}
          onChange={(id) => setSearch({ round: String(id) }, { replace: true })}
          options={options}
          placeholder="选择考核轮次"
          style={{ minWidth: 240 }}
        />
      }
    >
      {rounds.isError ? <QueryError error={rounds.error} onRetry={() => void rounds.refetch()} /> : null}
      {round.isError ? <QueryError error={round.error} onRetry={() => void round.refetch()} /> : null}
      {chosen === null && rounds.isSuccess ? <Empty description="还没有星级评定的考核" /> : null}
      {chosen !== null && !round.data && !round.isError ? <Skeleton active /> : null}
      {round.data ? (
        <StarMap
          key={round.data.id}
          round={round.data}
          previous={previous.data && previous.data.id !== round.data.id ? previous.data : null}
        />
      ) : null}
    </PageContainer>
  );
}
