import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ActivityDetail,
  activityLimits,
  type Resolution,
  type ResolutionOutcome,
  resolutionOutcomeLabels,
  resolutionOutcomes,
  type VoteSummary,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Select,
  Switch,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { isApiError } from '../../lib/api';
import { useErrorHandler } from '../../lib/errors';
import { ToSupervisionButton } from '../supervision/form';
import { useSaveResolutions } from './api';

interface ResolutionValue {
  title: string;
  content?: string | null;
  isVote: boolean;
  votesFor?: number | null;
  votesAgainst?: number | null;
  abstentions?: number | null;
  writtenFor?: number | null;
  writtenAgainst?: number | null;
  outcome: ResolutionOutcome;
}

const voteFields = [
  ['votesFor', '赞成'],
  ['votesAgainst', '反对'],
  ['abstentions', '弃权'],
  ['writtenFor', '书面赞成'],
  ['writtenAgainst', '书面反对'],
] as const;

function toValue(r: Resolution): ResolutionValue {
  return {
    title: r.title,
    content: r.content,
    isVote: r.isVote,
    votesFor: r.votesFor,
    votesAgainst: r.votesAgainst,
    abstentions: r.abstentions,
    writtenFor: r.writtenFor,
    writtenAgainst: r.writtenAgainst,
    outcome: r.outcome,
  };
}

/** The voting picture the server computed (支部条例 第十一条、第十二条). */
function VoteSummaryCard({ votes }: { votes: VoteSummary }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={{ xs: 1, sm: 2, lg: 4 }}
      title="表决情况"
      items={[
        { key: 'entitled', label: '应到有表决权', children: votes.entitled },
        { key: 'present', label: '实到有表决权', children: votes.presentEntitled },
        {
          key: 'quorum',
          label: '是否达到法定人数',
          children: votes.quorumReached ? (
            <Tag color="success">已过半数</Tag>
          ) : (
            <Tag color="error">未过半数</Tag>
          ),
        },
        { key: 'needed', label: '通过需赞成票', children: `${votes.neededToPass} 票（含书面）` },
      ]}
    />
  );
}

function voteText(r: Resolution): string {
  if (!r.isVote) return '';
  const written =
    (r.writtenFor ?? 0) + (r.writtenAgainst ?? 0) > 0
      ? `；书面赞成 ${r.writtenFor ?? 0}、反对 ${r.writtenAgainst ?? 0}`
      : '';
  return `赞成 ${r.votesFor ?? 0}、反对 ${r.votesAgainst ?? 0}、弃权 ${r.abstentions ?? 0}${written}`;
}

