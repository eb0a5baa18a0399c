export * from './outbox-relay.service';
export * from './outbox.module';
export * from './trajectory-event-recorded.handler';
