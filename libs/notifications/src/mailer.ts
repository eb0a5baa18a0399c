import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { KOERS_CONFIG, KoersConfig } from '@koers/config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  /** Stable per notification, so a copy sent twice after a crash is recognisable as the same mail. */
  messageId: string;
}

/** Sends e-mail. An injected provider, so services test without a mail server. */
export abstract class Mailer {
  abstract readonly enabled: boolean;
  abstract send(message: MailMessage): Promise<void>;
}

/** SMTP through nodemailer when SMTP_URL is set; otherwise e-mail is off and only the inbox is used. */
@Injectable()
export class SmtpMailer extends Mailer implements OnApplicationShutdown {
  readonly enabled: boolean;
  private readonly transport?: Transporter;
  private readonly logger = new Logger('Mailer');

  constructor(@Inject(KOERS_CONFIG) private readonly config: KoersConfig) {
    super();
    this.enabled = !!config.smtpUrl;
    if (config.smtpUrl) this.transport = createTransport(config.smtpUrl);
    else this.logger.log('SMTP_URL not set: notifications go to the in-app inbox only');
  }

  async send(message: MailMessage): Promise<void> {
    if (!this.transport) throw new Error('Mail is not configured (SMTP_URL)');
    await this.transport.sendMail({ from: this.config.mailFrom, ...message });
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
