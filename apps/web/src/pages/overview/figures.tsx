import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import {
  type Overview,
  type OverviewFigure,
  type OverviewFigureGroup,
  overviewFigureGroupLabels,
  overviewFigureGroups,
} from '@dangjian/core';
import { Card, Col, Flex, Row, Statistic, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { formatCount, formatPercent } from '../../lib/format';
import { linkTo } from './api';

/** A figure's value as shown: a count with separators, a rate as a percentage. */
export function formatFigure(f: Pick<OverviewFigure, 'kind' | 'unit'>, value: number | null): string {
  if (value === null) return '—';
  return f.kind === 'rate' ? formatPercent(value) : `${formatCount(value)}${f.unit ? ` ${f.unit}` : ''}`;
}

/** The change from the same day last year: ↑/↓ and by how much (percentage points for a rate). */
function Change({ figure }: { figure: OverviewFigure }) {
  const { value, lastYear } = figure;
  if (value === null || lastYear === null)
    return (
      <Tooltip title={figure.note ?? '去年同期没有可比的数据'}>
        <Typography.Text type="secondary">去年同期：无可比数据</Typography.Text>
      </Tooltip>
    );
  const diff = figure.kind === 'rate' ? Math.round((value - lastYear) * 1000) / 10 : value - lastYear;
  const amount =
    figure.kind === 'rate' ? `${Math.abs(diff).toFixed(1)} 个百分点` : `${formatCount(Math.abs(diff))}`;
  return (
    <Typography.Text type="secondary">
      去年同期 {formatFigure(figure, lastYear)}
      {diff === 0 ? (
        '，持平'
      ) : (
        <>
          ，{diff > 0 ? <ArrowUpOutlined aria-label="增加" /> : <ArrowDownOutlined aria-label="减少" />}
          {amount}
        </>
      )}
    </Typography.Text>
  );
}

/** One key figure: the number (opening its list) and its change from last year. */
function FigureStat({ figure }: { figure: OverviewFigure }) {
  const shown = formatFigure(figure, figure.value);
  const stat = (
    <Statistic
      title={figure.label}
      value={figure.kind === 'rate' ? formatPercent(figure.value) : (figure.value ?? '—')}
      suffix={figure.kind === 'count' ? figure.unit : undefined}
    />
  );
  return (
    <Flex vertical gap={2} className="dj-figure" style={{ minWidth: 132 }}>
      {figure.link ? (
        <Link
          to={linkTo(figure.link)}
          aria-label={`${figure.label}：${shown}，打开列表`}
          data-figure={figure.key}
        >
          {stat}
        </Link>
      ) : (
        <Tooltip title={figure.note}>
          <div data-figure={figure.key}>{stat}</div>
        </Tooltip>
      )}
      {figure.detail ? <Typography.Text type="secondary">{figure.detail}</Typography.Text> : null}
      <Change figure={figure} />
    </Flex>
  );
}

/** '6月15日' of '2026-06-15'. */
export function monthDay(day: string): string {
  return `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
}

/** What period a group's figures cover: a snapshot on a day, or the year to a day. */
function periodOf(group: OverviewFigureGroup, data: Overview): string {
  if (group === 'members' || group === 'orgs' || group === 'followup')
    return `截至${data.year}年${monthDay(data.asOf)}`;
  return `${data.year}年1月1日至${monthDay(data.asOf)}`;
}

/** The key figures in cards: 党员队伍, 党组织, 发展党员, 组织生活, and this year's 整改与督办. */
export function KeyFigures({ data }: { data: Overview }) {
  return (
    <Row gutter={[16, 16]}>
      {overviewFigureGroups.map((group) => {
        const figures = data.figures.filter((f) => f.group === group);
        if (figures.length === 0) return null;
        return (
          <Col key={group} xs={24} lg={12} className="dj-print-half">
            <Card
              size="small"
              title={overviewFigureGroupLabels[group]}
              extra={<Typography.Text type="secondary">{periodOf(group, data)}</Typography.Text>}
              style={{ height: '100%' }}
            >
              <Flex wrap gap={24}>
                {figures.map((f) => (
                  <FigureStat key={f.key} figure={f} />
                ))}
              </Flex>
            </Card>
          </Col>
        );
      })}
    </Row>
  );
}
