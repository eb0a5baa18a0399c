export * from './entities';
export * from './data-source-options';
export * from './persistence.module';
export * from './pg-pool';
