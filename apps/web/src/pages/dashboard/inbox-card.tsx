import { RightOutlined } from '@ant-design/icons';
import { Badge, Card, Flex } from 'antd';
import { Link } from 'react-router';
import { useInbox } from '../inbox/api';
import { InboxItemCard } from '../inbox/entry';

/** The home card shows this many of the most urgent items. */
const shownCount = 5;

/**
 * 我的待办 on 首页: the most urgent items (any role), their count and 查看全部. Nothing at all while
 * there is nothing to do (or the count has not arrived), so an empty card does not crowd the page.
 */
export function InboxCard() {
  const inbox = useInbox();
  const data = inbox.data;
  if (!data || data.total === 0) return null;
  return (
    <Card
      title={
        <Flex gap={8} align="center">
          我的待办
          <Badge count={data.total} overflowCount={99} />
        </Flex>
      }
      extra={
        <Link to="/inbox">
          查看全部 <RightOutlined aria-hidden />
        </Link>
      }
      styles={{ body: { padding: 12 } }}
    >
      <ul
        aria-label="最紧急的待办"
        style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: 8 }}
      >
        {data.items.slice(0, shownCount).map((item) => (
          <li key={`${item.kind}:${item.link}:${item.title}`}>
            <InboxItemCard item={item} today={data.today} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
