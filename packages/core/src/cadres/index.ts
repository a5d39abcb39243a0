export * from './appointment.ts';
export * from './terms.ts';
