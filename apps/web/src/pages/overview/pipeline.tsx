import { RightOutlined } from '@ant-design/icons';
import { type Overview, recruitmentStageLabels } from '@dangjian/core';
import { Card, Flex, Statistic, Tooltip, Typography } from 'antd';
import { Link } from 'react-router';
import { formatCount } from '../../lib/format';
import { stageShortLabels } from '../recruitment/labels';
import { linkTo } from './api';

/** 发展党员 in progress: open dossiers per stage, in the order of the procedure; each opens the stage's list. */
export function PipelineStages({ data }: { data: Overview['pipeline'] }) {
  const total = data.reduce((n, s) => n + s.count, 0);
  return (
    <Card
      size="small"
      title="发展党员进度"
      extra={<Typography.Text type="secondary">当前在办 {total} 人</Typography.Text>}
    >
      <Flex wrap gap={16} align="center">
        {data.map((s, i) => (
          <Flex key={s.stage} align="center" gap={16}>
            {i > 0 ? <RightOutlined aria-hidden style={{ color: '#8c8c8c' }} /> : null}
            <Tooltip title={recruitmentStageLabels[s.stage]}>
              <Link
                to={linkTo(s.link)}
                aria-label={`${stageShortLabels[s.stage]} ${formatCount(s.count)} 人，打开列表`}
              >
                <Statistic title={stageShortLabels[s.stage]} value={s.count} suffix="人" />
              </Link>
            </Tooltip>
          </Flex>
        ))}
      </Flex>
    </Card>
  );
}
