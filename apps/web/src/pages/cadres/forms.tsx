import {
  type CadreDetail,
  type CadrePost,
  cadrePostLevelLabels,
  cadrePostLevels,
  cadreRotationKindLabels,
  cadreRotationKinds,
  cadreTrackLabels,
  cadreTracks,
} from '@dangjian/core';
import { Checkbox, DatePicker, Form, Input, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PersonPicker } from '../../components/person-picker';
import { toIsoDate } from '../../lib/format';
import { useUnits } from '../units/api';
import { type PostInput, useCreateCadre, useRotateCadre, useUpdateCadre } from './api';

/** A post as the form holds it (dates as Dayjs). */
interface PostValues {
  unitId: number;
  title: string;
  level: PostInput['level'];
  track: PostInput['track'];
  documentNo?: string;
  startOn: Dayjs;
  probationEndOn?: Dayjs | null;
  termEndOn?: Dayjs | null;
  countyLevel?: boolean;
}

function toPost(v: PostValues): PostInput {
  return {
    unitId: v.unitId,
    title: v.title.trim(),
    level: v.level,
    track: v.track,
    documentNo: v.documentNo?.trim() || null,
    startOn: toIsoDate(v.startOn)!,
    probationEndOn: toIsoDate(v.probationEndOn ?? null),
    termEndOn: toIsoDate(v.termEndOn ?? null),
    countyLevel: v.countyLevel ?? false,
  };
}

const required = (label: string) => [{ required: true, message: `请填写${label}` }];

/** The fields of a post under `prefix` (the server's field path: post, addPost, to). */
function PostFields({ prefix, withStart = true }: { prefix: string; withStart?: boolean }) {
  const units = useUnits();
  return (
    <>
      <Form.Item name={[prefix, 'unitId']} label="单位" rules={required('单位')}>
        <Select
          showSearch
          optionFilterProp="label"
          loading={units.isPending}
          options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
        />
      </Form.Item>
      <Form.Item name={[prefix, 'title']} label="职务" rules={required('职务')}>
        <Input maxLength={60} placeholder="如：党总支书记、副院长、副处长" />
      </Form.Item>
      <Form.Item name={[prefix, 'level']} label="职级" rules={required('职级')}>
        <Select options={cadrePostLevels.map((l) => ({ value: l, label: cadrePostLevelLabels[l] }))} />
      </Form.Item>
      <Form.Item name={[prefix, 'track']} label="类别" rules={required('类别')}>
        <Select options={cadreTracks.map((t) => ({ value: t, label: cadreTrackLabels[t] }))} />
      </Form.Item>
      <Form.Item name={[prefix, 'documentNo']} label="任职文号">
        <Input maxLength={60} placeholder="如：院党委〔2026〕12号" />
      </Form.Item>
      {withStart ? (
        <Form.Item name={[prefix, 'startOn']} label="任职日期（党委决定日期）" rules={required('任职日期')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
      ) : null}
      <Form.Item name={[prefix, 'probationEndOn']} label="试用期满日期">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={[prefix, 'termEndOn']} label="任期届满日期">
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={[prefix, 'countyLevel']} valuePropName="checked">
        <Checkbox>县处级职务（培训按县处级干部 5 年 550 学时要求）</Checkbox>
      </Form.Item>
    </>
  );
}

/** 增加干部: a person record (party member or not) with their current post. */
export function CreateCadreDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: number) => void;
}) {
  const create = useCreateCadre();
  return (
    <FormDrawer<{ personId: number; note?: string; post: PostValues }>
      title="增加干部"
      open
      onClose={onClose}
      successMessage="已加入干部名册"
      onSubmit={async (v) => {
        const saved = await create.mutateAsync({
          personId: v.personId,
          note: v.note?.trim() || null,
          post: toPost(v.post),
        });
        onCreated(saved.id);
      }}
    >
      <Form.Item name="personId" label="人员" rules={required('人员')}>
        <PersonPicker />
      </Form.Item>
      <PostFields prefix="post" />
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={500} rows={2} />
      </Form.Item>
    </FormDrawer>
  );
}

