import {
  appointmentSettingsLabels,
  appointmentSettingsSchema,
  defaultAppointmentSettingsBody,
} from '@dangjian/core';
import { Typography } from 'antd';
import { describeSettings } from '../../components/settings-form';
import { SettingsPage } from '../../components/settings-page';
import { useAppointmentSettings, useSaveAppointmentSettings } from './api';

const fields = describeSettings(
  appointmentSettingsSchema.shape,
  appointmentSettingsLabels,
  defaultAppointmentSettingsBody,
);

/** 选拔任用设置: years as 副职 before 正职, the 公示's working days, the 试用期, the vetoes at 考察. */
export function AppointmentSettingsPage() {
  return (
    <SettingsPage
      pageTitle="选拔任用设置"
      formTitle="干部选拔任用"
      schema={appointmentSettingsSchema}
      query={useAppointmentSettings()}
      save={useSaveAppointmentSettings()}
      fields={fields}
      editPermission="setting:rule:edit"
      note={
        <Typography.Paragraph type="secondary">
          学校只能从严：副职提任正职不少于2年（党政领导干部选拔任用工作条例第八条），任前公示不少于5个工作日（第四十一条），试用期不少于1年（第四十二条）。
          政治素质、师德师风考察不合格的，一票否决。
        </Typography.Paragraph>
      }
      savedMessage="选拔任用设置已保存"
    />
  );
}
