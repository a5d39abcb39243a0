import {
  type AssessmentScoreOut,
  assessmentLimits,
  isMetricKey,
  metricCatalogue,
  type OrgAssessmentDetail,
  type ReviewLevel,
  reviewLevelLabels,
  reviewLevels,
  scoringMethodLabels,
  starLabel,
  vetoCapKindLabels,
} from '@dangjian/core';
import { Button, Card, Flex, Form, Input, InputNumber, Radio, Tag, Typography } from 'antd';
import { type ReactNode, useState } from 'react';
import { formatDateTime } from '../../lib/format';
import type { RecordRef } from './record-links';
import { RecordLinksInput, RecordList } from './record-list';
import {
  type EntryKind,
  formatEntryValue,
  isJudgeable,
  type ProvenanceOut,
  type ScoreItem,
} from './scorecard-model';
import { bandRange } from './system-model';

type DimensionOut = AssessmentScoreOut['dimensions'][number];
type IndicatorOut = DimensionOut['indicators'][number];
type VetoOut = AssessmentScoreOut['vetoes'][number];
type ComputedOut = Extract<ProvenanceOut, { kind: 'metric' }>['computed'];

/** What the judging form needs besides the items. */
export interface EntryContext {
  /** The level entering judgements now, or null (read-only). */
  judge: ReviewLevel | null;
  /** A reviewer may override computed items. */
  adjust: boolean;
  orgId: number;
  period: { from: string; to: string } | null;
  /** Records the scorecard shows, offered as links. */
  known: readonly RecordRef[];
  /** Each item's 评分标准 from the system, when the user may read it. */
  guidance: ReadonlyMap<string, string>;
}

const metricLabel = (metric: string) => (isMetricKey(metric) ? metricCatalogue[metric].label : metric);

/** The records a figure read, opened on demand; on paper their number (the Word lists it the same way). */
function SourceRecords({ records }: { records: readonly RecordRef[] }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <Button
        type="link"
        size="small"
        className="dj-no-print"
        style={{ padding: 0, textDecoration: 'underline' }}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? '收起来源记录' : `查看 ${records.length} 条来源记录`}
      </Button>
      <Typography.Text type="secondary" className="dj-print-only">
        依据记录 {records.length} 条
      </Typography.Text>
      {open ? (
        <div className="dj-no-print" style={{ paddingInlineStart: 8 }}>
          <RecordList records={records} limit={50} />
        </div>
      ) : null}
    </div>
  );
}

/** The figure a metric gave, how it was counted, the band it fell in and the records it read. */
function ComputedView({
  computed,
  method,
}: {
  computed: ComputedOut;
  method: IndicatorOut['method'] | 'veto';
}) {
  return (
    <Flex vertical gap={2}>
      <Typography.Text>
        <Typography.Text type="secondary">数据：</Typography.Text>
        {metricLabel(computed.metric)} <Typography.Text strong>{computed.display}</Typography.Text>
        {computed.detail ? <Typography.Text type="secondary">（{computed.detail}）</Typography.Text> : null}
        {computed.band && method === 'computed' ? (
          <Typography.Text type="secondary">
            ，落在“{bandRange(computed.metric, computed.band)}”档，得 {computed.band.points} 分
          </Typography.Text>
        ) : null}
      </Typography.Text>
      {computed.missing ? (
        <Typography.Text type="danger">平台未能取得该数据，请联系组织部核实</Typography.Text>
      ) : null}
      {computed.records.length > 0 ? <SourceRecords records={computed.records} /> : null}
    </Flex>
  );
}

/** Who entered what for an item, level by level (自评, 总支, 组织部), with comments and links. */
function JudgementTrail({
  itemId,
  kind,
  judgements,
}: {
  itemId: string;
  kind: EntryKind;
  judgements: OrgAssessmentDetail['judgements'];
}) {
  const mine = reviewLevels
    .map((level) => judgements.find((j) => j.itemId === itemId && j.level === level))
    .filter((j) => j !== undefined);
  if (mine.length === 0) return null;
  return (
    <Flex vertical gap={4}>
      {mine.map((j) => (
        <div key={j.level} className="dj-judgement">
          <Typography.Text>
            <Tag color={j.level === 'self' ? 'default' : 'blue'} style={{ marginInlineEnd: 4 }}>
              {reviewLevelLabels[j.level]}
            </Tag>
            <Typography.Text strong>{formatEntryValue(kind, j.value)}</Typography.Text>
            {j.byName ? (
              <Typography.Text type="secondary">
                {' '}
                {j.byName}
                {j.at ? ` ${formatDateTime(j.at)}` : ''}
              </Typography.Text>
            ) : null}
          </Typography.Text>
          {j.comment ? <div style={{ whiteSpace: 'pre-wrap' }}>{j.comment}</div> : null}
          {j.links.length > 0 ? <RecordList records={j.links} /> : null}
        </div>
      ))}
    </Flex>
  );
}

