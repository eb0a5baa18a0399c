import { Module } from '@nestjs/common';
import { Mailer, SmtpMailer } from './mailer';
import { NotificationMailService } from './notification-mail.service';
import { NotificationMailSweeper } from './notification-mail.sweeper';

/** The worker side of notifications: e-mail copies. Only the worker app imports it. */
@Module({
  providers: [{ provide: Mailer, useClass: SmtpMailer }, NotificationMailService, NotificationMailSweeper],
  exports: [NotificationMailService],
})
export class NotificationWorkerModule {}
