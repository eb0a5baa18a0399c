export * from './seed-demo';
export * from './demo-data';
