import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value settings shared by all processes (e.g. the test clock's offset under TEST_CLOCK=1). */
@Entity('app_setting')
export class AppSetting {
  @PrimaryColumn('text')
  key: string;

  @Column('jsonb')
  value: unknown;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt: Date;
}
