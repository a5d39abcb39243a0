import { defaultReserveSettings, reserveSettingsLabels, reserveSettingsSchema } from '@dangjian/core';
import { Typography } from 'antd';
import { describeSettings } from '../../components/settings-form';
import { SettingsPage } from '../../components/settings-page';
import { useReserveSettings, useSaveReserveSettings } from './api';

const fields = describeSettings(reserveSettingsSchema.shape, reserveSettingsLabels, defaultReserveSettings);

/** 后备干部设置: the age limit of each reserve level, the yearly review of the pool, the length of a 挂职. */
export function CadreReserveSettingsPage() {
  return (
    <SettingsPage
      pageTitle="后备干部设置"
      formTitle="年龄条件、动态调整与挂职期限"
      schema={reserveSettingsSchema}
      query={useReserveSettings()}
      save={useSaveReserveSettings()}
      fields={fields}
      editPermission="cadre:file:manage"
      note={
        <Typography.Paragraph type="secondary">
          学校后备干部工作办法的规定：默认正科级后备 40 周岁及以下、副科级后备 35
          周岁及以下，入库时核对；后备干部库每 12 个月动态调整一次；挂职一般 6 个月至 2 年。
        </Typography.Paragraph>
      }
      savedMessage="后备干部设置已保存"
    />
  );
}