/** Where an item's figure came from: the records, an override beside the computed value, or who judged it. */
function ProvenanceView({
  item,
  method,
  detail,
}: {
  item: ScoreItem;
  method: IndicatorOut['method'] | 'veto';
  detail: Pick<OrgAssessmentDetail, 'judgements'>;
}) {
  const p = item.provenance;
  switch (p.kind) {
    case 'metric':
      return (
        <Flex vertical gap={2}>
          <ComputedView computed={p.computed} method={method} />
          {p.notApplicable ? (
            <Typography.Text type="secondary">该项对本组织不适用，按规则计分</Typography.Text>
          ) : null}
        </Flex>
      );
    case 'override':
      return (
        <Flex vertical gap={2}>
          <ComputedView computed={p.computed} method={method} />
          <Typography.Text>
            <Tag color="orange" style={{ marginInlineEnd: 4 }}>
              {reviewLevelLabels[p.adjustment.level]}调整
            </Tag>
            按记录计算为 {formatEntryValue(item.kind, p.computedValue)}，调整为{' '}
            <Typography.Text strong>{formatEntryValue(item.kind, p.adjustment.value)}</Typography.Text>
            {p.adjustment.byName ? (
              <Typography.Text type="secondary">
                {' '}
                {p.adjustment.byName}
                {p.adjustment.at ? ` ${formatDateTime(p.adjustment.at)}` : ''}
              </Typography.Text>
            ) : null}
          </Typography.Text>
          <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>理由：{p.adjustment.reason}</Typography.Text>
        </Flex>
      );
    case 'judgement':
      return <JudgementTrail itemId={item.id} kind={item.kind} judgements={detail.judgements} />;
    case 'pending':
      return <Typography.Text type="warning">待评分</Typography.Text>;
    case 'default':
      return (
        <Typography.Text type="secondary">
          {item.kind === 'veto' ? '未认定' : '未填报（不计分）'}
        </Typography.Text>
      );
  }
}

/** The input of a value of a kind. */
function ValueInput({
  kind,
  max,
  label,
  id,
  value,
  onChange,
}: {
  kind: EntryKind;
  max: number;
  label: string;
  /** Given by Form.Item. */
  id?: string;
  value?: number | boolean | null;
  onChange?: (v: number | boolean | null) => void;
}) {
  const number = typeof value === 'number' ? value : null;
  const bool = typeof value === 'boolean' ? value : undefined;
  switch (kind) {
    case 'points':
      return (
        <InputNumber
          id={id}
          aria-label={label}
          value={number}
          onChange={(v) => onChange?.(v)}
          min={0}
          max={max}
          step={0.5}
          suffix={`/ ${max} 分`}
          style={{ width: 160 }}
        />
      );
    case 'count':
      return (
        <InputNumber
          id={id}
          aria-label={label}
          value={number}
          onChange={(v) => onChange?.(v)}
          min={0}
          max={999}
          precision={0}
          suffix="项"
          style={{ width: 130 }}
        />
      );
    case 'pass':
      return (
        <Radio.Group
          id={id}
          aria-label={label}
          value={bool}
          onChange={(e) => onChange?.(e.target.value as boolean)}
          options={[
            { value: true, label: '达标' },
            { value: false, label: '不达标' },
          ]}
        />
      );
    case 'veto':
      return (
        <Radio.Group
          id={id}
          aria-label={label}
          value={bool}
          onChange={(e) => onChange?.(e.target.value as boolean)}
          options={[
            { value: false, label: '未触发' },
            { value: true, label: '触发' },
          ]}
        />
      );
  }
}

const valueLabel: Record<EntryKind, string> = {
  points: '得分',
  count: '项数',
  pass: '是否达标',
  veto: '是否触发',
};

/** The judging level's entry for an item: the value, a comment and links to records. */
function EntryFields({ item, ctx, title }: { item: ScoreItem; ctx: EntryContext; title: string }) {
  const level = ctx.judge!;
  const reviewer = level !== 'self';
  return (
    <div className="dj-entry dj-no-print">
      <Typography.Text strong>{reviewLevelLabels[level]}</Typography.Text>
      {reviewer ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
          不填则沿用上一环节的评分；扣分、判定不达标须写明理由
        </Typography.Text>
      ) : null}
      <Flex gap={12} wrap align="start" style={{ marginTop: 4 }}>
        <Form.Item
          name={['entries', item.id, 'value']}
          label={valueLabel[item.kind]}
          style={{ marginBottom: 8 }}
        >
          <ValueInput
            kind={item.kind}
            max={item.max}
            label={`${title} ${reviewLevelLabels[level]}${valueLabel[item.kind]}`}
          />
        </Form.Item>
        <Form.Item
          name={['entries', item.id, 'comment']}
          label="说明"
          style={{ flex: '1 1 240px', marginBottom: 8 }}
        >
          <Input.TextArea
            aria-label={`${title} 说明`}
            autoSize={{ minRows: 1, maxRows: 6 }}
            maxLength={assessmentLimits.comment.max}
            placeholder={reviewer ? '评分依据' : '简述做法和依据，可关联平台上的记录，无需另报材料'}
          />
        </Form.Item>
      </Flex>
      <Form.Item name={['entries', item.id, 'links']} label="关联记录" style={{ marginBottom: 0 }}>
        <RecordLinksInput known={ctx.known} orgId={ctx.orgId} period={ctx.period} />
      </Form.Item>
    </div>
  );
}

