import { type RuleKind, ruleKindLabels } from '@dangjian/core';
import { Tag, Typography } from 'antd';

/** Colour of each rule kind: national rules stand out. */
const kindColors = { national: 'red', common: 'gold', configurable: 'geekblue' } as const satisfies Record<
  RuleKind,
  string
>;

/** The kind of a rule (全国性规定/通行做法/学校自定) as a tag. */
export function RuleKindTag({ kind }: { kind: RuleKind }) {
  return <Tag color={kindColors[kind]}>{ruleKindLabels[kind]}</Tag>;
}

interface ClauseViewProps {
  clause: { source: string; article: string; text: string };
  kind?: RuleKind | undefined;
}

/** The regulation clause a finding cites: source, article and the requirement's words. */
export function ClauseView({ clause, kind }: ClauseViewProps) {
  return (
    <div>
      <Typography.Text strong>
        依据：{clause.source}
        {clause.article ? ` ${clause.article}` : ''}
      </Typography.Text>
      {kind ? <RuleKindTag kind={kind} /> : null}
      <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
        {clause.text}
      </Typography.Paragraph>
    </div>
  );
}
