import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  type CreateInspectionBody,
  type InspectionDetail,
  type InspectionKind,
  type InspectionTeamRole,
  inspectionKindLabels,
  inspectionKinds,
  inspectionLimits,
  inspectionMonths,
  inspectionTeamRoleLabels,
  inspectionTeamRoles,
  inspectionUnitRefusal,
  type OrgListItem,
} from '@dangjian/core';
import { Button, Col, DatePicker, Flex, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo } from 'react';
import { useNavigate } from 'react-router';
import { FormDrawer } from '../../components/form-dialog';
import { fromIsoDate, toIsoDate } from '../../lib/format';
import { useOrgList } from '../orgs/api';
import { inspectionPath, useCreateInspection, useUpdateInspection } from './api';

export interface RoundFormValues {
  name: string;
  kind: InspectionKind;
  startsOn: Dayjs | null;
  endsOn: Dayjs | null;
  focus?: string;
  orgIds: number[];
  team: { role: InspectionTeamRole; name: string; title?: string; personId?: number | null }[];
  reportMonths: number;
  lookbackMonths: number;
}

/** The orgs a round of `kind` may inspect (core `inspectionUnitRefusal`), in the tree's order. */
function useUnitOptions(kind: InspectionKind | undefined) {
  const orgs = useOrgList();
  return useMemo(() => {
    const all: readonly OrgListItem[] = orgs.data ?? [];
    const byId = new Map(all.map((o) => [o.id, o]));
    return all
      .filter((o) => {
        const parentType = o.parentId === null ? null : (byId.get(o.parentId)?.type ?? null);
        return inspectionUnitRefusal(kind ?? 'regular', { type: o.type, parentType }) === null;
      })
      .map((o) => ({ value: o.id, label: o.name }));
  }, [orgs.data, kind]);
}

