import { defaultRuleSettings, ruleSettingLabels, ruleSettingsSchema } from '@dangjian/core';
import { Typography } from 'antd';
import { describeSettings } from '../../components/settings-form';

/** The rule settings as form fields, with bounds read from the shared schema. */
export const ruleSettingFields = describeSettings(
  ruleSettingsSchema.shape,
  ruleSettingLabels,
  defaultRuleSettings,
);

/** Why some bounds cannot be loosened. */
export function RuleSettingsNote() {
  return (
    <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
      这些阈值决定监测预警何时提示。全国性规定（如党支部人数上限、应设支部委员会的正式党员人数、延期换届最长期限）只能从严、不能放宽，
      因此输入范围以全国性规定为界；通行做法和学校自定的事项可按本校规定调整。保存后预警将按新阈值重新计算。
    </Typography.Paragraph>
  );
}
