import { AimOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type ActivityDetail,
  type ActivityKind,
  activityKindLabels,
  activityKinds,
  activityLimits,
  attendeeRoleLabels,
  type CreateActivityBody,
  canHoldActivity,
  defaultThemeDaySegments,
  limits,
  type OrgListItem,
  partyStatusLabels,
  type UpdateActivityBody,
} from '@dangjian/core';
import {
  App,
  Button,
  Card,
  Checkbox,
  DatePicker,
  Flex,
  Form,
  type FormInstance,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from 'antd';
import type { Dayjs } from 'dayjs';
import { useCallback } from 'react';
import { OrgPicker } from '../../components/org-picker';
import { PersonPicker } from '../../components/person-picker';
import { useInvitees } from './api';
import { AttendeeRoleTag, fromShanghaiIso, toShanghaiIso } from './columns';

interface AgendaValue {
  title: string;
  isFirstTopic: boolean;
  note?: string | null;
}
interface SegmentValue {
  name: string;
  minutes: number;
  content?: string | null;
}

/** Values of the plan form (create and edit). */
export interface ActivityFormValues {
  orgId: number | null;
  kind: ActivityKind;
  title: string;
  startsAt: Dayjs | null;
  endsAt: Dayjs | null;
  place?: string | null;
  hostPersonId: number | null;
  recorderPersonId: number | null;
  speaker?: string | null;
  partnerPersonId: number | null;
  topic?: string | null;
  agenda: AgendaValue[];
  segments: SegmentValue[];
  notice?: string | null;
  usePlaceCheck: boolean;
  placeCheck?: { lat: number | null; lng: number | null; radiusM: number | null };
}

const kindsWithoutAgenda = new Set<ActivityKind>(['talk']);

/** The blank plan: a 支委会 of the given org starting now (to the quarter hour is left to the user). */
export function emptyActivityValues(orgId: number | null): Partial<ActivityFormValues> {
  return {
    orgId,
    kind: 'committee_meeting',
    agenda: [{ title: '', isFirstTopic: false }],
    segments: [],
    usePlaceCheck: false,
    placeCheck: { lat: null, lng: null, radiusM: 200 },
  };
}

/** A record's plan as form values (edit). */
export function detailToValues(d: ActivityDetail): Partial<ActivityFormValues> {
  return {
    orgId: d.org.id,
    kind: d.kind,
    title: d.title,
    startsAt: fromShanghaiIso(d.startsAt),
    endsAt: fromShanghaiIso(d.endsAt),
    place: d.place,
    hostPersonId: d.host?.id ?? null,
    recorderPersonId: d.recorder?.id ?? null,
    speaker: d.speaker,
    partnerPersonId: d.partner?.id ?? null,
    topic: d.topic,
    agenda: d.agenda.map((a) => ({ title: a.title, isFirstTopic: a.isFirstTopic, note: a.note })),
    segments: d.segments.map((s) => ({ name: s.name, minutes: s.minutes, content: s.content })),
    notice: d.notice,
    usePlaceCheck: d.placeCheck !== null,
    placeCheck: d.placeCheck ?? { lat: null, lng: null, radiusM: 200 },
  };
}

const blankToNull = (v: string | null | undefined) => (v?.trim() ? v.trim() : null);

/** The plan fields shared by create and update bodies. */
function planFields(v: ActivityFormValues) {
  const isTalk = v.kind === 'talk';
  const pc = v.placeCheck;
  return {
    title: v.title.trim(),
    startsAt: v.startsAt ? toShanghaiIso(v.startsAt) : '',
    endsAt: v.endsAt ? toShanghaiIso(v.endsAt) : null,
    place: blankToNull(v.place),
    hostPersonId: v.hostPersonId ?? null,
    recorderPersonId: isTalk ? null : (v.recorderPersonId ?? null),
    speaker: v.kind === 'lecture' ? blankToNull(v.speaker) : null,
    partnerPersonId: isTalk ? (v.partnerPersonId ?? null) : null,
    topic: isTalk ? blankToNull(v.topic) : null,
    agenda: isTalk
      ? []
      : (v.agenda ?? [])
          .filter((a) => a.title?.trim())
          .map((a) => ({
            title: a.title.trim(),
            isFirstTopic: a.isFirstTopic ?? false,
            note: blankToNull(a.note),
          })),
    segments:
      v.kind === 'theme_day'
        ? (v.segments ?? []).map((s) => ({
            name: s.name.trim(),
            minutes: s.minutes,
            content: blankToNull(s.content),
          }))
        : [],
    notice: blankToNull(v.notice),
    placeCheck:
      v.usePlaceCheck && pc?.lat != null && pc.lng != null && pc.radiusM != null
        ? { lat: pc.lat, lng: pc.lng, radiusM: pc.radiusM }
        : null,
  };
}

export function toCreateBody(v: ActivityFormValues): CreateActivityBody {
  return { orgId: v.orgId ?? 0, kind: v.kind, ...planFields(v) };
}

export function toUpdateBody(v: ActivityFormValues, version: number): UpdateActivityBody {
  return { ...planFields(v), version };
}

/**
 * Keeps the form consistent while it is filled in: one 第一议题 at most, and a 主题党日 starts with
 * the school's 学习 / 交流 / 实做 segments.
 */
export function syncActivityForm(
  changed: Partial<ActivityFormValues>,
  all: ActivityFormValues,
  form: FormInstance<ActivityFormValues>,
): void {
  if (changed.kind === 'theme_day' && (all.segments ?? []).length === 0) {
    form.setFieldValue(
      'segments',
      defaultThemeDaySegments.map((s) => ({ name: s.name, minutes: s.minutes, content: null })),
    );
  }
  if (changed.kind && !all.title) {
    form.setFieldValue('title', activityKindLabels[changed.kind]);
  }
  const changedAgenda = changed.agenda;
  if (Array.isArray(changedAgenda)) {
    const turnedOn = changedAgenda.findIndex((a) => a?.isFirstTopic === true);
    if (turnedOn >= 0 && all.agenda.filter((a) => a?.isFirstTopic).length > 1) {
      form.setFieldValue(
        'agenda',
        all.agenda.map((a, i) => ({ ...a, isFirstTopic: i === turnedOn })),
      );
    }
  }
}

/** Who would be expected, computed by the server from the org on the chosen day. */
function InviteePreview() {
  const orgId = Form.useWatch<number | null>('orgId');
  const kind = Form.useWatch<ActivityKind | undefined>('kind');
  const startsAt = Form.useWatch<Dayjs | null>('startsAt');
  const date = startsAt ? startsAt.format('YYYY-MM-DD') : null;
  const invitees = useInvitees(orgId ?? null, kind ?? null, date);
  if (!orgId || !kind || !date) {
    return <Typography.Text type="secondary">选择党组织和时间后显示应到人员</Typography.Text>;
  }
  if (invitees.isError) return <Typography.Text type="danger">{invitees.error.message}</Typography.Text>;
  const items = invitees.data?.items ?? [];
  const dual = items.filter((i) => i.role === 'dual_life').length;
  return (
    <Flex vertical gap={8}>
      <Typography.Text>
        应到 {items.length} 人{dual > 0 ? `，其中${attendeeRoleLabels.dual_life} ${dual} 人` : ''}
      </Typography.Text>
      <Flex wrap gap={4} style={{ maxHeight: 160, overflow: 'auto' }}>
        {items.map((i) => (
          <Space key={i.personId} size={2}>
            <Tag>
              {i.name}
              {i.partyStatus === 'probationary' ? `（${partyStatusLabels.probationary}）` : ''}
            </Tag>
            {i.role !== 'member' ? <AttendeeRoleTag role={i.role} posts={i.leaderPosts} /> : null}
          </Space>
        ))}
      </Flex>
    </Flex>
  );
}

/** "Use my current position" for the place check. */
function CurrentPositionButton() {
  const form = Form.useFormInstance<ActivityFormValues>();
  const { message } = App.useApp();
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      message.error('此浏览器无法获取位置');
      return;
    }
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        form.setFieldValue(['placeCheck', 'lat'], Number(pos.coords.latitude.toFixed(6)));
        form.setFieldValue(['placeCheck', 'lng'], Number(pos.coords.longitude.toFixed(6)));
      },
      () => message.error('未能获取当前位置，请检查定位权限或手工填写'),
      { enableHighAccuracy: true, timeout: 10_000 },
    );
  }, [form, message]);
  return (
    <Button icon={<AimOutlined />} onClick={locate}>
      使用我当前的位置
    </Button>
  );
}

