import { ruleSettingsSchema } from '@dangjian/core';
import { SettingsPage } from '../../components/settings-page';
import { useRuleSettings, useSaveRuleSettings } from './api';
import { RuleSettingsNote, ruleSettingFields } from './form';
import { GoLiveCard } from './go-live';

/** 规则设置: thresholds of the monitoring rules; editable with setting:rule:edit. */
export function RuleSettingsPage() {
  return (
    <SettingsPage
      pageTitle="规则设置"
      formTitle="监测规则阈值"
      schema={ruleSettingsSchema}
      query={useRuleSettings()}
      save={useSaveRuleSettings()}
      fields={ruleSettingFields}
      editPermission="setting:rule:edit"
      note={<RuleSettingsNote />}
      savedMessage="规则设置已保存，预警已按新阈值重新计算"
    >
      <GoLiveCard />
    </SettingsPage>
  );
}
