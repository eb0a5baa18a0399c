import { Module } from '@nestjs/common';
import { ClientsController } from './clients.controller';
import { TrajectoryRepository } from './trajectory.repository';
import { TrajectoryService } from './trajectory.service';

@Module({
  controllers: [ClientsController],
  providers: [TrajectoryService, TrajectoryRepository],
  exports: [TrajectoryService],
})
export class TrajectoryModule {}
