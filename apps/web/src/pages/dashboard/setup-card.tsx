import { RightOutlined } from '@ant-design/icons';
import { Button, Card, Progress, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useSetupChecklist } from '../setup/api';

/** For a new school's 组织部: how far the set-up has come, until every step is done. */
export function SetupProgressCard({ enabled }: { enabled: boolean }) {
  const checklist = useSetupChecklist(enabled);
  const c = checklist.data;
  if (!enabled || !c || c.done === c.total) return null;
  const next = c.steps.find((s) => !s.done);
  return (
    <Card title="建设清单" extra={<Link to="/setup/checklist">查看全部</Link>}>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Progress
          percent={Math.round((c.done / c.total) * 100)}
          format={() => `${c.done}/${c.total}`}
          aria-label={`建设清单已完成 ${c.done} 项，共 ${c.total} 项`}
        />
        {next ? (
          <Space wrap>
            <Typography.Text>下一步：{next.title}</Typography.Text>
            <Link to={next.link}>
              <Button type="primary" size="small" icon={<RightOutlined />} iconPosition="end">
                去完成
              </Button>
            </Link>
          </Space>
        ) : null}
      </Space>
    </Card>
  );
}
