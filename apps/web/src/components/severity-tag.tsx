import { type Severity, severityLabels } from '@dangjian/core';
import { Tag } from 'antd';

/** Tag colour of each severity: 违规 red, 预警 orange, 提醒 blue. */
export const severityColors = { error: 'red', warning: 'orange', info: 'blue' } as const satisfies Record<
  Severity,
  string
>;

/** The severity of a finding as a coloured tag. */
export function SeverityTag({ severity }: { severity: Severity }) {
  return (
    <Tag color={severityColors[severity]} variant="solid">
      {severityLabels[severity]}
    </Tag>
  );
}
