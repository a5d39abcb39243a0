import { ClockCircleOutlined, FileTextOutlined, UploadOutlined } from '@ant-design/icons';
import {
  type MyRecruitment,
  type RecruitmentDueItem,
  recruitmentDocumentKindLabels,
  recruitmentLimits,
  recruitmentOutcomeLabels,
  recruitmentStages,
  recruitmentStepInfo,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  List,
  Progress,
  Skeleton,
  Steps,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, todayIso } from '../../lib/format';
import { stageShortLabels } from '../recruitment/labels';
import { useMyRecruitment, useUploadThoughtReport } from './api';

const acceptedFiles = '.pdf,.doc,.docx,.jpg,.jpeg,.png';
const acceptedPattern = /\.(pdf|docx?|jpe?g|png)$/i;

type StepStatus = 'wait' | 'process' | 'finish' | 'error';

/** Where each of the 5 stages stands for this dossier. */
function stageStatus(data: MyRecruitment, index: number): StepStatus {
  if (data.outcome === 'confirmed') return 'finish';
  const current = data.stage ? recruitmentStages.indexOf(data.stage) : -1;
  if (index < current) return 'finish';
  if (index > current) return 'wait';
  return data.outcome === 'in_progress' ? 'process' : 'error';
}

/** The 5 stages as a vertical timeline, each with the steps done in it and their dates. */
function StageTimeline({ data }: { data: MyRecruitment }) {
  return (
    <Steps
      orientation="vertical"
      size="small"
      items={recruitmentStages.map((stage, i) => {
        const done = data.done.filter((d) => recruitmentStepInfo[d.step].stage === stage);
        return {
          key: stage,
          title: stageShortLabels[stage],
          status: stageStatus(data, i),
          content:
            done.length > 0 ? (
              <Flex vertical gap={2} style={{ paddingBottom: 8 }}>
                {done.map((d) => (
                  <Typography.Text key={`${d.step}:${d.date}`} type="secondary" style={{ fontSize: 13 }}>
                    第{d.no}步 {d.label}　{d.date}
                  </Typography.Text>
                ))}
              </Flex>
            ) : null,
        };
      })}
    />
  );
}

