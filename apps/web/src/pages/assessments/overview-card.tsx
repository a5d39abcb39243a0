import { limits } from '@dangjian/core';
import { Card, Col, Flex, Row, Skeleton, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router';
import { useCan } from '../../lib/access';
import { assessmentPaths, useAssessmentRound, useAssessmentRoundList } from './api';
import { RoundProgress } from './columns';
import { StarDistributionBars } from './star-distribution';
import { distributionChange, isDecided, latestAndPrevious, starDistribution } from './star-model';

/**
 * 星级评定 on the 党建工作概览: the stars the 党委 decided in the latest 星级 round up to the overview's year, by
 * level, with the change from the round of the year before; a round still under way shows where it stands.
 * Read from the rounds the user may see; nothing when there is none.
 */
export function AssessmentStarsCard({ year }: { year: number }) {
  const can = useCan();
  const allowed = can('assessment:round:view');
  const rounds = useAssessmentRoundList(
    { kind: 'star_rating', page: 1, pageSize: limits.pageSize.max },
    allowed,
  );
  const upToYear = useMemo(
    () => (rounds.data?.items ?? []).filter((r) => r.system.year <= year),
    [rounds.data, year],
  );
  const decided = upToYear.filter((r) => (r.progress.final ?? 0) + (r.progress.public_notice ?? 0) > 0);
  const { latest: shown, previous } = latestAndPrevious(decided);
  const current = latestAndPrevious(upToYear).latest;
  const shownDetail = useAssessmentRound(shown?.id ?? null);
  const previousDetail = useAssessmentRound(previous?.id ?? null);
  if (!allowed || (rounds.isSuccess && upToYear.length === 0) || rounds.isError) return null;

  const dist = shownDetail.data ? starDistribution(shownDetail.data.orgs, true) : null;
  const before = previousDetail.data ? starDistribution(previousDetail.data.orgs, true) : null;
  const change = dist && before && before.rated > 0 ? distributionChange(dist, before) : null;
  const underway = current && current.id !== shown?.id ? current : null;
  const pendingInShown =
    shownDetail.data?.orgs.filter((o) => o.status !== 'not_rated' && !isDecided(o.status)).length ?? 0;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12} className="dj-print-full">
        <Card
          size="small"
          title="星级党支部评定"
          extra={
            <Link to={assessmentPaths.starMap(shown?.id)} className="dj-no-print">
              星级分布图
            </Link>
          }
          style={{ height: '100%' }}
        >
          {rounds.isPending || (shown && !shownDetail.data && !shownDetail.isError) ? (
            <Skeleton active paragraph={{ rows: 4 }} />
          ) : null}
          <Flex vertical gap={8}>
            {shown && dist ? (
              <>
                <Typography.Text type="secondary">
                  {shown.title}：党委审定 {dist.rated} 个
                  {pendingInShown > 0 ? `，${pendingInShown} 个尚未审定` : ''}
                  {dist.notRated > 0 ? `，不参评 ${dist.notRated} 个` : ''}
                  {change && previous ? `；与${previous.title}比较` : '；上年度无可比数据'}
                </Typography.Text>
                <StarDistributionBars distribution={dist} change={change} lastYearLabel={previous?.title} />
              </>
            ) : null}
            {!shown && rounds.isSuccess ? (
              <Typography.Text type="secondary">尚无党委审定的星级评定结果</Typography.Text>
            ) : null}
            {underway ? (
              <Flex vertical gap={4}>
                <Typography.Text>
                  <Link to={assessmentPaths.round(underway.id)}>{underway.title}</Link> 进行中：
                </Typography.Text>
                <RoundProgress progress={underway.progress} />
              </Flex>
            ) : null}
          </Flex>
        </Card>
      </Col>
    </Row>
  );
}
