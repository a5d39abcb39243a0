import { type CadreItem, type CadrePost, cadrePostLevelLabels, cadreTrackLabels } from '@dangjian/core';
import { Card, Flex, Space, type TableColumnsType, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { cadrePath } from './api';

/** 正职/副职 · 党务/行政/双肩挑, 试用期, the rotation and term standing of a current post. */
export function PostTags({ post }: { post: CadrePost }) {
  return (
    <Space size={4} wrap>
      <Tag style={{ marginInlineEnd: 0 }}>{cadrePostLevelLabels[post.level]}</Tag>
      <Tag color="blue" style={{ marginInlineEnd: 0 }}>
        {cadreTrackLabels[post.track]}
      </Tag>
      {post.countyLevel ? <Tag color="purple">县处级</Tag> : null}
      {post.inProbation ? <Tag color="gold">试用期</Tag> : null}
      {post.endOn === null && post.rotation === 'due' ? <Tag color="red">满10年应交流</Tag> : null}
      {post.endOn === null && post.rotation === 'reminder' ? <Tag color="orange">即将满10年</Tag> : null}
      {post.endOn === null && post.term === 'expired' ? <Tag color="red">任期已届满</Tag> : null}
      {post.endOn === null && post.term === 'ending' ? <Tag color="orange">任期即将届满</Tag> : null}
    </Space>
  );
}

/** 机电工程学院 党总支书记 (任职 3 年). */
export function PostLine({ post }: { post: CadrePost }) {
  return (
    <Flex vertical gap={2}>
      <span>
        {post.unitName} {post.title}
        <Typography.Text type="secondary">（任现职 {post.yearsInPost} 年）</Typography.Text>
      </span>
      <PostTags post={post} />
    </Flex>
  );
}

function CurrentPosts({ item }: { item: CadreItem }) {
  if (item.currentPosts.length === 0) return <Typography.Text type="secondary">现无职务</Typography.Text>;
  return (
    <Flex vertical gap={6}>
      {item.currentPosts.map((p) => (
        <PostLine key={p.id} post={p} />
      ))}
    </Flex>
  );
}

function NameCell({ item }: { item: CadreItem }) {
  return (
    <Space size={4} wrap>
      <Link to={cadrePath(item.id)} style={{ fontWeight: 600 }}>
        {item.name}
      </Link>
      {item.concurrent ? <Tag color="magenta">交叉任职</Tag> : null}
      {item.isMember ? null : <Tag>非党员</Tag>}
    </Space>
  );
}

export const cadreColumns: TableColumnsType<CadreItem> = [
  { title: '姓名', key: 'name', render: (_, r) => <NameCell item={r} />, width: 180 },
  { title: '现任职务', key: 'posts', render: (_, r) => <CurrentPosts item={r} /> },
];

/** A cadre as a card on a narrow screen. */
export function CadreCard({ item }: { item: CadreItem }) {
  return (
    <Card size="small">
      <Flex vertical gap={6}>
        <NameCell item={item} />
        <CurrentPosts item={item} />
      </Flex>
    </Card>
  );
}
