export * from './combination.ts';
export * from './dictionaries.ts';
export * from './procedure.ts';
export * from './rules.ts';
