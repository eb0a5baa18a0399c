import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { ClientData } from '@koers/audit';
import { BoardQueryDto } from './board-query.dto';
import { Board, BoardService } from './board.service';

@ApiTags('board')
@ApiBearerAuth()
@Controller('board')
export class BoardController {
  constructor(private readonly board: BoardService) {}

  @Get()
  // Names every client it returns (rows' clientId); blockers and deadlines span these categories.
  @ClientData<Board>({
    event: 'search',
    categories: ['identity', 'trajectory', 'housing', 'finances', 'budget'],
    // The rows name the clients: read them directly rather than walking 10,000 rows of blockers.
    clients: { responseClientIds: false, fromResponse: (board) => board.rows.map((row) => row.clientId) },
  })
  @ApiOperation({
    summary:
      'Waar loopt het vast: every open trajectory with stage, days in stage, next deadline and blockers',
    description:
      'Most urgent first: escalated to the casusoverleg, then overdue, then blocked longest. Filters: team (one casusoverleg; default all of yours), blocker code, stage.',
  })
  get(@CurrentActor() actor: Actor, @Query() query: BoardQueryDto): Promise<Board> {
    return this.board.board(actor, query);
  }
}