interface ActivityFormFieldsProps {
  /** Org and kind are fixed once a record exists. */
  isEdit: boolean;
  /** Names of people already chosen (edit), so the pickers show them before any search. */
  people?: {
    host?: { id: number; name: string } | null;
    recorder?: { id: number; name: string } | null;
    partner?: { id: number; name: string } | null;
  };
}

/** The plan form: org, kind, time, place, host and recorder, kind-specific fields, agenda, notice, place check. */
export function ActivityFormFields({ isEdit, people = {} }: ActivityFormFieldsProps) {
  const kind = Form.useWatch<ActivityKind | undefined>('kind');
  const orgId = Form.useWatch<number | null>('orgId');
  const usePlaceCheck = Form.useWatch<boolean>('usePlaceCheck');
  const isTalk = kind === 'talk';
  const isSelectable = useCallback(
    (org: OrgListItem) => !org.archived && (kind ? canHoldActivity(org.type, kind) : true),
    [kind],
  );
  const text = (max: number, label: string) => [{ max, message: `${label}不能超过 ${max} 个字` }];

  return (
    <>
      <Flex gap={12} wrap>
        <Form.Item
          name="kind"
          label="类型"
          rules={[{ required: true, message: '请选择类型' }]}
          style={{ flex: '1 1 180px' }}
        >
          <Select
            disabled={isEdit}
            options={activityKinds.map((k) => ({ value: k, label: activityKindLabels[k] }))}
          />
        </Form.Item>
        <Form.Item
          name="orgId"
          label="党组织"
          rules={[{ required: true, message: '请选择党组织' }]}
          style={{ flex: '2 1 240px' }}
        >
          <OrgPicker disabled={isEdit} isSelectable={isSelectable} style={{ width: '100%' }} />
        </Form.Item>
      </Flex>
      <Form.Item
        name="title"
        label="主题"
        rules={[
          { required: true, whitespace: true, message: '请填写主题' },
          { min: activityLimits.title.min, message: `主题至少 ${activityLimits.title.min} 个字` },
          ...text(activityLimits.title.max, '主题'),
        ]}
      >
        <Input placeholder="如：11月支委会" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="startsAt"
          label="开始时间（北京时间）"
          rules={[{ required: true, message: '请选择开始时间' }]}
          style={{ flex: '1 1 200px' }}
        >
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
        <Form.Item name="endsAt" label="结束时间" style={{ flex: '1 1 200px' }}>
          <DatePicker
            showTime={{ format: 'HH:mm', minuteStep: 5 }}
            format="YYYY-MM-DD HH:mm"
            style={{ width: '100%' }}
          />
        </Form.Item>
      </Flex>
      <Form.Item name="place" label="地点" rules={text(activityLimits.place.max, '地点')}>
        <Input placeholder="如：行政楼 305 会议室" />
      </Form.Item>
      <Flex gap={12} wrap>
        <Form.Item
          name="hostPersonId"
          label={isTalk ? '谈话人' : '主持人'}
          rules={isTalk ? [{ required: true, message: '请选择谈话人' }] : []}
          style={{ flex: '1 1 180px' }}
        >
          <PersonPicker orgId={orgId ?? undefined} initialOption={people.host} style={{ width: '100%' }} />
        </Form.Item>
        {isTalk ? (
          <Form.Item
            name="partnerPersonId"
            label="谈话对象"
            rules={[{ required: true, message: '请选择谈话对象' }]}
            style={{ flex: '1 1 180px' }}
          >
            <PersonPicker
              orgId={orgId ?? undefined}
              initialOption={people.partner}
              style={{ width: '100%' }}
            />
          </Form.Item>
        ) : (
          <Form.Item name="recorderPersonId" label="记录人" style={{ flex: '1 1 180px' }}>
            <PersonPicker
              orgId={orgId ?? undefined}
              initialOption={people.recorder}
              style={{ width: '100%' }}
            />
          </Form.Item>
        )}
      </Flex>
      {kind === 'lecture' ? (
        <Form.Item
          name="speaker"
          label="主讲人"
          extra="不在名册中的主讲人（如校外专家）填写姓名"
          rules={text(activityLimits.speaker.max, '主讲人')}
        >
          <Input />
        </Form.Item>
      ) : null}
      {isTalk ? (
        <Form.Item
          name="topic"
          label="谈话主题"
          rules={[
            { required: true, whitespace: true, message: '请填写谈话主题' },
            ...text(activityLimits.topic.max, '谈话主题'),
          ]}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      ) : (
        <Form.Item label="议程">
          <Form.List name="agenda">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field, index) => (
                  <Flex key={field.key} gap={8} align="center" wrap>
                    <Typography.Text type="secondary">{index + 1}.</Typography.Text>
                    <Form.Item
                      name={[field.name, 'title']}
                      noStyle
                      rules={text(activityLimits.agendaTitle.max, '议题')}
                    >
                      <Input
                        placeholder="议题"
                        style={{ flex: '1 1 200px', minWidth: 160 }}
                        aria-label={`议题${index + 1}`}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'isFirstTopic']} valuePropName="checked" noStyle>
                      <Switch checkedChildren="第一议题" unCheckedChildren="第一议题" />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<DeleteOutlined />}
                      aria-label="删除议题"
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                {fields.length < activityLimits.agendaItems.max ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ title: '', isFirstTopic: false })}
                  >
                    添加议题
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      )}
      {kind === 'theme_day' ? (
        <Form.Item label="活动环节" extra="学校要求的结构，如 1小时学习、1小时交流、1小时实做">
          <Form.List name="segments">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Card key={field.key} size="small">
                    <Flex gap={8} wrap align="center">
                      <Form.Item
                        name={[field.name, 'name']}
                        noStyle
                        rules={[
                          { required: true, whitespace: true, message: '请填写环节名称' },
                          ...text(activityLimits.segmentName.max, '环节名称'),
                        ]}
                      >
                        <Input placeholder="环节" style={{ width: 100 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'minutes']}
                        noStyle
                        rules={[{ required: true, message: '请填写时长' }]}
                      >
                        <InputNumber min={0} max={600} suffix="分钟" style={{ width: 130 }} />
                      </Form.Item>
                      <Form.Item
                        name={[field.name, 'content']}
                        noStyle
                        rules={text(limits.note.max, '环节内容')}
                      >
                        <Input placeholder="内容" style={{ flex: '1 1 160px' }} />
                      </Form.Item>
                      <Button
                        type="text"
                        icon={<DeleteOutlined />}
                        aria-label="删除环节"
                        onClick={() => remove(field.name)}
                      />
                    </Flex>
                  </Card>
                ))}
                {fields.length < activityLimits.segments.max ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ name: '', minutes: 60 })}
                  >
                    添加环节
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
      ) : null}
      <Form.Item name="notice" label="通知内容" rules={text(activityLimits.notice.max, '通知内容')}>
        <Input.TextArea
          autoSize={{ minRows: 2, maxRows: 8 }}
          placeholder="发布通知后，应到人员在手机上可以看到"
        />
      </Form.Item>
      <Form.Item
        name="usePlaceCheck"
        valuePropName="checked"
        style={{ marginBottom: usePlaceCheck ? 8 : undefined }}
      >
        <Checkbox>签到位置校验（手机须在会场附近才能签到）</Checkbox>
      </Form.Item>
      {usePlaceCheck ? (
        <Flex gap={8} wrap align="end" style={{ marginBottom: 16 }}>
          <Form.Item
            name={['placeCheck', 'lat']}
            label="纬度"
            rules={[{ required: true, message: '请填写纬度' }]}
            style={{ marginBottom: 0 }}
          >
            <InputNumber min={-90} max={90} step={0.000001} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name={['placeCheck', 'lng']}
            label="经度"
            rules={[{ required: true, message: '请填写经度' }]}
            style={{ marginBottom: 0 }}
          >
            <InputNumber min={-180} max={180} step={0.000001} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item
            name={['placeCheck', 'radiusM']}
            label="半径"
            rules={[{ required: true, message: '请填写半径' }]}
            style={{ marginBottom: 0 }}
          >
            <InputNumber min={20} max={5000} suffix="米" style={{ width: 120 }} />
          </Form.Item>
          <CurrentPositionButton />
        </Flex>
      ) : null}
      {isEdit ? null : (
        <Form.Item label="应到人员">
          <InviteePreview />
        </Form.Item>
      )}
    </>
  );
}

/** Agenda items are hidden for kinds that have none (谈心谈话). */
export function hasAgenda(kind: ActivityKind): boolean {
  return !kindsWithoutAgenda.has(kind);
}
