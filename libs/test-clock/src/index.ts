export * from './iso-duration';
export * from './shared-test-clock';
export * from './test-clock.module';
