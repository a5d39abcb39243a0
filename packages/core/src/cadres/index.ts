export * from './appointment.ts';
export * from './reserve.ts';
export * from './reserve-catalogue.ts';
export * from './terms.ts';
