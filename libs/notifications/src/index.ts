export * from './notifications.module';
export * from './notifications.controller';
export * from './mailer';
export * from './notification-mail.service';
export * from './notification-worker.module';
export * from './team-recipients';
