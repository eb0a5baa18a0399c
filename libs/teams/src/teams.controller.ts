import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { UuidParam } from '@koers/validation';
import { UpdateTeamSetupDto } from './dto/update-team-setup.dto';
import { TeamListItem, TeamSetupView, TeamsService } from './teams.service';

@ApiTags('teams')
@ApiBearerAuth()
@Controller('teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Get()
  @ApiOperation({ summary: 'My casusoverleg teams, with how many set-up items are still open' })
  list(@CurrentActor() actor: Actor): Promise<TeamListItem[]> {
    return this.teams.list(actor);
  }

  @Get(':teamId')
  @ApiOperation({
    summary: 'The set-up of a casusoverleg and its checklist (handreiking Bijlage 1)',
    description:
      'Participants per party with their deputies, covenant, budget, meeting rhythm, inclusion criteria, what counts ' +
      'as a successful trajectory and the deadline settings; the checklist says which items are still open, with a ' +
      'Dutch hint for each. 404 unless you take part in this casusoverleg.',
  })
  get(@CurrentActor() actor: Actor, @UuidParam('teamId') teamId: string): Promise<TeamSetupView> {
    return this.teams.get(actor, teamId);
  }

  @Patch(':teamId')
  @ApiOperation({
    summary: 'Change the set-up (chair only); fields left out stay as they are',
    description:
      '400: invalid input or unknown fields (nothing is changed); 403: you are not the chair; 404: not your casusoverleg.',
  })
  update(
    @CurrentActor() actor: Actor,
    @UuidParam('teamId') teamId: string,
    @Body() body: UpdateTeamSetupDto,
  ): Promise<TeamSetupView> {
    return this.teams.update(actor, teamId, body);
  }
}
