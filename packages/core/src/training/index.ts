export * from './alerts.ts';
export * from './catalogue.ts';
export * from './dictionaries.ts';
export * from './rules.ts';
export * from './settings.ts';
