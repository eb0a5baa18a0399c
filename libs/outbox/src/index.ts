export * from './outbox-relay.service';
export * from './outbox-topics';
export * from './outbox.module';
