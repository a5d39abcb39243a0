import { defaultTrainingSettings, trainingSettingsLabels, trainingSettingsSchema } from '@dangjian/core';
import { Typography } from 'antd';
import { describeSettings } from '../../components/settings-form';
import { SettingsPage } from '../../components/settings-page';
import { useSaveTrainingSettings, useTrainingSettings } from './api';

const fields = describeSettings(
  trainingSettingsSchema.shape,
  trainingSettingsLabels,
  defaultTrainingSettings,
);

/** 培训设置: how 党课 and the study part of 主题党日 count as 学时, the reminder month, the party-work incentives. */
export function TrainingSettingsPage() {
  return (
    <SettingsPage
      pageTitle="培训设置"
      formTitle="学时折算与党务工作激励"
      schema={trainingSettingsSchema}
      query={useTrainingSettings()}
      save={useSaveTrainingSettings()}
      fields={fields}
      editPermission="setting:rule:edit"
      note={
        <Typography.Paragraph type="secondary">
          党课和主题党日的学时从组织生活记录的出勤折算，不再另行录入；服务工作量和课时减免按任职记录每年计算（学校规定，默认
          10 和 60）。
        </Typography.Paragraph>
      }
      savedMessage="培训设置已保存，学时已按新折算重新计算"
    />
  );
}
