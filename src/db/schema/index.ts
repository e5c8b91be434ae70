export * from './accounts.ts';
export * from './organisations.ts';
export * from './platform.ts';
export * from './challenges.ts';
export * from './datasets.ts';
export * from './events.ts';