/** A reviewer's override of a computed figure, with the reason kept beside it. */
function OverrideFields({ item, title, level }: { item: ScoreItem; title: string; level: ReviewLevel }) {
  const form = Form.useFormInstance();
  const current = Form.useWatch(['overrides', item.id, 'value'], form) as unknown;
  const [open, setOpen] = useState(current !== undefined && current !== null);
  if (!open && (current === undefined || current === null))
    return (
      <Button
        size="small"
        className="dj-no-print"
        onClick={() => setOpen(true)}
        style={{ alignSelf: 'start' }}
      >
        调整计算结果
      </Button>
    );
  return (
    <div className="dj-entry dj-no-print">
      <Typography.Text strong>{reviewLevelLabels[level]}调整</Typography.Text>
      <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }}>
        计算结果仍会显示，调整后的值和理由列在旁边；清空数值即取消调整
      </Typography.Text>
      <Flex gap={12} wrap align="start" style={{ marginTop: 4 }}>
        <Form.Item
          name={['overrides', item.id, 'value']}
          label={`调整为（${valueLabel[item.kind]}）`}
          style={{ marginBottom: 8 }}
        >
          <ValueInput kind={item.kind} max={item.max} label={`${title} 调整为`} />
        </Form.Item>
        <Form.Item
          name={['overrides', item.id, 'reason']}
          label="调整理由"
          style={{ flex: '1 1 240px', marginBottom: 8 }}
          dependencies={[['overrides', item.id, 'value']]}
          rules={[
            ({ getFieldValue }) => ({
              validator: async (_, v: string | undefined) => {
                const value = getFieldValue(['overrides', item.id, 'value']) as unknown;
                if (value !== undefined && value !== null && !v?.trim()) throw new Error('请写明调整理由');
              },
            }),
          ]}
        >
          <Input.TextArea
            aria-label={`${title} 调整理由`}
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={assessmentLimits.reason.max}
          />
        </Form.Item>
      </Flex>
    </div>
  );
}

/** An indicator's points (or 达标) as the scorecard shows it. */
function IndicatorFigure({ i }: { i: IndicatorOut }) {
  switch (i.method) {
    case 'computed':
    case 'judgement':
      return (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {i.points} / {i.max} 分
        </Typography.Text>
      );
    case 'bonus':
      return (
        <Typography.Text strong style={{ whiteSpace: 'nowrap' }}>
          {i.points > 0 ? '+' : ''}
          {i.points} 分{i.count !== null ? `（${i.count} 项，上限 ${i.max}）` : ''}
        </Typography.Text>
      );
    case 'deduction':
      return (
        <Typography.Text strong type={i.points > 0 ? 'danger' : undefined} style={{ whiteSpace: 'nowrap' }}>
          {i.points > 0 ? '−' : ''}
          {i.points} 分{i.count !== null ? `（${i.count} 项，上限 ${i.max}）` : ''}
        </Typography.Text>
      );
    case 'pass_fail':
      return (
        <Flex gap={4}>
          {i.required ? <Tag style={{ marginInlineEnd: 0 }}>必达</Tag> : null}
          <Tag color={i.passed ? 'green' : 'red'} style={{ marginInlineEnd: 0 }}>
            {i.passed ? '达标' : '不达标'}
          </Tag>
        </Flex>
      );
  }
}

