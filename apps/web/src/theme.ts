import type { ThemeConfig } from 'antd';

/**
 * The app's antd theme: party red, and text colours dark enough for WCAG 2.1 AA (4.5:1 for
 * normal text) on white, on the grey page and on antd's tinted backgrounds. antd's defaults
 * (secondary text and placeholders at 45 % / 25 % black, tag text in shade 7 of orange, gold,
 * green…) fall between 1.8:1 and 3.4:1; the tokens below replace them in one place, the
 * backgrounds and borders stay antd's.
 */
export const appTheme: ThemeConfig = {
  token: {
    colorPrimary: '#c8161d',
    colorLink: '#c8161d',
    borderRadius: 6,
    // Secondary text (Typography type="secondary", statistic titles, description labels) and
    // placeholders: 58 % black is 5.3:1 on white and 5.1:1 on a tinted card.
    colorTextTertiary: 'rgba(0, 0, 0, 0.58)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.58)',
    // Typography type="danger" / "warning" / "success": red-7, gold-9, green-8.
    colorErrorText: '#cf1322',
    colorWarningText: '#874d00',
    colorSuccessText: '#237804',
    // Tag text is shade 7 of its preset colour on shade 1: take the first darker shade that
    // reaches 4.5:1 for the presets that fall short (red, blue, purple, magenta… already pass).
    // antd keeps each shade under two names (gold7, gold-7) and its CSS variable is made from
    // the second, so both are set.
    volcano7: '#ad2102',
    'volcano-7': '#ad2102',
    orange7: '#ad4e00',
    'orange-7': '#ad4e00',
    gold7: '#874d00',
    'gold-7': '#874d00',
    yellow7: '#876800',
    'yellow-7': '#876800',
    lime7: '#3f6600',
    'lime-7': '#3f6600',
    green7: '#237804',
    'green-7': '#237804',
    cyan7: '#006d75',
    'cyan-7': '#006d75',
  },
  components: {
    // Danger buttons (取消活动, 不批准, 删除…) draw their text in colorError: antd's #ff4d4f is 3.3:1 on
    // white; red-7 is 5.6:1. Only the buttons change, so form validation keeps antd's look.
    Button: { colorError: '#cf1322', colorErrorHover: '#a8071a', colorErrorActive: '#820014' },
  },
};
