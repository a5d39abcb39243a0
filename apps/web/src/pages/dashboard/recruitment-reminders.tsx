import type { RecruitmentReminder } from '@dangjian/core';
import { useQuery } from '@tanstack/react-query';
import { Card, Flex, List, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { api } from '../../lib/api';

const shown = 8;

/** `GET /api/recruitment/reminders`: due items of the caller's dossiers, reminding now or within 30 days. */
function useRecruitmentReminders(enabled: boolean) {
  return useQuery({
    queryKey: ['recruitment', 'reminders'],
    queryFn: ({ signal }) =>
      api.get<RecruitmentReminder[]>('/api/recruitment/reminders', undefined, { signal }),
    enabled,
  });
}

/**
 * 发展党员提醒 on the home page: the earliest due items (talks, reviews, approvals, 预备期 ending), each linking
 * to its dossier. Hidden when the user cannot read dossiers or nothing is due.
 */
export function RecruitmentRemindersCard({ enabled }: { enabled: boolean }) {
  const q = useRecruitmentReminders(enabled);
  const items = [...(q.data ?? [])].sort(
    (a, b) => Number(b.overdue) - Number(a.overdue) || a.dueOn.localeCompare(b.dueOn),
  );
  if (!enabled || items.length === 0) return null;
  const overdue = items.filter((i) => i.overdue).length;
  return (
    <Card
      title={
        <Flex gap={8} align="center" wrap>
          发展党员提醒
          {overdue > 0 ? <Tag color="red">逾期 {overdue}</Tag> : null}
        </Flex>
      }
      extra={<Link to="/recruitment?due=any">查看全部</Link>}
    >
      <List
        size="small"
        dataSource={items.slice(0, shown)}
        renderItem={(r) => (
          <List.Item key={`${r.recruitmentId}:${r.kind}:${r.step}`}>
            <Flex gap={8} wrap align="center" style={{ width: '100%' }}>
              <Typography.Text type={r.overdue ? 'danger' : 'secondary'} style={{ width: 88, flex: 'none' }}>
                {r.dueOn}
              </Typography.Text>
              <span style={{ flex: 1, minWidth: 180 }}>
                <Link to={`/recruitment/${r.recruitmentId}`}>
                  <Typography.Text strong>{r.personName}</Typography.Text>
                </Link>
                <Typography.Text type="secondary">（{r.orgName}）</Typography.Text> {r.message}
              </span>
              {r.overdue ? <Tag color="red">逾期</Tag> : <Tag color="orange">即将到期</Tag>}
            </Flex>
          </List.Item>
        )}
        footer={
          items.length > shown ? (
            <Link to="/recruitment?due=any">还有 {items.length - shown} 项，查看全部</Link>
          ) : null
        }
      />
    </Card>
  );
}
