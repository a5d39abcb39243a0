export * from './appointment.ts';
export * from './appointment-alerts.ts';
export * from './appointment-settings.ts';
export * from './terms.ts';
