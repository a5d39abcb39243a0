export * from './appointment.ts';
export * from './appointment-alerts.ts';
export * from './appointment-settings.ts';
export * from './reserve.ts';
export * from './reserve-catalogue.ts';
export * from './review.ts';
export * from './review-rules.ts';
export * from './terms.ts';
