export * from './appointment.ts';
export * from './review.ts';
export * from './terms.ts';
