export * from './appointment.ts';
export * from './review.ts';
export * from './review-rules.ts';
export * from './terms.ts';
