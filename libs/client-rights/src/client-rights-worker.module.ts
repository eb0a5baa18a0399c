import { Module } from '@nestjs/common';
import { ClientAnonymisationService } from './client-anonymisation.service';
import { ClientAnonymisationSweeper } from './client-anonymisation.sweeper';

/** The worker side of client rights: the daily anonymisation of closed trajectories. Only the worker imports it. */
@Module({
  providers: [ClientAnonymisationService, ClientAnonymisationSweeper],
  exports: [ClientAnonymisationService],
})
export class ClientRightsWorkerModule {}
