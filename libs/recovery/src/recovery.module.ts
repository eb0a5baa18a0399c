import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { RecoveryInstrumentsController } from './recovery-instruments.controller';
import { RecoveryInstrumentsService } from './recovery-instruments.service';
import { RecoveryController } from './recovery.controller';
import { RecoveryService } from './recovery.service';

/** Recovery monitoring (issue 7 item 2): instruments as data, measurements per client, the trend. */
@Module({
  imports: [ClientAccessModule],
  controllers: [RecoveryInstrumentsController, RecoveryController],
  providers: [RecoveryService, RecoveryInstrumentsService],
  exports: [RecoveryService, RecoveryInstrumentsService],
})
export class RecoveryModule {}
