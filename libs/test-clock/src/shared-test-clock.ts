import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@koers/clock';

const KEY = 'test_clock_offset_ms';
const REFRESH_MS = 500;

/**
 * The clock under TEST_CLOCK=1: real time plus an offset kept in PostgreSQL, so the API and every worker
 * move together when a test lets six weeks pass. Never used in production (config refuses it).
 */
@Injectable()
export class SharedTestClock extends Clock implements OnModuleInit, OnModuleDestroy {
  private offsetMs = 0;
  private timer?: NodeJS.Timeout;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    super();
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  async onModuleInit(): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), REFRESH_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async setTo(instant: Date): Promise<void> {
    const offsetMs = instant.getTime() - Date.now();
    await this.dataSource.query(
      `INSERT INTO app_setting (key, value, updated_at) VALUES ($1, $2, now())
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at`,
      [KEY, JSON.stringify(offsetMs)],
    );
    this.offsetMs = offsetMs;
  }

  private async refresh(): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT value FROM app_setting WHERE key = $1`, [KEY]);
    this.offsetMs = row ? Number(row.value) : 0;
  }
}
