export * from './deadline-policy';
export * from './deadline-schedule';
export * from './deadline.writer';
export * from './deadlines.module';
export * from './deadlines.service';
export * from './deadline-firing.service';
export * from './deadline-reconciler.service';
export * from './deadline-worker.module';
