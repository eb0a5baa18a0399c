export * from './job-handler';
export * from './queue-connection';
export * from './queue.constants';
export * from './queue.module';
