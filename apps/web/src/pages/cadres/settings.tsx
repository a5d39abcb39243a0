import { cadreTermSettingsLabels, cadreTermSettingsSchema, defaultCadreTermSettings } from '@dangjian/core';
import { Typography } from 'antd';
import { describeSettings } from '../../components/settings-form';
import { SettingsPage } from '../../components/settings-page';
import { useCan } from '../../lib/access';
import { NotFoundPage } from '../not-found/index';
import { useCadreTermSettings, useSaveCadreTermSettings } from './api';

const fields = describeSettings(cadreTermSettingsSchema.shape, cadreTermSettingsLabels, {
  ...defaultCadreTermSettings,
});

/** 任期与交流设置: the school's term length, consecutive terms, years before rotation, reminder months. */
export function CadreTermSettingsPage() {
  const can = useCan();
  if (!can('cadre:file:view')) return <NotFoundPage />;
  return <CadreTermSettingsForm />;
}

function CadreTermSettingsForm() {
  return (
    <SettingsPage
      pageTitle="任期与交流设置"
      formTitle="中层干部任期与交流"
      schema={cadreTermSettingsSchema}
      query={useCadreTermSettings()}
      save={useSaveCadreTermSettings()}
      fields={fields}
      editPermission="cadre:file:manage"
      note={
        <Typography.Paragraph type="secondary">
          党政领导职务每个任期 5
          年，在同一职位连续任职达到两个任期的不再任命担任同一职务（党政领导干部职务任期暂行规定）；
          在同一职位任职满 10 年的必须交流（党政领导干部交流工作规定）。学校可按本校规定设置，提前提醒组织部。
        </Typography.Paragraph>
      }
      savedMessage="任期与交流设置已保存"
    />
  );
}
