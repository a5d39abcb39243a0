export * from './appointment.ts';
export * from './catalogue.ts';
export * from './reserve.ts';
export * from './reserve-catalogue.ts';
export * from './review.ts';
export * from './review-rules.ts';
export * from './rotation.ts';
export * from './terms.ts';
