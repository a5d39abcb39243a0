import { ExperimentOutlined, HomeOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Row, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router';
import { QueryError } from '../../components/query-error';
import { showSecretOnce } from '../../components/secret-modal';
import { PublicLayout } from '../../layout/public-layout';
import { PageSpin, useAuth } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { toIsoDate } from '../../lib/format';
import { useRunSetup, useSetupStatus } from './api';
import { adminUsername, OwnSetupForm, type OwnSetupValues } from './form';

/** First run: set up the college's own platform, or open the demo college. */
export function SetupPage() {
  const status = useSetupStatus();
  const setup = useRunSetup();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const handleError = useErrorHandler();
  const { signIn } = useAuth();
  const [form] = Form.useForm<OwnSetupValues>();

  if (status.isPending) return <PageSpin />;
  if (status.isError) {
    return (
      <PublicLayout>
        <QueryError error={status.error} onRetry={() => void status.refetch()} />
      </PublicLayout>
    );
  }
  if (status.data.initialised) return <Navigate to="/login" replace />;

  const createOwn = (values: OwnSetupValues) => {
    setup.mutate(
      {
        mode: 'own',
        schoolName: values.schoolName.trim(),
        committeeName: values.committeeName.trim(),
        adminPassword: values.adminPassword,
        goLiveDate: toIsoDate(values.goLiveDate) ?? undefined,
      },
      {
        onSuccess: (result) => {
          // 三员分立: hand each one-time password to the person holding the role, one after the other; then the
          // administrator (already signed in) goes on to the set-up checklist.
          const done = () => {
            if (result.me) {
              signIn(result.me);
              message.success(`平台已建立，已以管理员账号 ${adminUsername} 登录`);
              navigate('/setup/checklist', { replace: true });
            } else {
              message.success(`平台已建立，请使用管理员账号 ${adminUsername} 和刚设置的密码登录`);
              navigate('/login', { replace: true });
            }
          };
          const showFrom = (i: number) => {
            const account = result.initialAccounts[i];
            if (!account) return done();
            showSecretOnce(modal, {
              title: `${account.role}账号 ${account.username} 的初始密码（${i + 1}/${result.initialAccounts.length}）`,
              description: `三员分立：${account.role}账号由平台建立，系统管理员不能管理。请将此一次性密码交给${account.role}本人，仅显示一次，首次登录须修改。`,
              secret: account.temporaryPassword,
              onClose: () => showFrom(i + 1),
            });
          };
          showFrom(0);
        },
        onError: (error) => handleError(error, { form }),
      },
    );
  };

  const openDemo = () => {
    setup.mutate(
      { mode: 'demo' },
      {
        onSuccess: (result) => {
          if (result.generatedPassword) {
            showSecretOnce(modal, {
              title: '演示学校已建立',
              description: '请记录演示账号密码，仅显示一次',
              secret: result.generatedPassword,
              onClose: () => navigate('/login', { replace: true }),
            });
          } else {
            message.success('演示学校已建立');
            navigate('/login', { replace: true });
          }
        },
        onError: (error) => handleError(error),
      },
    );
  };

  return (
    <PublicLayout subtitle="首次使用，请选择" maxWidth={960}>
      <Row gutter={[24, 24]}>
        <Col xs={24} md={14}>
          <Card
            title={
              <span>
                <HomeOutlined /> 建立本校党建平台
              </span>
            }
          >
            <Typography.Paragraph type="secondary">
              填写学校与党委名称，设置系统管理员密码。建立后即可登录、维护组织架构并开设其他账号。
            </Typography.Paragraph>
            <OwnSetupForm
              form={form}
              submitting={setup.isPending && setup.variables.mode === 'own'}
              onSubmit={createOwn}
            />
          </Card>
        </Col>
        <Col xs={24} md={10}>
          <Card
            title={
              <span>
                <ExperimentOutlined /> 打开演示学校
              </span>
            }
          >
            <Typography.Paragraph type="secondary">
              载入一所虚构高职院校的示例数据，并为每个角色建立演示账号，便于试用和培训。
            </Typography.Paragraph>
            <Button
              type="primary"
              ghost
              block
              loading={setup.isPending && setup.variables.mode === 'demo'}
              disabled={setup.isPending}
              onClick={openDemo}
            >
              打开演示学校
            </Button>
          </Card>
        </Col>
      </Row>
    </PublicLayout>
  );
}
