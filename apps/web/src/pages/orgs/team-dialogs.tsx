import {
  type Appointment,
  type DualLeaderKind,
  dualLeaderKindLabels,
  dualLeaderKinds,
  type OrgDetail,
  type PostCode,
  postLabels,
  type TeamKind,
  type Term,
  teamKindLabels,
  teamKinds,
  teamPosts,
  updateDualLeaderBody,
} from '@dangjian/core';
import { Alert, DatePicker, Form, Input, Radio, Select, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { FormDrawer, FormModal } from '../../components/form-dialog';
import { PersonPicker } from '../../components/person-picker';
import { fromIsoDate, toIsoDate } from '../../lib/format';
import {
  useCreateAppointment,
  useCreateTerm,
  useEndAppointment,
  useSetDualLeader,
  useUpdateTerm,
} from './api';
import {
  defaultTermValues,
  syncPlannedEnd,
  TermFormFields,
  type TermFormValues,
  toCreateTermBody,
} from './term-form';

/** Which team dialog is open, with the row it acts on. */
export type TeamDialog =
  | { kind: 'newTerm' }
  | { kind: 'request'; term: Term }
  | { kind: 'postpone'; term: Term }
  | { kind: 'editTerm'; term: Term }
  | { kind: 'addMember'; term: Term }
  | { kind: 'addAppointment' }
  | { kind: 'end'; appointment: Appointment }
  | { kind: 'dualLeader'; appointment: Appointment };

/** Posts held outside a term (组织员, 党小组长). */
export const standalonePosts = ['organiser', 'group_leader'] as const satisfies readonly PostCode[];

const requiredDate = (message: string) => [{ required: true, message }];

/** Longest 双带头人 note, read from the API schema. */
const dualLeaderNoteMax = updateDualLeaderBody.shape.dualLeaderNote.unwrap().unwrap().maxLength ?? undefined;

function NewTermDrawer({
  org,
  onClose,
  onReload,
}: {
  org: OrgDetail;
  onClose: () => void;
  onReload: () => void;
}) {
  const create = useCreateTerm(org.id);
  const plannedEdited = useRef(false);
  const lastNumber = org.terms.reduce((max, t) => Math.max(max, t.number), 0);
  return (
    <FormDrawer<TermFormValues>
      title={`录入新一届班子 / 换届：${org.name}`}
      open
      onClose={onClose}
      width={640}
      initialValues={defaultTermValues(org.type, lastNumber)}
      onValuesChange={(changed, _all, form) => {
        plannedEdited.current = syncPlannedEnd(changed, form, org.type, plannedEdited.current);
      }}
      onSubmit={(values) => create.mutateAsync(toCreateTermBody(values))}
      onConflict={onReload}
      successMessage="已录入新一届班子"
      okText="保存"
    >
      <TermFormFields orgId={org.id} orgType={org.type} />
    </FormDrawer>
  );
}

interface TeamDialogsProps {
  org: OrgDetail;
  dialog: TeamDialog | null;
  onClose: () => void;
  onReload: () => void;
}

/** The dialogs of the 班子与届次 tab; one is open at a time. */
export function TeamDialogs({ org, dialog, onClose, onReload }: TeamDialogsProps) {
  const updateTerm = useUpdateTerm();
  const createAppointment = useCreateAppointment(org.id);
  const endAppointment = useEndAppointment();
  const setDualLeader = useSetDualLeader(org.id);
  if (!dialog) return null;
  const today = dayjs().startOf('day');

  switch (dialog.kind) {
    case 'newTerm':
      return <NewTermDrawer org={org} onClose={onClose} onReload={onReload} />;

    case 'request':
      return (
        <FormModal<{ electionRequestedOn: Dayjs }>
          title={`登记换届请示：第${dialog.term.number}届`}
          open
          onClose={onClose}
          initialValues={{ electionRequestedOn: fromIsoDate(dialog.term.electionRequestedOn) ?? today }}
          onSubmit={(v) =>
            updateTerm.mutateAsync({
              termId: dialog.term.id,
              body: { version: dialog.term.version, electionRequestedOn: toIsoDate(v.electionRequestedOn) },
            })
          }
          onConflict={onReload}
          successMessage="已登记换届请示"
        >
          <Form.Item
            name="electionRequestedOn"
            label="换届请示报送日期"
            rules={requiredDate('请选择报送日期')}
            extra="党组织一般应在任期届满前 4 个月向上级党组织报送换届请示"
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      );

    case 'postpone':
      return (
        <FormModal<{ postponedTo: Dayjs; postponementApprovedOn: Dayjs }>
          title={`登记延期换届：第${dialog.term.number}届`}
          open
          onClose={onClose}
          initialValues={{
            postponedTo: fromIsoDate(dialog.term.postponedTo) ?? undefined,
            postponementApprovedOn: fromIsoDate(dialog.term.postponementApprovedOn) ?? today,
          }}
          onSubmit={(v) =>
            updateTerm.mutateAsync({
              termId: dialog.term.id,
              body: {
                version: dialog.term.version,
                postponedTo: toIsoDate(v.postponedTo),
                postponementApprovedOn: toIsoDate(v.postponementApprovedOn),
              },
            })
          }
          onConflict={onReload}
          successMessage="已登记延期换届"
        >
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            title="延期换届须报上级党组织批准，延长期限一般不超过 1 年（《中国共产党基层组织选举工作条例》第三条）。"
          />
          <Form.Item label="原计划届满日期">{dialog.term.plannedEndDate}</Form.Item>
          <Form.Item name="postponedTo" label="延期至" rules={requiredDate('请选择延期后的届满日期')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item
            name="postponementApprovedOn"
            label="上级批准日期"
            rules={requiredDate('请选择批准日期')}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      );

    case 'editTerm':
      return (
        <FormModal<{ plannedEndDate: Dayjs; teamKind: TeamKind }>
          title={`修改届次信息：第${dialog.term.number}届`}
          open
          onClose={onClose}
          initialValues={{
            plannedEndDate: fromIsoDate(dialog.term.plannedEndDate) ?? undefined,
            teamKind: dialog.term.teamKind,
          }}
          onSubmit={(v) =>
            updateTerm.mutateAsync({
              termId: dialog.term.id,
              body: {
                version: dialog.term.version,
                plannedEndDate: toIsoDate(v.plannedEndDate) ?? dialog.term.plannedEndDate,
                teamKind: v.teamKind,
              },
            })
          }
          onConflict={onReload}
          successMessage="已保存"
        >
          <Form.Item name="teamKind" label="班子形式" rules={[{ required: true, message: '请选择班子形式' }]}>
            <Select options={teamKinds.map((k) => ({ value: k, label: teamKindLabels[k] }))} />
          </Form.Item>
          <Form.Item name="plannedEndDate" label="计划届满日期" rules={requiredDate('请选择计划届满日期')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      );

    case 'addMember':
    case 'addAppointment': {
      const term = dialog.kind === 'addMember' ? dialog.term : null;
      const posts: readonly PostCode[] = term ? teamPosts : standalonePosts;
      const defaultPost: PostCode = term
        ? 'committee_member'
        : org.type === 'group'
          ? 'group_leader'
          : 'organiser';
      return (
        <FormModal<{ personId: number | null; post: PostCode; startDate: Dayjs }>
          title={term ? `增补班子成员：第${term.number}届` : '新增组织员 / 党小组长'}
          open
          onClose={onClose}
          initialValues={{ personId: null, post: defaultPost, startDate: today }}
          onSubmit={async (v) => {
            if (v.personId === null) throw new Error('请选择人员');
            await createAppointment.mutateAsync({
              personId: v.personId,
              post: v.post,
              termId: term ? term.id : null,
              startDate: toIsoDate(v.startDate) ?? '',
            });
          }}
          onConflict={onReload}
          successMessage="已任命"
        >
          <Form.Item name="personId" label="人员" rules={[{ required: true, message: '请选择人员' }]}>
            <PersonPicker orgId={term ? org.id : undefined} />
          </Form.Item>
          <Form.Item name="post" label="职务" rules={[{ required: true, message: '请选择职务' }]}>
            <Select options={posts.map((p) => ({ value: p, label: postLabels[p] }))} />
          </Form.Item>
          <Form.Item name="startDate" label="任职日期" rules={requiredDate('请选择任职日期')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      );
    }

    case 'end':
      return (
        <FormModal<{ endDate: Dayjs }>
          title={`免职：${dialog.appointment.personName}（${postLabels[dialog.appointment.post]}）`}
          open
          onClose={onClose}
          initialValues={{ endDate: today }}
          onSubmit={(v) =>
            endAppointment.mutateAsync({
              appointmentId: dialog.appointment.id,
              endDate: toIsoDate(v.endDate) ?? '',
            })
          }
          onConflict={onReload}
          successMessage="已免职"
          okText="免职"
          okDanger
        >
          <Form.Item name="endDate" label="免职日期" rules={requiredDate('请选择免职日期')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </FormModal>
      );

    case 'dualLeader':
      return (
        <FormModal<{ isDualLeader: boolean; dualLeaderKind?: DualLeaderKind; dualLeaderNote?: string }>
          title={`双带头人：${dialog.appointment.personName}`}
          open
          onClose={onClose}
          initialValues={{ isDualLeader: !dialog.appointment.isDualLeader }}
          onSubmit={(v) => {
            const note = v.dualLeaderNote?.trim();
            return setDualLeader.mutateAsync({
              personId: dialog.appointment.personId,
              body: {
                isDualLeader: v.isDualLeader,
                dualLeaderKind: v.isDualLeader ? (v.dualLeaderKind ?? null) : null,
                dualLeaderNote: v.isDualLeader && note ? note : null,
              },
            });
          }}
          successMessage="已保存"
        >
          <Form.Item
            name="isDualLeader"
            label="认定为“双带头人”"
            valuePropName="checked"
            extra="党性强、业务精、有威信、肯奉献的党员骨干教师（教党〔2018〕26号）"
          >
            <Switch checkedChildren="是" unCheckedChildren="否" />
          </Form.Item>
          <Form.Item noStyle dependencies={['isDualLeader']}>
            {({ getFieldValue }) =>
              getFieldValue('isDualLeader') ? (
                <Form.Item
                  name="dualLeaderKind"
                  label="类型"
                  rules={[{ required: true, message: '请选择专业带头人或学术带头人' }]}
                >
                  <Radio.Group
                    options={dualLeaderKinds.map((k) => ({ value: k, label: dualLeaderKindLabels[k] }))}
                  />
                </Form.Item>
              ) : null
            }
          </Form.Item>
          <Form.Item
            name="dualLeaderNote"
            label="认定说明"
            rules={
              dualLeaderNoteMax
                ? [{ max: dualLeaderNoteMax, message: `不能超过 ${dualLeaderNoteMax} 个字符` }]
                : []
            }
          >
            <Input.TextArea
              rows={3}
              maxLength={dualLeaderNoteMax}
              showCount
              placeholder="例如：教授、专业带头人，2024 年认定"
            />
          </Form.Item>
        </FormModal>
      );
  }
}
