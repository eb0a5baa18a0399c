import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '@koers/access';
import { Clock } from '@koers/clock';
import { ForbiddenException, NotFoundException } from '@koers/errors';
import { INSTRUMENTS, type InstrumentDefinition, type InstrumentItem, instrumentById } from './instruments';
import { RecoveryQueries } from './recovery.repository';

export interface InstrumentItemView extends InstrumentItem {
  /** The wording your organisation set (licensed); null: show the number and short label. */
  text: string | null;
}

export interface InstrumentView extends Omit<InstrumentDefinition, 'items'> {
  items: InstrumentItemView[];
}

/**
 * The instruments as data, with the item wording an admin set. Koers ships no item wording (licences, see README):
 * an admin of an organisation that may use an instrument's wording enters it per item, installation-wide.
 */
@Injectable()
export class RecoveryInstrumentsService {
  private readonly logger = new Logger('RecoveryInstruments');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<InstrumentView[]> {
    const texts = await RecoveryQueries.itemTexts((text, values) => this.dataSource.query(text, values));
    const textOf = (instrumentId: string, itemId: string) =>
      texts.find((t) => t.instrument_id === instrumentId && t.item_id === itemId)?.text ?? null;
    return Object.values(INSTRUMENTS).map((definition: InstrumentDefinition) => ({
      ...definition,
      items: definition.items.map((item) => ({ ...item, text: textOf(definition.id, item.id) })),
    }));
  }

  async get(instrumentId: string): Promise<InstrumentView> {
    const view = (await this.list()).find((i) => i.id === instrumentId);
    if (!view) throw new NotFoundException('Instrument');
    return view;
  }

  /** Sets (or with null removes) the wording of one item: admin only. */
  async setItemText(
    actor: Actor,
    instrumentId: string,
    itemId: string,
    text: string | null,
  ): Promise<InstrumentView> {
    if (actor.role !== 'admin') {
      throw new ForbiddenException('Only an admin sets the wording of instrument items (installation-wide)');
    }
    const definition = instrumentById(instrumentId);
    if (!definition) throw new NotFoundException('Instrument');
    if (!definition.items.some((item) => item.id === itemId)) throw new NotFoundException('Item');
    if (text === null) {
      await this.dataSource.query(
        `DELETE FROM recovery_instrument_item_text WHERE instrument_id = $1 AND item_id = $2`,
        [instrumentId, itemId],
      );
    } else {
      await this.dataSource.query(
        `INSERT INTO recovery_instrument_item_text (instrument_id, item_id, text, updated_by, updated_at)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (instrument_id, item_id) DO UPDATE SET text = EXCLUDED.text, updated_by = EXCLUDED.updated_by,
                                                            updated_at = EXCLUDED.updated_at`,
        [instrumentId, itemId, text, actor.userId, this.clock.now()],
      );
    }
    this.logger.log(
      `wording of ${instrumentId} ${itemId} ${text === null ? 'removed' : 'set'} by user ${actor.userId}`,
    );
    return this.get(instrumentId);
  }
}