/** One item: its title and figure, where the figure came from, and the inputs of whoever judges now. */
function ItemBlock({
  item,
  heading,
  figure,
  method,
  detail,
  ctx,
}: {
  item: ScoreItem;
  heading: string;
  figure: ReactNode;
  method: IndicatorOut['method'] | 'veto';
  detail: OrgAssessmentDetail;
  ctx: EntryContext;
}) {
  const judging = ctx.judge !== null && isJudgeable(item, ctx.judge);
  const overriding = ctx.judge !== null && ctx.adjust && item.computed;
  return (
    <div className="dj-item" data-item={item.id}>
      <Flex justify="space-between" gap={8} align="start" wrap>
        <Typography.Text strong>
          {item.id} {item.title}
        </Typography.Text>
        {figure}
      </Flex>
      <Flex gap={4} wrap style={{ margin: '2px 0 4px' }}>
        <Tag style={{ marginInlineEnd: 0 }}>
          {method === 'veto' ? '一票否决' : scoringMethodLabels[method]}
        </Tag>
        {item.computed ? (
          <Tag color="green" style={{ marginInlineEnd: 0 }}>
            平台取数
          </Tag>
        ) : null}
      </Flex>
      {ctx.guidance.get(item.id) ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4, whiteSpace: 'pre-wrap' }}>
          {method === 'veto' ? '认定标准' : '评分标准'}：{ctx.guidance.get(item.id)}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={6}>
        <ProvenanceView item={item} method={method} detail={detail} />
        {judging ? <EntryFields item={item} ctx={ctx} title={heading} /> : null}
        {overriding ? <OverrideFields item={item} title={heading} level={ctx.judge!} /> : null}
      </Flex>
    </div>
  );
}

/** A dimension: its subtotal and each indicator. */
export function DimensionSection({
  dimension,
  items,
  detail,
  ctx,
  mode,
}: {
  dimension: DimensionOut;
  items: ReadonlyMap<string, ScoreItem>;
  detail: OrgAssessmentDetail;
  ctx: EntryContext;
  mode: AssessmentScoreOut['mode'];
}) {
  const caps: string[] = [];
  if (dimension.bonus > 0 || dimension.bonusCappedBy)
    caps.push(
      `加分 ${dimension.bonus}${dimension.bonusCappedBy ? `（受${dimension.bonusCappedBy === 'system' ? '总' : '本项'}上限限制）` : ''}`,
    );
  if (dimension.deduction > 0 || dimension.deductionCappedBy)
    caps.push(
      `扣分 ${dimension.deduction}${dimension.deductionCappedBy ? `（受${dimension.deductionCappedBy === 'system' ? '总' : '本项'}上限限制）` : ''}`,
    );
  return (
    <Card
      size="small"
      className="dj-dimension"
      title={`${dimension.id} ${dimension.title}`}
      extra={
        mode === 'score' ? (
          <Typography.Text strong>
            {dimension.subtotal} / {dimension.max} 分
          </Typography.Text>
        ) : (
          <Tag color={dimension.passed ? 'green' : 'red'}>
            {dimension.passed ? '必达项均达标' : '有必达项未达标'}
          </Tag>
        )
      }
    >
      {caps.length > 0 ? (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
          计分指标 {dimension.base} 分，{caps.join('，')}
        </Typography.Paragraph>
      ) : null}
      <Flex vertical gap={12}>
        {dimension.indicators.map((i) => {
          const item = items.get(i.id);
          if (!item) return null;
          return (
            <ItemBlock
              key={i.id}
              item={item}
              heading={`${i.id} ${i.title}`}
              figure={<IndicatorFigure i={i} />}
              method={i.method}
              detail={detail}
              ctx={ctx}
            />
          );
        })}
      </Flex>
    </Card>
  );
}

function capText(cap: VetoOut['cap']): string {
  switch (cap.kind) {
    case 'max_stars':
      return `最高${starLabel(cap.stars)}`;
    case 'max_score':
      return `总分最高 ${cap.score} 分`;
    case 'fail':
      return vetoCapKindLabels.fail;
  }
}

/** 一票否决: each veto, whether it was found and what it caps. */
export function VetoSection({
  vetoes,
  items,
  detail,
  ctx,
}: {
  vetoes: readonly VetoOut[];
  items: ReadonlyMap<string, ScoreItem>;
  detail: OrgAssessmentDetail;
  ctx: EntryContext;
}) {
  if (vetoes.length === 0) return null;
  return (
    <Card size="small" className="dj-dimension" title="一票否决">
      <Flex vertical gap={12}>
        {vetoes.map((v) => {
          const item = items.get(v.id);
          if (!item) return null;
          return (
            <ItemBlock
              key={v.id}
              item={item}
              heading={`${v.id} ${v.title}`}
              figure={
                <Flex gap={4} wrap>
                  <Tag style={{ marginInlineEnd: 0 }}>{capText(v.cap)}</Tag>
                  {v.triggered && detail.provisionalVetoes.includes(v.id) ? (
                    <Tag
                      color="orange"
                      style={{ marginInlineEnd: 0 }}
                      title="考核期尚未结束，按目前的记录触发；期内补齐后自动解除"
                    >
                      已触发（暂定）
                    </Tag>
                  ) : (
                    <Tag color={v.triggered ? 'red' : 'green'} style={{ marginInlineEnd: 0 }}>
                      {v.triggered ? '已触发' : '未触发'}
                    </Tag>
                  )}
                </Flex>
              }
              method="veto"
              detail={detail}
              ctx={ctx}
            />
          );
        })}
      </Flex>
    </Card>
  );
}