/** 议程与决议: the agenda (with 第一议题), 主题党日 segments, and the resolutions with their votes. */
export function ResolutionsTab({ detail, onConflict }: { detail: ActivityDetail; onConflict: () => void }) {
  const save = useSaveResolutions(detail.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ items: ResolutionValue[] }>();
  const [editing, setEditing] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);
  const canEdit = detail.abilities.edit;

  const submit = async () => {
    let values: { items: ResolutionValue[] };
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setRefusal(null);
    try {
      await save.mutateAsync({
        version: detail.version,
        items: (values.items ?? []).map((v) => ({
          title: v.title.trim(),
          content: v.content?.trim() ? v.content.trim() : null,
          isVote: v.isVote,
          votesFor: v.isVote ? (v.votesFor ?? 0) : 0,
          votesAgainst: v.isVote ? (v.votesAgainst ?? 0) : 0,
          abstentions: v.isVote ? (v.abstentions ?? 0) : 0,
          writtenFor: v.isVote ? (v.writtenFor ?? 0) : 0,
          writtenAgainst: v.isVote ? (v.writtenAgainst ?? 0) : 0,
          outcome: v.isVote ? v.outcome : 'recorded',
        })),
      });
      message.success('决议已保存');
      setEditing(false);
    } catch (error) {
      // A wrong outcome (e.g. 通过 without a majority of all entitled) comes back as a 422 to show here.
      if (isApiError(error) && error.status === 422) setRefusal(error.message);
      else handleError(error, { form, onConflict });
    }
  };

  return (
    <Flex vertical gap={16}>
      <Card size="small" title="议程">
        {detail.agenda.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有议程" />
        ) : (
          <List
            size="small"
            dataSource={detail.agenda}
            renderItem={(item, index) => (
              <List.Item>
                <Flex gap={8} wrap>
                  <span>
                    {index + 1}. {item.title}
                  </span>
                  {item.isFirstTopic ? <Tag color="red">第一议题</Tag> : null}
                  {item.note ? <Typography.Text type="secondary">{item.note}</Typography.Text> : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
        {detail.segments.length > 0 ? (
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 12 }}
            title="活动环节"
            items={detail.segments.map((s, i) => ({
              key: String(i),
              label: `${s.name}（${s.minutes} 分钟）`,
              children: s.content ?? '—',
            }))}
          />
        ) : null}
      </Card>

      {detail.votes ? <VoteSummaryCard votes={detail.votes} /> : null}

      <Card
        size="small"
        title="决议"
        extra={
          canEdit && !editing ? (
            <Button
              onClick={() => {
                form.setFieldsValue({ items: detail.resolutions.map(toValue) });
                setRefusal(null);
                setEditing(true);
              }}
            >
              编辑决议
            </Button>
          ) : null
        }
      >
        {editing ? (
          <Form form={form} layout="vertical" initialValues={{ items: detail.resolutions.map(toValue) }}>
            <Form.List name="items">
              {(fields, { add, remove }) => (
                <Flex vertical gap={12}>
                  {fields.map((field, index) => (
                    <Card
                      key={field.key}
                      size="small"
                      title={`决议 ${index + 1}`}
                      extra={
                        <Button
                          type="text"
                          icon={<DeleteOutlined />}
                          aria-label="删除决议"
                          onClick={() => remove(field.name)}
                        />
                      }
                    >
                      <Form.Item
                        name={[field.name, 'title']}
                        label="事项"
                        rules={[
                          { required: true, whitespace: true, message: '请填写决议事项' },
                          {
                            max: activityLimits.resolutionTitle.max,
                            message: `事项不能超过 ${activityLimits.resolutionTitle.max} 个字`,
                          },
                        ]}
                      >
                        <Input />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'content']}
                        label="内容"
                        rules={[
                          {
                            max: activityLimits.resolutionContent.max,
                            message: `内容不能超过 ${activityLimits.resolutionContent.max} 个字`,
                          },
                        ]}
                      >
                        <Input.TextArea autoSize={{ minRows: 2 }} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'isVote']} label="表决" valuePropName="checked">
                        <Switch checkedChildren="表决" unCheckedChildren="不表决" />
                      </Form.Item>
                      <Form.Item noStyle dependencies={[['items', field.name, 'isVote']]}>
                        {({ getFieldValue }) =>
                          getFieldValue(['items', field.name, 'isVote']) ? (
                            <>
                              <Flex gap={8} wrap>
                                {voteFields.map(([name, label]) => (
                                  <Form.Item
                                    key={name}
                                    name={[field.name, name]}
                                    label={label}
                                    style={{ marginBottom: 8 }}
                                  >
                                    <InputNumber min={0} max={100_000} style={{ width: 96 }} />
                                  </Form.Item>
                                ))}
                              </Flex>
                              <Form.Item
                                name={[field.name, 'outcome']}
                                label="结果"
                                rules={[{ required: true, message: '请选择结果' }]}
                              >
                                <Select
                                  style={{ width: 140 }}
                                  options={resolutionOutcomes
                                    .filter((o) => o !== 'recorded')
                                    .map((o) => ({ value: o, label: resolutionOutcomeLabels[o] }))}
                                />
                              </Form.Item>
                            </>
                          ) : null
                        }
                      </Form.Item>
                    </Card>
                  ))}
                  {fields.length < activityLimits.resolutions.max ? (
                    <Button
                      type="dashed"
                      icon={<PlusOutlined />}
                      onClick={() => add({ title: '', isVote: false, outcome: 'recorded' })}
                    >
                      添加决议
                    </Button>
                  ) : null}
                </Flex>
              )}
            </Form.List>
            {refusal ? <Alert type="error" showIcon title={refusal} style={{ marginTop: 12 }} /> : null}
            <Flex gap={8} justify="end" style={{ marginTop: 12 }}>
              <Button onClick={() => setEditing(false)}>取消</Button>
              <Button type="primary" loading={save.isPending} onClick={() => void submit()}>
                保存决议
              </Button>
            </Flex>
          </Form>
        ) : detail.resolutions.length === 0 ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有决议" />
        ) : (
          <List
            dataSource={detail.resolutions}
            renderItem={(r) => (
              <List.Item>
                <Flex vertical gap={4}>
                  <Flex gap={8} wrap align="center">
                    <Typography.Text strong>
                      {r.position}. {r.title}
                    </Typography.Text>
                    <Tag
                      color={
                        r.outcome === 'passed' ? 'success' : r.outcome === 'failed' ? 'error' : 'default'
                      }
                    >
                      {resolutionOutcomeLabels[r.outcome]}
                    </Tag>
                    <ToSupervisionButton record={detail} resolution={r} />
                  </Flex>
                  {r.content ? (
                    <Typography.Text style={{ whiteSpace: 'pre-wrap' }}>{r.content}</Typography.Text>
                  ) : null}
                  {r.isVote ? <Typography.Text type="secondary">{voteText(r)}</Typography.Text> : null}
                </Flex>
              </List.Item>
            )}
          />
        )}
      </Card>
    </Flex>
  );
}
