import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { starLabel } from '@dangjian/core';
import { Flex, Typography } from 'antd';
import { levelShare, type StarDistribution } from './star-model';

/** The colour of a star level (bars, chips): warm for the top, grey for one star. */
export function starColor(stars: number): string {
  if (stars >= 5) return '#c8161d';
  if (stars === 4) return '#d4380d';
  if (stars === 3) return '#d48806';
  if (stars === 2) return '#7cb305';
  return '#8c8c8c';
}

/** The change from last year of one level: ↑2 / ↓1 / 持平. */
function Change({ diff }: { diff: number }) {
  if (diff === 0) return <Typography.Text type="secondary">持平</Typography.Text>;
  return (
    <Typography.Text type="secondary">
      {diff > 0 ? <ArrowUpOutlined aria-label="增加" /> : <ArrowDownOutlined aria-label="减少" />}
      {Math.abs(diff)}
    </Typography.Text>
  );
}

/**
 * How many orgs have each number of stars, as labelled bars (no chart library: the overview draws none), with the
 * change from last year when there is a round to compare with.
 */
export function StarDistributionBars({
  distribution,
  change,
  lastYearLabel,
}: {
  distribution: StarDistribution;
  change?: Record<number, number> | null | undefined;
  lastYearLabel?: string | undefined;
}) {
  const d = distribution;
  const max = Math.max(1, ...d.levels.map((l) => d.counts[l] ?? 0));
  return (
    <Flex vertical gap={6} className="dj-print-color">
      {d.levels.map((l) => {
        const n = d.counts[l] ?? 0;
        return (
          <Flex key={l} gap={8} align="center" data-stars={l}>
            <span style={{ width: 56, flex: 'none' }}>{starLabel(l)}</span>
            <div style={{ flex: 1, background: '#f5f5f5', height: 14, borderRadius: 3 }} aria-hidden>
              <div
                style={{
                  width: `${(n / max) * 100}%`,
                  background: starColor(l),
                  height: '100%',
                  borderRadius: 3,
                }}
              />
            </div>
            <span style={{ width: 88, flex: 'none', textAlign: 'right' }}>
              {n} 个{d.rated > 0 ? `（${levelShare(d, l)}%）` : ''}
            </span>
            {change ? (
              <span
                style={{ width: 48, flex: 'none' }}
                title={lastYearLabel ? `与${lastYearLabel}比较` : undefined}
              >
                <Change diff={change[l] ?? 0} />
              </span>
            ) : null}
          </Flex>
        );
      })}
    </Flex>
  );
}
