import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { DeadlinesModule } from '@koers/deadlines';
import { BoardController } from './board/board.controller';
import { BoardRepository } from './board/board.repository';
import { BoardService } from './board/board.service';
import { ClientsController } from './clients.controller';
import { DeadlineReachedHandler } from './deadline-reached.handler';
import { TrajectoryRepository } from './trajectory.repository';
import { TrajectoryService } from './trajectory.service';

@Module({
  imports: [ClientAccessModule, DeadlinesModule],
  controllers: [ClientsController, BoardController],
  providers: [TrajectoryService, TrajectoryRepository, DeadlineReachedHandler, BoardService, BoardRepository],
  exports: [TrajectoryService, DeadlineReachedHandler, BoardService],
})
export class TrajectoryModule {}
