import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Need-to-know for what a meeting records (issue 5): every note and decision gets a data category, `trajectory`
 * unless the writer chose the one it is about (MEETING_RECORD_CATEGORIES in libs/access). Records made before
 * this migration were shown to every participant, so `trajectory` is also the right category for them.
 * Hand-written; names as the entity declares them (MeetingRecord).
 */
export class MeetingRecordCategory1796000000000 implements MigrationInterface {
  name = 'MeetingRecordCategory1796000000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting_record" ADD "category" text NOT NULL DEFAULT 'trajectory'`);
    await queryRunner.query(
      `ALTER TABLE "meeting_record" ADD CONSTRAINT "CHK_meeting_record_category" CHECK ("category" IN ('trajectory', 'health', 'justice', 'housing', 'finances', 'budget'))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "meeting_record" DROP CONSTRAINT "CHK_meeting_record_category"`);
    await queryRunner.query(`ALTER TABLE "meeting_record" DROP COLUMN "category"`);
  }
}
