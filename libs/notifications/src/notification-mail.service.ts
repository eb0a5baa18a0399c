import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';
import { inPgTransaction } from '@koers/persistence';
import { Mailer } from './mailer';

/** A claim older than this belongs to a worker that died while sending: the mail is tried again. */
const STALE_CLAIM_MS = 5 * 60_000;
const MAX_ATTEMPTS = 5;
const BATCH = 50;

interface PendingMail {
  id: string;
  email: string;
  title: string;
}

/**
 * E-mail copies of notifications, after the transaction that created them. Each mail is claimed in its
 * own committed transaction before it is sent (so two workers never send the same one), then marked
 * sent. A worker killed between sending and marking leaves a stale claim; that mail is sent again with
 * the same Message-ID, so it is recognisably the same message. Mails name no client: the inbox does.
 */
@Injectable()
export class NotificationMailService {
  private readonly logger = new Logger('NotificationMail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly mailer: Mailer,
    private readonly clock: Clock,
  ) {}

  async sendPending(): Promise<number> {
    if (!this.mailer.enabled) return 0;
    let sent = 0;
    for (;;) {
      const claimed = await this.claim();
      for (const mail of claimed) if (await this.deliver(mail)) sent++;
      if (claimed.length < BATCH) return sent;
    }
  }

  private claim(): Promise<PendingMail[]> {
    return inPgTransaction(this.dataSource, async (query) => {
      const now = this.clock.now();
      return query<PendingMail>(
        `UPDATE notification n SET mail_claimed_at = $1, mail_attempts = n.mail_attempts + 1
           FROM app_user u
          WHERE n.id IN (
                  SELECT n2.id FROM notification n2 JOIN app_user u2 ON u2.id = n2.user_id
                   WHERE n2.mailed_at IS NULL AND u2.email IS NOT NULL AND n2.mail_attempts < $3
                     AND (n2.mail_claimed_at IS NULL OR n2.mail_claimed_at < $2)
                   ORDER BY n2.created_at LIMIT ${BATCH} FOR UPDATE OF n2 SKIP LOCKED)
            AND u.id = n.user_id
        RETURNING n.id, u.email, n.title`,
        [now, new Date(now.getTime() - STALE_CLAIM_MS), MAX_ATTEMPTS],
      );
    });
  }

  private async deliver(mail: PendingMail): Promise<boolean> {
    try {
      await this.mailer.send({
        to: mail.email,
        subject: `Koers: ${mail.title}`,
        text: `Er staat een nieuwe melding voor u klaar in Koers:\n\n  ${mail.title}\n\nLog in op Koers om te zien om welke cliënt het gaat.\n`,
        messageId: `<notification-${mail.id}@koers>`,
      });
    } catch (error) {
      // The claim goes stale and the mail is retried later (up to MAX_ATTEMPTS); no address in the log.
      this.logger.warn(`mail for notification ${mail.id} failed: ${(error as Error).message}`);
      return false;
    }
    await this.dataSource.query(`UPDATE notification SET mailed_at = $2 WHERE id = $1`, [
      mail.id,
      this.clock.now(),
    ]);
    return true;
  }
}
