import { Module } from '@nestjs/common';
import { DeadlinesModule } from '@koers/deadlines';
import { ClientsController } from './clients.controller';
import { DeadlineReachedHandler } from './deadline-reached.handler';
import { TrajectoryRepository } from './trajectory.repository';
import { TrajectoryService } from './trajectory.service';

@Module({
  imports: [DeadlinesModule],
  controllers: [ClientsController],
  providers: [TrajectoryService, TrajectoryRepository, DeadlineReachedHandler],
  exports: [TrajectoryService, DeadlineReachedHandler],
})
export class TrajectoryModule {}
