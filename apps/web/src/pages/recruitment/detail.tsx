import {
  ArrowLeftOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  EyeOutlined,
  FileWordOutlined,
  RollbackOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import {
  genderLabels,
  memberCategoryLabels,
  partyStatusLabels,
  type RecruitmentDetail,
  type RecruitmentDocument,
  type RecruitmentDocumentKind,
  type RecruitmentEventOut,
  type RecruitmentMaterial,
  recruitmentDocumentKindLabels,
  recruitmentDocumentKinds,
  recruitmentLimits,
  recruitmentStageLabels,
  recruitmentStages,
  recruitmentSuperiorSteps,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  type DescriptionsProps,
  Empty,
  Flex,
  Form,
  List,
  Popconfirm,
  Progress,
  Result,
  Select,
  Skeleton,
  Space,
  Steps,
  type StepsProps,
  Tabs,
  Tag,
  Timeline,
  Typography,
  Upload,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { PageContainer, useOrgCrumb } from '../../components/page-container';
import { QueryError } from '../../components/query-error';
import { isApiError } from '../../lib/api';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, formatDate, formatDateTime, fromIsoDate, toIsoDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import {
  documentUrl,
  materialUrl,
  useDeleteDocument,
  useRecruitmentDetail,
  useUpdateRecruitment,
  useUploadDocument,
} from './api';
import { DueText, StageTag } from './index';
import { stageShortLabels, stepTitle } from './labels';
import { StepFormDrawer, type StepKind } from './step-form';

type StepStatus = NonNullable<NonNullable<StepsProps['items']>[number]['status']>;

function stageStatus(d: RecruitmentDetail, index: number): StepStatus {
  if (d.outcome === 'confirmed') return 'finish';
  const current = d.stage ? recruitmentStages.indexOf(d.stage) : -1;
  if (index < current) return 'finish';
  if (index > current) return 'wait';
  return d.outcome === 'in_progress' ? 'process' : 'error';
}

/** The 5 stages with the date each was reached. */
function StageSteps({ d }: { d: RecruitmentDetail }) {
  const isNarrow = useIsNarrow();
  const reachedOn: Record<(typeof recruitmentStages)[number], string | null> = {
    application: d.appliedOn,
    activist: d.activistOn,
    candidate: d.candidateOn,
    admission: d.history.find((e) => e.step === 'committee_review')?.date ?? null,
    probation: d.probationStartOn,
  };
  return (
    <Steps
      size="small"
      orientation={isNarrow ? 'vertical' : 'horizontal'}
      titlePlacement={isNarrow ? 'horizontal' : 'vertical'}
      items={recruitmentStages.map((stage, i) => ({
        key: stage,
        title: stageShortLabels[stage],
        status: stageStatus(d, i),
        content: reachedOn[stage] ?? undefined,
      }))}
    />
  );
}

function summaryItems(d: RecruitmentDetail): DescriptionsProps['items'] {
  const probation =
    d.probationStartOn && d.probationEndOn
      ? `${d.probationStartOn} 至 ${d.probationEndOn}${d.extensionMonths ? `（延长 ${d.extensionMonths} 个月）` : ''}`
      : emptyText;
  const names = (list: { name: string }[]) =>
    list.length > 0 ? list.map((p) => p.name).join('、') : emptyText;
  return [
    { key: 'org', label: '党支部', children: d.org.name },
    { key: 'gb', label: '党总支', children: d.generalBranch?.name ?? emptyText },
    { key: 'stage', label: '阶段', children: d.stage ? recruitmentStageLabels[d.stage] : emptyText },
    { key: 'step', label: '当前步骤', children: d.currentStep ? stepTitle(d.currentStep) : emptyText },
    { key: 'applied', label: '申请日期', children: formatDate(d.appliedOn) },
    { key: 'activist', label: '确定为积极分子', children: formatDate(d.activistOn) },
    { key: 'candidate', label: '确定为发展对象', children: formatDate(d.candidateOn) },
    { key: 'review', label: '政治审查', children: formatDate(d.politicalReviewOn) },
    { key: 'mentors', label: '培养联系人', children: names(d.mentors) },
    { key: 'sponsors', label: '入党介绍人', children: names(d.sponsors) },
    { key: 'probation', label: '预备期', children: probation },
    { key: 'confirmed', label: '转正日期', children: formatDate(d.confirmedOn) },
    { key: 'leaves', label: '预计离校（离开单位）', children: formatDate(d.leavesOn) },
    {
      key: 'days',
      label: '在本阶段天数',
      children: d.daysInStage === null ? emptyText : `${d.daysInStage} 天`,
    },
  ];
}

function personItems(d: RecruitmentDetail): DescriptionsProps['items'] {
  const p = d.person;
  return [
    { key: 'name', label: '姓名', children: p.name },
    { key: 'gender', label: '性别', children: p.gender ? genderLabels[p.gender] : emptyText },
    { key: 'category', label: '人员类别', children: memberCategoryLabels[p.category] },
    {
      key: 'birth',
      label: '出生日期',
      children: p.birthDate ? `${p.birthDate}${p.age !== null ? `（${p.age} 岁）` : ''}` : emptyText,
    },
    { key: 'id', label: '身份证号', children: p.idNumber ?? emptyText },
    { key: 'phone', label: '联系电话', children: p.phone ?? emptyText },
    { key: 'unit', label: '所在单位', children: d.unitName ?? emptyText },
    { key: 'grade', label: '年级', children: p.grade ?? emptyText },
    { key: 'class', label: '班级', children: p.className ?? emptyText },
    { key: 'position', label: '职务', children: p.position ?? emptyText },
    {
      key: 'party',
      label: '党籍',
      children: p.partyStatus ? partyStatusLabels[p.partyStatus] : '非党员',
    },
  ];
}

/** 下一步: the steps that may be recorded now, with what is due and by when. */
function NextCard({ d, onRecord }: { d: RecruitmentDetail; onRecord: (step: StepKind) => void }) {
  const main = d.expectedSteps[d.expectedSteps.length - 1];
  return (
    <Card title="下一步" size="small" style={{ marginBottom: 16 }}>
      {d.outcome !== 'in_progress' ? (
        <Typography.Text type="secondary">程序已结束：{d.history.at(-1)?.label ?? ''}</Typography.Text>
      ) : (
        <Flex vertical gap={12}>
          <Flex gap={8} wrap align="center">
            {d.expectedSteps.map((step) => {
              const superior = recruitmentSuperiorSteps.has(step);
              if (superior && !d.abilities.approve)
                return (
                  <Tag key={step} color="purple" style={{ padding: '4px 8px' }}>
                    {stepTitle(step)}：待上级党委（组织部）登记
                  </Tag>
                );
              if (!d.abilities.edit) return <Tag key={step}>{stepTitle(step)}</Tag>;
              return (
                <Button
                  key={step}
                  type={step === main ? 'primary' : 'default'}
                  data-testid={step === main ? 'recruitment-next-step' : `recruitment-step-${step}`}
                  onClick={() => onRecord(step)}
                >
                  登记{stepTitle(step)}
                </Button>
              );
            })}
          </Flex>
          {d.dues.length > 0 ? (
            <List
              size="small"
              dataSource={d.dues}
              renderItem={(due) => (
                <List.Item>
                  <Flex gap={8} wrap align="center" style={{ width: '100%' }} justify="space-between">
                    <Typography.Text type={due.overdue ? 'danger' : undefined}>{due.message}</Typography.Text>
                    <DueText due={due} />
                  </Flex>
                </List.Item>
              )}
            />
          ) : (
            <Typography.Text type="secondary">目前没有到期事项</Typography.Text>
          )}
        </Flex>
      )}
    </Card>
  );
}

function eventTitle(e: RecruitmentEventOut): string {
  return e.no === 0 ? e.label : `第${e.no}步 ${e.label}`;
}

/** The recorded steps, oldest first, with their details, warnings, waivers and documents. */
function History({ d }: { d: RecruitmentDetail }) {
  const isNarrow = useIsNarrow();
  if (d.history.length === 0) return <Empty description="暂无记录" />;
  return (
    <Timeline
      style={{ marginTop: 8 }}
      titleSpan={3}
      items={d.history.map((e) => ({
        key: e.seq,
        color: e.no === 0 ? 'gray' : e.warnings.length > 0 || e.overrides.length > 0 ? 'orange' : 'blue',
        title: isNarrow ? undefined : e.date,
        content: (
          <Flex vertical gap={4}>
            <Typography.Text strong>
              {isNarrow ? `${e.date} ` : ''}
              {eventTitle(e)}
            </Typography.Text>
            {e.details.map((x) => (
              <span key={x.label}>
                <Typography.Text type="secondary">{x.label}：</Typography.Text>
                {x.value}
              </span>
            ))}
            {e.activity ? (
              <span>
                <Typography.Text type="secondary">会议记录：</Typography.Text>
                <Link to={`/activities/${e.activity.id}`}>{e.activity.name}</Link>
              </span>
            ) : null}
            {e.documents.length > 0 ? (
              <Space size={4} wrap>
                <Typography.Text type="secondary">材料：</Typography.Text>
                {e.documents.map((doc) => (
                  <a key={doc.id} href={documentUrl(d.id, doc.id)}>
                    {doc.name}
                  </a>
                ))}
              </Space>
            ) : null}
            {e.note ? <Typography.Text>备注：{e.note}</Typography.Text> : null}
            {e.warnings.length > 0 ? (
              <Space size={4} wrap>
                {e.warnings.map((w) => (
                  <Tag key={w.ruleId} color="orange">
                    {w.title}
                  </Tag>
                ))}
              </Space>
            ) : null}
            {e.overrides.map((o) => (
              <Typography.Text key={o.ruleId} type="warning">
                已豁免“{o.title}”，理由：{o.reason}
              </Typography.Text>
            ))}
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {e.recorderName} 登记于 {formatDateTime(e.recordedAt)}
            </Typography.Text>
          </Flex>
        ),
      }))}
    />
  );
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** Upload with a kind select; the size limit is checked before sending. */
function DocumentUpload({ d }: { d: RecruitmentDetail }) {
  const me = useMe();
  const upload = useUploadDocument();
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [kind, setKind] = useState<RecruitmentDocumentKind>(
    d.documents.length === 0 ? 'application_letter' : 'thought_report',
  );
  const [percent, setPercent] = useState<number | null>(null);
  const max = recruitmentLimits.fileBytes.max;
  return (
    <Flex gap={8} wrap align="center">
      <Select<RecruitmentDocumentKind>
        value={kind}
        onChange={setKind}
        aria-label="材料类型"
        options={recruitmentDocumentKinds.map((k) => ({ value: k, label: recruitmentDocumentKindLabels[k] }))}
        style={{ width: 160 }}
      />
      <Upload
        accept=".pdf,.doc,.docx,.jpg,.jpeg,.png,.txt"
        showUploadList={false}
        beforeUpload={(file) => {
          if (file.size > max) {
            message.error(`${file.name} 超过 ${formatSize(max)}，不能上传`);
            return Upload.LIST_IGNORE;
          }
          return true;
        }}
        customRequest={({ file, onSuccess, onError }) => {
          if (!(file instanceof File)) return;
          setPercent(0);
          upload
            .mutateAsync({
              id: d.id,
              kind,
              title: file.name.replace(/\.[^.]+$/, '').slice(0, recruitmentLimits.documentTitle.max),
              file,
              csrfToken: me.csrfToken,
              onProgress: setPercent,
            })
            .then((result) => {
              onSuccess?.(result);
              message.success(`${file.name} 已上传`);
            })
            .catch((error: unknown) => {
              onError?.(error instanceof Error ? error : new Error('上传失败'));
              handleError(error);
            })
            .finally(() => setPercent(null));
        }}
      >
        <Button icon={<UploadOutlined />}>上传材料</Button>
      </Upload>
      {percent !== null ? <Progress percent={percent} size="small" style={{ width: 160 }} /> : null}
    </Flex>
  );
}

function Documents({ d }: { d: RecruitmentDetail }) {
  const remove = useDeleteDocument(d.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  return (
    <Flex vertical gap={12}>
      {d.abilities.upload ? <DocumentUpload d={d} /> : null}
      <List<RecruitmentDocument>
        dataSource={d.documents}
        locale={{ emptyText: <Empty description="尚未上传材料" /> }}
        renderItem={(doc) => (
          <List.Item
            actions={[
              <Button key="get" type="link" icon={<DownloadOutlined />} href={documentUrl(d.id, doc.id)}>
                下载
              </Button>,
              d.abilities.edit ? (
                <Popconfirm
                  key="del"
                  title={`删除“${doc.title}”？`}
                  okText="删除"
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    remove
                      .mutateAsync(doc.id)
                      .then(() => message.success('已删除'))
                      .catch((error: unknown) => handleError(error))
                  }
                >
                  <Button type="link" danger icon={<DeleteOutlined />}>
                    删除
                  </Button>
                </Popconfirm>
              ) : null,
            ]}
          >
            <List.Item.Meta
              title={
                <Space size={4} wrap>
                  <Tag>{recruitmentDocumentKindLabels[doc.kind]}</Tag>
                  <span>{doc.title}</span>
                </Space>
              }
              description={`${doc.onDate} · ${doc.fileName} · ${formatSize(doc.size)} · ${doc.uploaderName} 上传于 ${formatDateTime(doc.uploadedAt)}`}
            />
          </List.Item>
        )}
      />
    </Flex>
  );
}

/**
 * The dossier's Word materials: each one dated by the step it records, with a download, or — when its step or
 * its 公示 period is not recorded — not available, with the reason the server gives.
 */
function Materials({ d }: { d: RecruitmentDetail }) {
  return (
    <List<RecruitmentMaterial>
      dataSource={d.materials}
      rowKey={(m) => `${m.kind}-${m.noticeStep ?? ''}`}
      renderItem={(m) => (
        <List.Item
          actions={[
            m.available ? (
              <Button
                key="get"
                type="link"
                icon={<FileWordOutlined />}
                href={materialUrl(d.id, m)}
                aria-label={`下载${m.label}`}
              >
                下载
              </Button>
            ) : (
              <Typography.Text key="na" type="secondary">
                暂不可生成
              </Typography.Text>
            ),
          ]}
        >
          <List.Item.Meta
            title={m.label}
            description={m.available ? `落款日期：${formatDate(m.onDate)}` : m.reason}
          />
        </List.Item>
      )}
    />
  );
}

/** 预计离校日期 may change outside the steps (PATCH with the version read). */
function LeavesOnDialog({
  d,
  open,
  onClose,
  onConflict,
}: {
  d: RecruitmentDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const update = useUpdateRecruitment(d.id);
  return (
    <FormModal<{ leavesOn: Dayjs | null }>
      title="预计离校（离开单位）日期"
      open={open}
      onClose={onClose}
      initialValues={{ leavesOn: fromIsoDate(d.leavesOn) }}
      onSubmit={(v) => update.mutateAsync({ leavesOn: toIsoDate(v.leavesOn), version: d.version })}
      onConflict={onConflict}
      successMessage="已保存"
    >
      <Form.Item name="leavesOn" label="预计离校日期" extra="3个月内离开本单位的发展对象一般不予接收">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
    </FormModal>
  );
}

const tabKeys = ['history', 'documents', 'materials', 'person'] as const;

/** One dossier: where the person stands in the 5 stages, what comes next, the history, documents and materials. */
export function RecruitmentDetailPage() {
  const { id: rawId } = useParams();
  const id = Number(rawId);
  const valid = Number.isInteger(id) && id > 0;
  const [unmasked, setUnmasked] = useState(false);
  const detail = useRecruitmentDetail(valid ? id : null, unmasked);
  const { modal } = App.useApp();
  const [step, setStep] = useState<StepKind | null>(null);
  const [editingLeaves, setEditingLeaves] = useState(false);
  const [tab, setTab] = useState<(typeof tabKeys)[number]>('history');
  const orgCrumb = useOrgCrumb();
  const refetch = () => void detail.refetch();

  if (!valid || isApiError(detail.error, 'NOT_FOUND')) {
    return (
      <Result
        status="404"
        title="没有这份档案"
        subTitle="档案不存在，或不在您的管理范围内"
        extra={<Link to="/recruitment">返回发展对象档案</Link>}
      />
    );
  }
  if (detail.isError) return <QueryError error={detail.error} onRetry={refetch} />;
  const d = detail.data;
  if (!d) return <Skeleton active />;
  // Withdrawal is possible from the application until the superior approves (then only revocation is).
  const canWithdraw = d.abilities.edit && d.outcome === 'in_progress' && d.probationStartOn === null;

  return (
    <PageContainer
      breadcrumb={[{ title: '发展对象档案', to: '/recruitment' }, orgCrumb(d.org), { title: d.person.name }]}
      title={
        <Space wrap>
          <Link to="/recruitment" aria-label="返回发展对象档案">
            <ArrowLeftOutlined />
          </Link>
          {d.person.name}
          <StageTag item={d} />
          <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
            {d.org.name}
          </Typography.Text>
        </Space>
      }
      extra={
        d.abilities.edit ? (
          <>
            <Button icon={<EditOutlined />} onClick={() => setEditingLeaves(true)}>
              预计离校日期
            </Button>
            {canWithdraw ? (
              <Button danger icon={<RollbackOutlined />} onClick={() => setStep('withdrawal')}>
                撤回入党申请
              </Button>
            ) : null}
          </>
        ) : null
      }
    >
      <Card size="small" style={{ marginBottom: 16 }}>
        <StageSteps d={d} />
      </Card>
      <NextCard d={d} onRecord={setStep} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={summaryItems(d)} />
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => setTab(tabKeys.find((t) => t === k) ?? 'history')}
          items={[
            { key: 'history', label: `办理记录（${d.history.length}）`, children: <History d={d} /> },
            { key: 'documents', label: `材料（${d.documents.length}）`, children: <Documents d={d} /> },
            { key: 'materials', label: 'Word 材料', children: <Materials d={d} /> },
            {
              key: 'person',
              label: '个人信息',
              children: (
                <Flex vertical gap={8}>
                  {d.person.masked && d.abilities.viewSensitive ? (
                    <Flex>
                      <Button
                        size="small"
                        icon={<EyeOutlined />}
                        loading={unmasked && detail.isFetching}
                        onClick={() =>
                          modal.confirm({
                            title: `显示 ${d.person.name} 的完整身份证号和电话？`,
                            content: '查看完整信息将记入审计日志，请仅在工作需要时使用。',
                            okText: '显示',
                            cancelText: '取消',
                            onOk: () => setUnmasked(true),
                          })
                        }
                      >
                        显示完整信息
                      </Button>
                    </Flex>
                  ) : null}
                  {!d.person.masked && unmasked ? (
                    <Tag color="orange" style={{ alignSelf: 'flex-start' }}>
                      已显示完整信息（已留痕）
                    </Tag>
                  ) : null}
                  <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} items={personItems(d)} />
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      {step ? (
        <StepFormDrawer
          key={step}
          detail={d}
          step={step}
          onClose={() => setStep(null)}
          onConflict={refetch}
        />
      ) : null}
      <LeavesOnDialog
        d={d}
        open={editingLeaves}
        onClose={() => setEditingLeaves(false)}
        onConflict={refetch}
      />
    </PageContainer>
  );
}