/** The fields of a round: name, kind, dates, focus, units, team and months. */
export function RoundFields({ monthsFixed }: { monthsFixed: boolean }) {
  const kind = Form.useWatch<InspectionKind | undefined>('kind');
  const units = useUnitOptions(kind);
  return (
    <>
      <Form.Item
        name="name"
        label="巡察名称"
        rules={[
          { required: true, whitespace: true, min: inspectionLimits.name.min, message: '请填写巡察名称' },
        ]}
      >
        <Input maxLength={inspectionLimits.name.max} showCount placeholder="如：十四届党委第三轮巡察" />
      </Form.Item>
      <Form.Item name="kind" label="巡察类型" rules={[{ required: true, message: '请选择巡察类型' }]}>
        <Select options={inspectionKinds.map((k) => ({ value: k, label: inspectionKindLabels[k] }))} />
      </Form.Item>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="startsOn"
            label="巡察开始日期"
            rules={[{ required: true, message: '请选择开始日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item
            name="endsOn"
            label="巡察结束日期"
            rules={[{ required: true, message: '请选择结束日期' }]}
          >
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="focus" label="巡察重点">
        <Input.TextArea rows={2} maxLength={inspectionLimits.focus.max} showCount />
      </Form.Item>
      <Form.Item
        name="orgIds"
        label="被巡察单位"
        extra={kind === 'special' ? '专项巡察可选党总支、直属党支部和总支下属的党支部' : '党总支和直属党支部'}
        rules={[{ required: true, message: '请选择被巡察单位' }]}
      >
        <Select
          mode="multiple"
          showSearch
          optionFilterProp="label"
          options={units}
          maxCount={inspectionLimits.units.max}
        />
      </Form.Item>
      <Typography.Text strong>巡察组</Typography.Text>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
        1名组长，副组长和组员若干；单位职务如“纪委办公室主任”。
      </Typography.Paragraph>
      <Form.List name="team">
        {(fields, { add, remove }) => (
          <Flex vertical gap={0}>
            {fields.map((field, i) => (
              <Row key={field.key} gutter={8} align="top">
                <Col xs={8} sm={5}>
                  <Form.Item name={[field.name, 'role']} rules={[{ required: true, message: '职务' }]}>
                    <Select
                      aria-label={`巡察组第${i + 1}人 组内职务`}
                      options={inspectionTeamRoles.map((r) => ({
                        value: r,
                        label: inspectionTeamRoleLabels[r],
                      }))}
                    />
                  </Form.Item>
                </Col>
                <Col xs={16} sm={7}>
                  <Form.Item
                    name={[field.name, 'name']}
                    rules={[{ required: true, whitespace: true, min: 2, message: '请填写姓名' }]}
                  >
                    <Input
                      aria-label={`巡察组第${i + 1}人 姓名`}
                      placeholder="姓名"
                      maxLength={inspectionLimits.memberName.max}
                    />
                  </Form.Item>
                </Col>
                <Col xs={20} sm={10}>
                  <Form.Item name={[field.name, 'title']}>
                    <Input
                      aria-label={`巡察组第${i + 1}人 单位职务`}
                      placeholder="单位职务"
                      maxLength={inspectionLimits.memberTitle.max}
                    />
                  </Form.Item>
                </Col>
                <Col xs={4} sm={2}>
                  <Button
                    type="text"
                    icon={<DeleteOutlined />}
                    aria-label={`删除巡察组第${i + 1}人`}
                    disabled={fields.length === 1}
                    onClick={() => remove(field.name)}
                  />
                </Col>
              </Row>
            ))}
            <Button
              type="dashed"
              icon={<PlusOutlined />}
              disabled={fields.length >= inspectionLimits.team.max}
              onClick={() => add({ role: 'member', name: '' })}
              style={{ marginBottom: 16 }}
            >
              添加巡察组成员
            </Button>
          </Flex>
        )}
      </Form.List>
      <Row gutter={12}>
        <Col xs={24} sm={12}>
          <Form.Item
            name="reportMonths"
            label="整改报告期限"
            extra="据《巡视工作条例》第二十七条，反馈后2个月内报送，可从严缩短"
            rules={[{ required: true }]}
          >
            <Select
              disabled={monthsFixed}
              options={[1, 2].map((m) => ({ value: m, label: `反馈后${m}个月` }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="lookbackMonths" label="回头看时间（反馈后月数）" rules={[{ required: true }]}>
            <InputNumber
              disabled={monthsFixed}
              min={inspectionMonths.lookback.min}
              max={inspectionMonths.lookback.max}
              precision={0}
              addonAfter="个月"
              style={{ width: '100%' }}
            />
          </Form.Item>
        </Col>
      </Row>
    </>
  );
}

/** The form's values as the API's fields. */
export const toRoundFields = (v: RoundFormValues): Omit<CreateInspectionBody, 'version'> => ({
  name: v.name.trim(),
  kind: v.kind,
  startsOn: toIsoDate(v.startsOn) ?? '',
  endsOn: toIsoDate(v.endsOn) ?? '',
  focus: v.focus?.trim() ? v.focus.trim() : null,
  orgIds: v.orgIds ?? [],
  team: (v.team ?? []).map((m) => ({
    role: m.role,
    name: m.name.trim(),
    title: m.title?.trim() ? m.title.trim() : null,
    personId: m.personId ?? null,
  })),
  reportMonths: v.reportMonths,
  lookbackMonths: v.lookbackMonths,
});

/** 登记巡察轮次: on success it opens the round. */
export function CreateRoundDrawer({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateInspection();
  const navigate = useNavigate();
  return (
    <FormDrawer<RoundFormValues>
      title="登记巡察轮次"
      open={open}
      onClose={onClose}
      initialValues={{
        kind: 'regular',
        orgIds: [],
        team: [
          { role: 'leader', name: '' },
          { role: 'member', name: '' },
        ],
        reportMonths: inspectionMonths.report.default,
        lookbackMonths: inspectionMonths.lookback.default,
      }}
      onSubmit={async (v) => {
        const round = await create.mutateAsync(toRoundFields(v));
        navigate(inspectionPath(round.id));
      }}
      successMessage="已登记巡察轮次"
      okText="登记"
      width={640}
    >
      <Typography.Paragraph type="secondary">
        巡察结束后，巡察办逐个单位录入反馈意见和问题清单，每个问题生成一项整改事项；被巡察单位在整改报告期限内提交整改报告，回头看时逐项核实已销号问题是否反弹。
      </Typography.Paragraph>
      <RoundFields monthsFixed={false} />
    </FormDrawer>
  );
}

/** Corrects a round (the 巡察办); the months are fixed once a unit has had its feedback. */
export function EditRoundDrawer({
  round,
  open,
  onClose,
  onConflict,
}: {
  round: InspectionDetail;
  open: boolean;
  onClose: () => void;
  onConflict: () => void;
}) {
  const update = useUpdateInspection(round.id);
  const fed = round.units.some((u) => u.status !== 'awaiting_feedback');
  return (
    <FormDrawer<RoundFormValues>
      title="修改巡察轮次"
      open={open}
      onClose={onClose}
      onConflict={onConflict}
      initialValues={{
        name: round.name,
        kind: round.kind,
        startsOn: fromIsoDate(round.startsOn),
        endsOn: fromIsoDate(round.endsOn),
        focus: round.focus ?? '',
        orgIds: round.units.map((u) => u.orgId),
        team: round.team.map((m) => ({
          role: m.role,
          name: m.name,
          title: m.title ?? '',
          personId: m.personId,
        })),
        reportMonths: round.reportMonths,
        lookbackMonths: round.lookbackMonths,
      }}
      onSubmit={async (v) => {
        // Only what changed: the round's timeline names the fields edited.
        const next = toRoundFields(v);
        const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
        const was = {
          name: round.name,
          kind: round.kind,
          startsOn: round.startsOn,
          endsOn: round.endsOn,
          focus: round.focus,
          orgIds: round.units.map((u) => u.orgId),
          team: round.team,
          reportMonths: round.reportMonths,
          lookbackMonths: round.lookbackMonths,
        };
        const changed = Object.fromEntries(
          (Object.keys(was) as (keyof typeof was)[])
            .filter((k) => !(fed && (k === 'reportMonths' || k === 'lookbackMonths')))
            .filter((k) =>
              k === 'orgIds'
                ? !same([...next.orgIds].sort(), [...was.orgIds].sort())
                : !same(next[k], was[k]),
            )
            .map((k) => [k, next[k]]),
        );
        if (Object.keys(changed).length > 0) await update.mutateAsync({ ...changed, version: round.version });
      }}
      successMessage="已修改"
      width={640}
    >
      {fed ? (
        <Typography.Paragraph type="secondary">
          已有单位录入反馈：整改报告期限和回头看时间不能再修改，已反馈的单位不能移除。
        </Typography.Paragraph>
      ) : null}
      <RoundFields monthsFixed={fed} />
    </FormDrawer>
  );
}