/** "下一步：第N步 …" with its deadline (red when overdue). */
function NextCard({ data }: { data: MyRecruitment }) {
  const first = data.next[0];
  if (!first) return null;
  const due: RecruitmentDueItem | undefined =
    data.dues.find((d) => data.next.some((n) => n.step === d.step)) ?? data.dues[0];
  return (
    <Card
      size="small"
      style={{
        borderColor: due?.overdue ? '#ff4d4f' : '#c8161d',
        background: due?.overdue ? '#fff1f0' : '#fff7f6',
      }}
    >
      <Flex vertical gap={6}>
        <Typography.Text strong style={{ fontSize: 17 }}>
          下一步：第{first.no}步 {first.label}
        </Typography.Text>
        {data.next.length > 1 ? (
          <Typography.Text type="secondary">
            或：
            {data.next
              .slice(1)
              .map((n) => `第${n.no}步 ${n.label}`)
              .join('、')}
          </Typography.Text>
        ) : null}
        {due ? (
          <Flex vertical gap={2}>
            <Typography.Text type={due.overdue ? 'danger' : undefined} strong>
              <ClockCircleOutlined /> 请在 {due.dueOn} 前
              {due.overdue ? (
                <Tag color="red" style={{ marginInlineStart: 8 }}>
                  已逾期
                </Tag>
              ) : null}
            </Typography.Text>
            <Typography.Text type="secondary">{due.message}</Typography.Text>
          </Flex>
        ) : null}
      </Flex>
    </Card>
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** A big 上传思想汇报 button: type and size checked before sending, progress while sending. */
function UploadThoughtReport() {
  const me = useMe();
  const upload = useUploadThoughtReport();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [percent, setPercent] = useState<number | null>(null);
  return (
    <Flex vertical gap={6}>
      <Upload
        accept={acceptedFiles}
        showUploadList={false}
        style={{ display: 'block' }}
        beforeUpload={(file) => {
          if (!acceptedPattern.test(file.name)) {
            message.error('请上传 PDF、Word（doc/docx）或图片（jpg/png）文件');
            return Upload.LIST_IGNORE;
          }
          if (file.size > recruitmentLimits.fileBytes.max) {
            message.error(`${file.name} 超过 10 MB，不能上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          setPercent(0);
          upload
            .mutateAsync({
              file,
              title: `思想汇报（${todayIso()}）`,
              csrfToken: me.csrfToken,
              onProgress: setPercent,
            })
            .then((result) => {
              onSuccess?.(result);
              message.success('思想汇报已上传，党支部可以看到了');
            })
            .catch((error: unknown) => {
              onError?.(error instanceof Error ? error : new Error('上传失败'));
              handleError(error);
            })
            .finally(() => setPercent(null));
        }}
      >
        <Button type="primary" size="large" block icon={<UploadOutlined />} loading={percent !== null}>
          上传思想汇报
        </Button>
      </Upload>
      {percent !== null ? <Progress percent={percent} size="small" /> : null}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        支持 PDF、Word、jpg/png 图片，不超过 10 MB
      </Typography.Text>
    </Flex>
  );
}

const names = (refs: readonly { name: string }[]) =>
  refs.length > 0 ? refs.map((r) => r.name).join('、') : emptyText;

function Dossier({ data }: { data: MyRecruitment }) {
  const open = data.outcome === 'in_progress';
  return (
    <Flex vertical gap={12}>
      {open ? (
        <NextCard data={data} />
      ) : (
        <Alert
          type={data.outcome === 'confirmed' ? 'success' : 'warning'}
          showIcon
          title={recruitmentOutcomeLabels[data.outcome]}
        />
      )}
      <Card
        size="small"
        title="我的发展进度"
        extra={<Typography.Text type="secondary">{data.orgName}</Typography.Text>}
      >
        <StageTimeline data={data} />
      </Card>
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'mentors', label: '培养联系人', children: names(data.mentors) },
            { key: 'sponsors', label: '入党介绍人', children: names(data.sponsors) },
            ...(data.probationEndOn
              ? [{ key: 'probation', label: '预备期满日期', children: data.probationEndOn }]
              : []),
          ]}
        />
      </Card>
      <Card size="small" title="我的材料">
        <Flex vertical gap={12}>
          {open ? <UploadThoughtReport /> : null}
          <List
            size="small"
            dataSource={data.documents}
            locale={{ emptyText: <Typography.Text type="secondary">还没有材料</Typography.Text> }}
            renderItem={(d) => (
              <List.Item key={d.id}>
                <Flex vertical gap={2} style={{ minWidth: 0, flex: 1 }}>
                  <Typography.Text ellipsis>
                    <FileTextOutlined /> {d.title}
                  </Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {recruitmentDocumentKindLabels[d.kind]} · {d.onDate} · {formatSize(d.size)}
                  </Typography.Text>
                </Flex>
              </List.Item>
            )}
          />
        </Flex>
      </Card>
    </Flex>
  );
}

/** 我的入党进度 (phone): where I am in the 25 steps, what comes next and by when, my 思想汇报. */
export function MyRecruitmentPage() {
  const mine = useMyRecruitment();
  return (
    <PageContainer title="我的入党进度">
      <div style={{ maxWidth: 640 }}>
        {mine.isPending ? <Skeleton active /> : null}
        {mine.isError ? <QueryError error={mine.error} onRetry={() => void mine.refetch()} /> : null}
        {mine.isSuccess && mine.data === null ? (
          <Card>
            <Empty
              description={
                <Flex vertical gap={4}>
                  <Typography.Text strong>您还没有入党档案</Typography.Text>
                  <Typography.Text type="secondary">
                    如有入党意愿，请向所在党支部递交入党申请书；党支部登记后，您可以在这里查看每一步的进度和期限，并上传思想汇报。
                  </Typography.Text>
                </Flex>
              }
            />
          </Card>
        ) : null}
        {mine.data ? <Dossier data={mine.data} /> : null}
      </div>
    </PageContainer>
  );
}
