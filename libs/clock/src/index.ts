export * from './clock';
export * from './amsterdam-calendar';
export * from './clock.module';