/** 任职: a further post (交叉任职 while another is held) or a reappointment (连任) to the same post. */
export function AddPostDialog({ cadre, onClose }: { cadre: CadreDetail; onClose: () => void }) {
  const update = useUpdateCadre(cadre.id);
  return (
    <FormDrawer<{ addPost: PostValues }>
      title={`任职：${cadre.name}`}
      open
      onClose={onClose}
      successMessage="任职已登记"
      onSubmit={(v) => update.mutateAsync({ version: cadre.version, addPost: toPost(v.addPost) })}
    >
      <Typography.Paragraph type="secondary">
        另任一职为交叉任职；同一职务连任的，先免去原任期（理由“任期届满”）再登记新任期，连续任满两个任期的不再任命。
      </Typography.Paragraph>
      <PostFields prefix="addPost" />
    </FormDrawer>
  );
}

/** 免职: ends a current post, kept as a past post with its reason. */
export function EndPostDialog({
  cadre,
  post,
  onClose,
}: {
  cadre: CadreDetail;
  post: CadrePost;
  onClose: () => void;
}) {
  const update = useUpdateCadre(cadre.id);
  return (
    <FormModal<{ endPost: { endOn: Dayjs; reason: string } }>
      title={`免职：${cadre.name} ${post.unitName}${post.title}`}
      open
      onClose={onClose}
      okText="免去职务"
      okDanger
      successMessage="已免去职务"
      onSubmit={(v) =>
        update.mutateAsync({
          version: cadre.version,
          endPost: { postId: post.id, endOn: toIsoDate(v.endPost.endOn)!, reason: v.endPost.reason.trim() },
        })
      }
    >
      <Form.Item name={['endPost', 'endOn']} label="免职日期" rules={required('免职日期')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name={['endPost', 'reason']} label="理由" rules={required('理由')}>
        <Select
          showSearch
          mode={undefined}
          options={['任期届满', '退休', '免职（工作需要）', '免职（本人申请）', '试用期满不胜任'].map(
            (r) => ({
              value: r,
              label: r,
            }),
          )}
        />
      </Form.Item>
    </FormModal>
  );
}

/** 交流轮岗: the old post ends and the new one starts on the same day, recorded with its kind and 文号. */
export function RotationDialog({
  cadre,
  post,
  onClose,
}: {
  cadre: CadreDetail;
  post: CadrePost;
  onClose: () => void;
}) {
  const rotate = useRotateCadre(cadre.id);
  return (
    <FormDrawer<{
      kind: 'exchange' | 'rotation';
      onDate: Dayjs;
      documentNo?: string;
      note?: string;
      to: PostValues;
    }>
      title={`交流轮岗：${cadre.name}`}
      open
      onClose={onClose}
      okText="登记交流轮岗"
      successMessage="交流轮岗已登记"
      initialValues={{ kind: 'exchange', to: { level: post.level, track: post.track } as PostValues }}
      onSubmit={(v) => {
        const onDate = toIsoDate(v.onDate)!;
        return rotate.mutateAsync({
          version: cadre.version,
          fromPostId: post.id,
          kind: v.kind,
          onDate,
          documentNo: v.documentNo?.trim() || null,
          note: v.note?.trim() || null,
          to: {
            ...toPost({ ...v.to, startOn: v.onDate }),
            documentNo: v.to.documentNo?.trim() || v.documentNo?.trim() || null,
          },
        });
      }}
    >
      <Typography.Paragraph>
        原任职务：{post.unitName} {post.title}（{post.startOn} 起）
      </Typography.Paragraph>
      <Form.Item name="kind" label="方式" rules={required('方式')}>
        <Select options={cadreRotationKinds.map((k) => ({ value: k, label: cadreRotationKindLabels[k] }))} />
      </Form.Item>
      <Form.Item name="onDate" label="交流轮岗日期（新职务任职日期）" rules={required('交流轮岗日期')}>
        <DatePicker style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="documentNo" label="文号">
        <Input maxLength={60} placeholder="如：院党委〔2026〕30号" />
      </Form.Item>
      <Typography.Title level={5}>新任职务</Typography.Title>
      <PostFields prefix="to" withStart={false} />
      <Form.Item name="note" label="备注">
        <Input.TextArea maxLength={200} rows={2} />
      </Form.Item>
    </FormDrawer>
  );
}
