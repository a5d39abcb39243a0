import {
  type CadrePost,
  cadrePostLevelLabels,
  cadreRotationKindLabels,
  cadreTrackLabels,
} from '@dangjian/core';
import { Button, Card, Descriptions, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useCan } from '../../lib/access';
import { emptyText, formatDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { NotFoundPage } from '../not-found/index';
import { useCadre } from './api';
import { AddPostDialog, EndPostDialog, RotationDialog } from './forms';
import { PostTags } from './tags';

/** 干部档案: the 组织部's and 校领导's page of one cadre; anyone else gets the not-found page. */
export function CadreDetailPage() {
  const can = useCan();
  const { id } = useParams();
  const cadreId = Number(id);
  if (!can('cadre:file:view') || !Number.isInteger(cadreId) || cadreId <= 0) return <NotFoundPage />;
  return <CadreFile id={cadreId} />;
}

type Dialog = { kind: 'add' } | { kind: 'end' | 'rotate'; post: CadrePost } | null;

/**
 * One cadre: the current posts (交叉任职 when more than one) with their term end, years in post, 试用期 and rotation
 * standing; every past post with how it ended; the 交流轮岗 history; the 组织部's 任职, 免职 and 交流轮岗.
 */
function CadreFile({ id }: { id: number }) {
  const isNarrow = useIsNarrow();
  const cadre = useCadre(id);
  const [dialog, setDialog] = useState<Dialog>(null);
  if (cadre.isError) return <QueryError error={cadre.error} onRetry={() => void cadre.refetch()} />;
  const d = cadre.data;
  const manage = d?.canManage ?? false;
  const past = (d?.posts ?? []).filter((p) => p.endOn !== null);

  return (
    <PageContainer
      title={d ? `干部档案：${d.name}` : '干部档案'}
      breadcrumb={[{ title: '干部名册', to: '/cadres' }, { title: d?.name ?? '干部档案' }]}
      extra={
        manage ? (
          <Button type="primary" onClick={() => setDialog({ kind: 'add' })}>
            任职
          </Button>
        ) : null
      }
    >
      {d ? (
        <Flex vertical gap={16}>
          <Card size="small">
            <Descriptions column={isNarrow ? 1 : 3} size="small">
              <Descriptions.Item label="姓名">
                <Space size={4}>
                  {d.name}
                  {d.concurrent ? <Tag color="magenta">交叉任职</Tag> : null}
                  {d.isMember ? null : <Tag>非党员</Tag>}
                </Space>
              </Descriptions.Item>
              <Descriptions.Item label="所在党组织">{d.orgName ?? emptyText}</Descriptions.Item>
              <Descriptions.Item label="备注">{d.note ?? emptyText}</Descriptions.Item>
            </Descriptions>
          </Card>

          <Card size="small" title={d.concurrent ? '现任职务（交叉任职）' : '现任职务'}>
            {d.currentPosts.length === 0 ? (
              <Typography.Text type="secondary">现无职务</Typography.Text>
            ) : (
              <Flex vertical gap={12}>
                {d.currentPosts.map((p) => (
                  <Card key={p.id} size="small" type="inner" title={`${p.unitName} ${p.title}`}>
                    <Flex vertical gap={8}>
                      <PostTags post={p} />
                      <Descriptions column={isNarrow ? 1 : 3} size="small">
                        <Descriptions.Item label="任职日期">{formatDate(p.startOn)}</Descriptions.Item>
                        <Descriptions.Item label="任职文号">{p.documentNo ?? emptyText}</Descriptions.Item>
                        <Descriptions.Item label="试用期满">{formatDate(p.probationEndOn)}</Descriptions.Item>
                        <Descriptions.Item label="任期届满">{formatDate(p.termEndOn)}</Descriptions.Item>
                        <Descriptions.Item label="连续任职">
                          自 {formatDate(p.inPostSince)} 起，第 {p.consecutiveTerms} 个任期，任现职{' '}
                          {p.yearsInPost} 年
                        </Descriptions.Item>
                        <Descriptions.Item label="交流期限">
                          {formatDate(p.rotationDueOn)}
                          {p.rotation === 'due'
                            ? '（已满，应当交流）'
                            : p.rotation === 'reminder'
                              ? '（即将届满）'
                              : ''}
                        </Descriptions.Item>
                      </Descriptions>
                      {manage ? (
                        <Space wrap>
                          <Button onClick={() => setDialog({ kind: 'rotate', post: p })}>交流轮岗</Button>
                          <Button danger onClick={() => setDialog({ kind: 'end', post: p })}>
                            免职
                          </Button>
                        </Space>
                      ) : null}
                    </Flex>
                  </Card>
                ))}
              </Flex>
            )}
          </Card>

          <Card size="small" title="任职经历">
            {past.length === 0 ? (
              <Typography.Text type="secondary">没有以往职务</Typography.Text>
            ) : (
              <Table<CadrePost>
                size="small"
                rowKey="id"
                pagination={false}
                scroll={{ x: true }}
                dataSource={past}
                columns={[
                  { title: '单位', dataIndex: 'unitName' },
                  { title: '职务', dataIndex: 'title' },
                  {
                    title: '职级/类别',
                    key: 'kind',
                    render: (_, p) => `${cadrePostLevelLabels[p.level]} · ${cadreTrackLabels[p.track]}`,
                  },
                  {
                    title: '任职期间',
                    key: 'span',
                    render: (_, p) => `${formatDate(p.startOn)} 至 ${formatDate(p.endOn)}`,
                  },
                  { title: '任职文号', key: 'doc', render: (_, p) => p.documentNo ?? emptyText },
                  { title: '免职原因', key: 'reason', render: (_, p) => p.endReason ?? emptyText },
                ]}
              />
            )}
          </Card>

          <Card size="small" title="交流轮岗记录">
            {d.rotations.length === 0 ? (
              <Typography.Text type="secondary">没有交流轮岗记录</Typography.Text>
            ) : (
              <Flex vertical gap={6}>
                {d.rotations.map((r) => (
                  <span key={r.id}>
                    {formatDate(r.onDate)} <Tag>{cadreRotationKindLabels[r.kind]}</Tag>
                    {r.fromPost} → {r.toPost}
                    {r.documentNo ? (
                      <Typography.Text type="secondary">（{r.documentNo}）</Typography.Text>
                    ) : null}
                  </span>
                ))}
              </Flex>
            )}
          </Card>
        </Flex>
      ) : null}
      {d && dialog?.kind === 'add' ? <AddPostDialog cadre={d} onClose={() => setDialog(null)} /> : null}
      {d && dialog?.kind === 'end' ? (
        <EndPostDialog cadre={d} post={dialog.post} onClose={() => setDialog(null)} />
      ) : null}
      {d && dialog?.kind === 'rotate' ? (
        <RotationDialog cadre={d} post={dialog.post} onClose={() => setDialog(null)} />
      ) : null}
    </PageContainer>
  );
}
