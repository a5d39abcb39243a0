import { DeleteOutlined, LinkOutlined, PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import {
  activityKindLabels,
  type PermissionCode,
  type RectificationDetail,
  type RectificationEvidence,
  type RectificationEvidenceBody,
  type RectificationEvidenceKind,
  rectificationEvidenceKindLabels,
  rectificationLimits,
  transferKindLabels,
} from '@dangjian/core';
import {
  Alert,
  App,
  Button,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  List,
  Pagination,
  Popconfirm,
  Segmented,
  Spin,
  Tag,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { type ReactNode, useState } from 'react';
import { Link } from 'react-router';
import { FormModal } from '../../components/form-dialog';
import { useCan } from '../../lib/access';
import { useMe } from '../../lib/auth';
import { useErrorHandler } from '../../lib/errors';
import { emptyText, formatDate } from '../../lib/format';
import { useIsNarrow } from '../../lib/use-media-query';
import { useActivityList } from '../activities/api';
import { formatShanghai } from '../activities/columns';
import { useAlertList } from '../alerts/api';
import { firstSeenDay } from '../alerts/links';
import { useOrgDetail } from '../orgs/api';
import {
  evidenceFileUrl,
  evidencePageSize,
  useAddEvidence,
  useCompletedTransfers,
  useRecordedSteps,
  useRemoveEvidence,
  useUploadEvidenceFile,
} from './api';

const L = rectificationLimits;

function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** One piece of evidence: the record with its day and a link to its page, or the file with why it was needed. */
function EvidenceEntry({
  d,
  e,
  onRemove,
}: {
  d: RectificationDetail;
  e: RectificationEvidence;
  onRemove: (() => void) | null;
}) {
  const title =
    e.kind === 'file' ? (
      <a href={evidenceFileUrl(d.id, e.id)} download={e.fileName ?? undefined}>
        <PaperClipOutlined /> {e.title}
      </a>
    ) : e.path ? (
      <Link to={e.path}>{e.title}</Link>
    ) : (
      e.title
    );
  return (
    <List.Item
      actions={
        onRemove
          ? [
              <Popconfirm
                key="remove"
                title="删除这条佐证？"
                okText="删除"
                cancelText="取消"
                okButtonProps={{ danger: true }}
                onConfirm={onRemove}
              >
                <Button type="link" size="small" danger icon={<DeleteOutlined />}>
                  删除
                </Button>
              </Popconfirm>,
            ]
          : []
      }
    >
      <List.Item.Meta
        title={
          <Flex gap={6} wrap align="center">
            <Tag color={e.kind === 'file' ? 'default' : 'green'} style={{ marginInlineEnd: 0 }}>
              {rectificationEvidenceKindLabels[e.kind]}
            </Tag>
            <span style={{ overflowWrap: 'anywhere' }}>{title}</span>
            {e.date ? <Typography.Text type="secondary">{formatDate(e.date)}</Typography.Text> : null}
            {e.size !== null ? (
              <Typography.Text type="secondary">{formatSize(e.size)}</Typography.Text>
            ) : null}
          </Flex>
        }
        description={
          <>
            {e.note ? <div style={{ whiteSpace: 'pre-wrap' }}>说明：{e.note}</div> : null}
            <div>
              {e.addedByName} 于 {formatShanghai(e.addedAt)} 添加
            </div>
          </>
        }
      />
    </List.Item>
  );
}

/**
 * 整改佐证: the records linked (a meeting held, a term recorded …) and, only where nothing recorded proves it,
 * files with the reason. The org that rectifies adds and removes them until it submits.
 */
export function EvidenceSection({ d, problem }: { d: RectificationDetail; problem: string | null }) {
  const remove = useRemoveEvidence(d.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'link' | 'file' | null>(null);
  const canAdd = d.abilities.edit && d.evidence.length < L.evidencePerItem;

  const removeOne = async (evidenceId: number) => {
    try {
      await remove.mutateAsync(evidenceId);
      message.success('已删除');
    } catch (error) {
      handleError(error);
    }
  };

  return (
    <>
      {problem ? (
        <Alert type="error" showIcon title={problem} style={{ marginBottom: 12 }} role="alert" />
      ) : null}
      {d.abilities.edit ? (
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Button type="primary" icon={<LinkOutlined />} disabled={!canAdd} onClick={() => setDialog('link')}>
            关联记录
          </Button>
          <Button icon={<UploadOutlined />} disabled={!canAdd} onClick={() => setDialog('file')}>
            上传文件
          </Button>
          <Typography.Text type="secondary" style={{ alignSelf: 'center' }}>
            佐证首先是平台中的记录（召开的会议、补录的换届等）；没有记录可以证明时才上传文件。
          </Typography.Text>
        </Flex>
      ) : null}
      {d.evidence.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="尚无佐证" />
      ) : (
        <List
          size="small"
          dataSource={d.evidence}
          rowKey="id"
          renderItem={(e) => (
            <EvidenceEntry d={d} e={e} onRemove={d.abilities.edit ? () => void removeOne(e.id) : null} />
          )}
        />
      )}
      {/* Mounted only while open: its lists are read when the user goes looking for a record. */}
      {dialog === 'link' ? <LinkRecordDrawer d={d} onClose={() => setDialog(null)} /> : null}
      <UploadFileModal d={d} open={dialog === 'file'} onClose={() => setDialog(null)} />
    </>
  );
}

// Choosing a record

type RecordKind = Exclude<RectificationEvidenceKind, 'file'>;

/** The record kinds the picker offers, each read through its own list (and so its own permission). */
const recordKinds: { kind: RecordKind; permission: PermissionCode; label: string }[] = [
  { kind: 'activity', permission: 'life:activity:view', label: '组织生活' },
  { kind: 'term', permission: 'org:org:view', label: '换届' },
  { kind: 'transfer', permission: 'member:member:view', label: '转接' },
  { kind: 'recruitment_step', permission: 'recruitment:dossier:view', label: '发展党员' },
  { kind: 'finding', permission: 'alert:alert:view', label: '已解决预警' },
];

/** A candidate record: what it is, its day, where to see it, and the body that links it. */
interface Candidate {
  key: string;
  title: ReactNode;
  description: ReactNode;
  link: RectificationEvidenceBody;
}

function isLinked(d: RectificationDetail, link: RectificationEvidenceBody): boolean {
  return d.evidence.some((e) =>
    link.kind === 'finding'
      ? e.kind === 'finding' && e.findingKey === link.findingKey
      : e.kind === link.kind && e.recordId === link.recordId,
  );
}

function CandidateList({
  d,
  candidates,
  loading,
  empty,
  paging,
  onLink,
  linking,
}: {
  d: RectificationDetail;
  candidates: Candidate[];
  loading: boolean;
  empty: string;
  paging: { page: number; total: number; onChange: (page: number) => void } | null;
  onLink: (link: RectificationEvidenceBody) => void;
  linking: string | null;
}) {
  return (
    <Spin spinning={loading}>
      {candidates.length === 0 && !loading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />
      ) : (
        <List
          size="small"
          dataSource={candidates}
          rowKey="key"
          renderItem={(c) => {
            const linked = isLinked(d, c.link);
            return (
              <List.Item
                actions={[
                  <Button
                    key="link"
                    size="small"
                    type={linked ? 'text' : 'primary'}
                    ghost={!linked}
                    disabled={linked}
                    loading={linking === c.key}
                    onClick={() => onLink(c.link)}
                    aria-label={linked ? '已关联' : `关联 ${typeof c.title === 'string' ? c.title : ''}`}
                  >
                    {linked ? '已关联' : '关联'}
                  </Button>,
                ]}
              >
                <List.Item.Meta title={c.title} description={c.description} />
              </List.Item>
            );
          }}
        />
      )}
      {paging && paging.total > evidencePageSize ? (
        <Pagination
          simple
          align="center"
          size="small"
          current={paging.page}
          pageSize={evidencePageSize}
          total={paging.total}
          onChange={paging.onChange}
          style={{ marginTop: 8 }}
        />
      ) : null}
    </Spin>
  );
}

const linkKey = (link: RectificationEvidenceBody) =>
  link.kind === 'finding' ? `finding-${link.findingKey}` : `${link.kind}-${link.recordId}`;

interface CandidatesProps {
  d: RectificationDetail;
  q: string;
  page: number;
  setPage: (page: number) => void;
  onLink: (link: RectificationEvidenceBody) => void;
  linking: string | null;
}

/** Meetings of the org (and its 党小组) archived as held, recent first. */
function ActivityCandidates({ d, q, page, setPage, ...rest }: CandidatesProps) {
  const list = useActivityList({
    orgId: d.orgId,
    status: 'closed',
    q: q || undefined,
    page,
    pageSize: evidencePageSize,
  });
  const items = (list.data?.items ?? []).map(
    (a): Candidate => ({
      key: `activity-${a.id}`,
      title: a.title,
      description: `${formatDate(a.onDate)} · ${activityKindLabels[a.kind]} · ${a.org.name}`,
      link: { kind: 'activity', recordId: a.id },
    }),
  );
  return (
    <CandidateList
      d={d}
      candidates={items}
      loading={list.isFetching}
      empty="没有已归档的组织生活记录"
      paging={{ page, total: list.data?.total ?? 0, onChange: setPage }}
      {...rest}
    />
  );
}

/** The org's terms, the latest first. */
function TermCandidates({ d, q: _q, page: _page, setPage: _setPage, ...rest }: CandidatesProps) {
  const org = useOrgDetail(d.orgId);
  const items = [...(org.data?.terms ?? [])]
    .sort((a, b) => b.number - a.number)
    .map(
      (t): Candidate => ({
        key: `term-${t.id}`,
        title: `${org.data?.name ?? ''} 第${t.number}届${t.isCurrent ? '（现任）' : ''}`,
        description: `${formatDate(t.startDate)} 至 ${formatDate(t.actualEndDate ?? t.plannedEndDate)}${t.electedOn ? ` · 选举日期 ${formatDate(t.electedOn)}` : ''}`,
        link: { kind: 'term', recordId: t.id },
      }),
    );
  return (
    <CandidateList
      d={d}
      candidates={items}
      loading={org.isFetching}
      empty="没有届次记录"
      paging={null}
      {...rest}
    />
  );
}

/** Completed transfers in or out of the org. */
function TransferCandidates({ d, q: _q, page, setPage, ...rest }: CandidatesProps) {
  const list = useCompletedTransfers(d.orgId, page, true);
  const items = (list.data?.items ?? []).map(
    (t): Candidate => ({
      key: `transfer-${t.id}`,
      title: `${transferKindLabels[t.kind]}：${t.personName}`,
      description: `${formatDate(t.decidedOn ?? t.requestedOn)} · ${t.fromOrgName ?? t.externalOrgName ?? emptyText} → ${t.toOrgName ?? t.externalOrgName ?? emptyText}`,
      link: { kind: 'transfer', recordId: t.id },
    }),
  );
  return (
    <CandidateList
      d={d}
      candidates={items}
      loading={list.isFetching}
      empty="没有已办结的组织关系转接"
      paging={{ page, total: list.data?.total ?? 0, onChange: setPage }}
      {...rest}
    />
  );
}

/** Steps recorded on the dossiers of the org's branches (发展党员), the latest first, searched by applicant. */
function StepCandidates({ d, q, page, setPage, ...rest }: CandidatesProps) {
  const list = useRecordedSteps(d.orgId, q, page);
  const items = (list.data?.items ?? []).map(
    (e): Candidate => ({
      key: `recruitment_step-${e.id}`,
      title: `${e.personName}：${e.label}`,
      description: `${formatDate(e.date)} · ${e.no > 0 ? `第${e.no}步 · ` : ''}${e.orgName}`,
      link: { kind: 'recruitment_step', recordId: e.id },
    }),
  );
  return (
    <CandidateList
      d={d}
      candidates={items}
      loading={list.isFetching}
      empty="没有已登记的发展党员步骤"
      paging={{ page, total: list.data?.total ?? 0, onChange: setPage }}
      {...rest}
    />
  );
}

/** Findings of the org (and below) that were resolved. */
function FindingCandidates({ d, q, page, setPage, ...rest }: CandidatesProps) {
  const list = useAlertList({
    orgId: d.orgId,
    state: 'resolved',
    q: q || undefined,
    page,
    pageSize: evidencePageSize,
  });
  const items = (list.data?.items ?? []).map(
    (f): Candidate => ({
      key: `finding-${f.key}`,
      title: `${f.title}（${f.orgName}）`,
      description: `${f.message}${f.resolvedAt ? ` · 解决于 ${firstSeenDay(f.resolvedAt)}` : ''}`,
      link: { kind: 'finding', findingKey: f.key },
    }),
  );
  return (
    <CandidateList
      d={d}
      candidates={items}
      loading={list.isFetching}
      empty="没有已解决的预警"
      paging={{ page, total: list.data?.total ?? 0, onChange: setPage }}
      {...rest}
    />
  );
}

const candidatePanels = {
  activity: ActivityCandidates,
  term: TermCandidates,
  transfer: TransferCandidates,
  recruitment_step: StepCandidates,
  finding: FindingCandidates,
} as const satisfies Record<RecordKind, (props: CandidatesProps) => ReactNode>;

/** Chooses the record that proves the item rectified from the org's recent records of each kind. */
function LinkRecordDrawer({ d, onClose }: { d: RectificationDetail; onClose: () => void }) {
  const can = useCan();
  const isNarrow = useIsNarrow();
  const kinds = recordKinds.filter((k) => can(k.permission));
  const [kind, setKind] = useState<RecordKind>(kinds[0]?.kind ?? 'activity');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [linking, setLinking] = useState<string | null>(null);
  const [form] = Form.useForm<{ note?: string }>();
  const add = useAddEvidence(d.id);
  const handleError = useErrorHandler();
  const { message } = App.useApp();
  const Panel = candidatePanels[kind];

  const link = async (body: RectificationEvidenceBody) => {
    const note = form.getFieldValue('note')?.trim() || null;
    setLinking(linkKey(body));
    try {
      await add.mutateAsync({ ...body, note });
      message.success('已关联为整改佐证');
      form.resetFields();
      onClose();
    } catch (error) {
      handleError(error, { form });
    } finally {
      setLinking(null);
    }
  };

  return (
    <Drawer title="关联证明整改的记录" open onClose={onClose} size={isNarrow ? '100%' : 560} destroyOnHidden>
      <Typography.Paragraph type="secondary">
        选择{d.orgName}
        （含下级）在平台中已有的记录：已召开并归档的会议、换届记录、办结的组织关系转接、发展党员档案中登记的步骤、已解决的预警。
      </Typography.Paragraph>
      <Form form={form} layout="vertical">
        <Form.Item name="note" label="说明">
          <Input maxLength={L.evidenceNote.max} placeholder="选填：这条记录如何证明整改完成" />
        </Form.Item>
      </Form>
      <Segmented<RecordKind>
        value={kind}
        onChange={(next) => {
          setKind(next);
          setPage(1);
          setQ('');
        }}
        options={kinds.map((k) => ({ value: k.kind, label: k.label }))}
        block
        style={{ marginBottom: 12 }}
      />
      {kind === 'activity' || kind === 'finding' || kind === 'recruitment_step' ? (
        <Input.Search
          allowClear
          aria-label="搜索记录"
          placeholder={
            kind === 'activity' ? '会议名称' : kind === 'recruitment_step' ? '申请人姓名' : '问题说明'
          }
          onSearch={(value) => {
            setQ(value.trim());
            setPage(1);
          }}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <Panel d={d} q={q} page={page} setPage={setPage} onLink={(body) => void link(body)} linking={linking} />
    </Drawer>
  );
}

interface FileFormValues {
  files: UploadFile[];
  note: string;
}

/** A file as evidence, only with the note saying why no record of the platform proves it. */
function UploadFileModal({
  d,
  open,
  onClose,
}: {
  d: RectificationDetail;
  open: boolean;
  onClose: () => void;
}) {
  const me = useMe();
  const upload = useUploadEvidenceFile(d.id);
  const { message } = App.useApp();
  return (
    <FormModal<FileFormValues>
      title="上传佐证文件"
      open={open}
      onClose={onClose}
      initialValues={{ files: [] }}
      onSubmit={({ files, note }) => {
        const file = files[0]?.originFileObj;
        if (!file) return Promise.reject(new Error('请选择文件'));
        return upload.mutateAsync({ file, note: note.trim(), csrfToken: me.csrfToken });
      }}
      successMessage="文件已上传"
      okText="上传"
    >
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 12 }}
        title="整改以平台记录为证，不以照片、上传数量评判。只有平台中没有记录可以证明时才上传文件，并说明原因。"
      />
      <Form.Item
        name="files"
        label="文件"
        valuePropName="fileList"
        getValueFromEvent={(e: { fileList: UploadFile[] }) => e.fileList.slice(-1)}
        rules={[{ required: true, type: 'array', min: 1, message: '请选择文件' }]}
      >
        <Upload
          // What the server accepts (it judges the content; this only narrows the file picker).
          accept=".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.jpg,.jpeg,.png,.webp,.gif,.txt"
          maxCount={1}
          beforeUpload={(file) => {
            if (file.size > L.evidenceBytes) {
              message.error(`${file.name} 超过 ${formatSize(L.evidenceBytes)}，不能上传`);
              return Upload.LIST_IGNORE;
            }
            return false;
          }}
        >
          <Button icon={<UploadOutlined />}>选择文件</Button>
        </Upload>
      </Form.Item>
      <Form.Item
        name="note"
        label="为什么没有平台记录可以证明"
        rules={[
          { required: true, whitespace: true, message: '请说明为什么没有平台记录可以证明' },
          { min: 2, message: '至少 2 个字' },
        ]}
      >
        <Input.TextArea
          autoSize={{ minRows: 2 }}
          maxLength={L.evidenceNote.max}
          showCount
          placeholder="如：上级来函原件，平台中没有对应记录"
        />
      </Form.Item>
    </FormModal>
  );
}
