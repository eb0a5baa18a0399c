import { Body, Controller, Delete, Get, HttpCode, Post, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { ClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import {
  CorrectMeasurementDto,
  DeleteMeasurementDto,
  RecordMeasurementDto,
} from './dto/recovery-measurement.dto';
import {
  type ClientRecoveryView,
  type MeasurementDeletedView,
  type MeasurementView,
  RecoveryService,
} from './recovery.service';

const HEALTH = ['health'] as const;

@ApiTags('recovery')
@ApiBearerAuth()
@Controller('clients/:clientId/recovery-measurements')
export class RecoveryController {
  constructor(private readonly recovery: RecoveryService) {}

  @Post()
  @ClientData({ event: 'write', categories: HEALTH })
  @ApiOperation({
    summary: 'Record a measurement of a recovery instrument (BARC-10, MHQoL) for a client',
    description:
      'Answers are validated against the instrument: each within its scale, unknown items refused (400). A ' +
      'partial set is stored without a total. 403: your party may not see health data; 404: client out of reach.',
  })
  record(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @Body() body: RecordMeasurementDto,
  ): Promise<MeasurementView> {
    return this.recovery.record(actor, clientId, body);
  }

  @Get()
  @ClientData({ event: 'read', categories: HEALTH })
  @ApiOperation({
    summary: "A client's measurements (newest first) with the trend per instrument: first, last, change",
  })
  list(@CurrentActor() actor: Actor, @UuidParam('clientId') clientId: string): Promise<ClientRecoveryView> {
    return this.recovery.list(actor, clientId);
  }

  @Put(':measurementId')
  @ClientData({ event: 'write', categories: HEALTH })
  @ApiOperation({
    summary: 'Correct a measurement (the chair or whoever recorded it), with a reason',
    description: 'The earlier values and the reason are kept. 403 for anyone else.',
  })
  correct(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('measurementId') measurementId: string,
    @Body() body: CorrectMeasurementDto,
  ): Promise<MeasurementView> {
    return this.recovery.correct(actor, clientId, measurementId, body);
  }

  @Delete(':measurementId')
  @HttpCode(200)
  @ClientData({ event: 'write', categories: HEALTH })
  @ApiOperation({
    summary: 'Delete a measurement (the chair or whoever recorded it), with a reason in the body',
    description:
      'Its last values and the reason are kept beside the client’s measurements. 403 for anyone else.',
  })
  delete(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @UuidParam('measurementId') measurementId: string,
    @Body() body: DeleteMeasurementDto,
  ): Promise<MeasurementDeletedView> {
    return this.recovery.delete(actor, clientId, measurementId, body);
  }
}
