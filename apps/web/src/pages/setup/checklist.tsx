import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { Button, Card, List, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useSetupChecklist } from './api';

/** 建设清单: what a new school still has to record, each step done once its records exist. */
export function SetupChecklistPage() {
  const checklist = useSetupChecklist();
  if (checklist.isError)
    return <QueryError error={checklist.error} onRetry={() => void checklist.refetch()} />;
  const c = checklist.data;
  return (
    <PageContainer title="建设清单">
      {!c ? (
        <Skeleton active />
      ) : (
        <Card>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <div>
              <Typography.Paragraph style={{ marginBottom: 8 }}>
                平台已建立。按下面的顺序录入本校的组织和人员，每完成一项会自动打勾（依据已录入的数据，无需手工勾选）。
              </Typography.Paragraph>
              <Progress
                percent={Math.round((c.done / c.total) * 100)}
                format={() => `${c.done}/${c.total}`}
                aria-label={`已完成 ${c.done} 项，共 ${c.total} 项`}
              />
            </div>
            <List
              dataSource={c.steps}
              renderItem={(step, i) => (
                <List.Item
                  actions={[
                    <Link key="go" to={step.link}>
                      <Button
                        type={step.done ? 'default' : 'primary'}
                        icon={<RightOutlined />}
                        iconPosition="end"
                      >
                        {step.done ? '查看' : '去完成'}
                      </Button>
                    </Link>,
                  ]}
                >
                  <List.Item.Meta
                    avatar={
                      step.done ? (
                        <CheckCircleFilled style={{ fontSize: 22, color: '#237804' }} aria-label="已完成" />
                      ) : (
                        <Tag style={{ marginInlineEnd: 0 }}>{i + 1}</Tag>
                      )
                    }
                    title={step.title}
                    description={step.detail}
                  />
                </List.Item>
              )}
            />
          </Space>
        </Card>
      )}
    </PageContainer>
  );
}
