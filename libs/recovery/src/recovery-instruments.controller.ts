import { Body, Controller, Get, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { NoClientData } from '@koers/audit';
import { SetItemTextDto } from './dto/recovery-measurement.dto';
import { type InstrumentView, RecoveryInstrumentsService } from './recovery-instruments.service';

@ApiTags('recovery')
@ApiBearerAuth()
@Controller('recovery/instruments')
export class RecoveryInstrumentsController {
  constructor(private readonly instruments: RecoveryInstrumentsService) {}

  @Get()
  @NoClientData('the instruments as data: items, scales, scoring; no client data')
  @ApiOperation({
    summary:
      'The recovery instruments (BARC-10, MHQoL): items with number, short label and configured wording',
    description:
      'Any logged-in user. `text` of an item is the wording an admin set (null: show the item number and its ' +
      'neutral short label).',
  })
  list(): Promise<InstrumentView[]> {
    return this.instruments.list();
  }

  @Put(':instrumentId/items/:itemId')
  @NoClientData('the wording of an instrument item; no client data')
  @ApiOperation({
    summary: 'Set (or with null remove) the wording of one item (admin only)',
    description:
      'For organisations licensed to use the instrument’s wording; installation-wide. 403 for anyone but an ' +
      'admin; 404 for an unknown instrument or item.',
  })
  setItemText(
    @CurrentActor() actor: Actor,
    @Param('instrumentId') instrumentId: string,
    @Param('itemId') itemId: string,
    @Body() body: SetItemTextDto,
  ): Promise<InstrumentView> {
    return this.instruments.setItemText(actor, instrumentId, itemId, body.text);
  }
}
