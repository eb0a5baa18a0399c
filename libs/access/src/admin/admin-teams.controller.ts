import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { NoClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import { AdminRequest, AllowRoles, CurrentAdminRequest } from './admin-role.guard';
import { type AdminPartyView, type AdminTeamView, AdminTeamsService } from './admin-teams.service';
import { AddTeamMemberDto, CreatePartyDto, CreateTeamDto } from './admin.dto';

const WHY = 'user administration';

/** Casusoverleg teams and parties (issue 5 item 1): admin only (403 otherwise); every change is in the admin log. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
@AllowRoles('admin')
export class AdminTeamsController {
  constructor(private readonly teams: AdminTeamsService) {}

  @Get('teams')
  @NoClientData(WHY)
  @ApiOperation({ summary: 'Every casusoverleg team with its municipality and participants (admin)' })
  list(): Promise<AdminTeamView[]> {
    return this.teams.list();
  }

  @Post('teams')
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Make a casusoverleg team (admin)',
    description:
      'municipalityId, or municipality {name, code} (made if its CBS code is new). 409: the municipality has a ' +
      'team by this name, or the code is on record under another name. The chair sets it up (PATCH /api/teams/:id).',
  })
  create(@CurrentAdminRequest() by: AdminRequest, @Body() body: CreateTeamDto): Promise<AdminTeamView> {
    return this.teams.create(by, body);
  }

  @Post('teams/:id/members')
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Let a user take part in the team (admin)',
    description: '409: takes part already; 422: an admin, a privacy officer or a disabled user.',
  })
  addMember(
    @CurrentAdminRequest() by: AdminRequest,
    @UuidParam('id') id: string,
    @Body() body: AddTeamMemberDto,
  ): Promise<AdminTeamView> {
    return this.teams.addMember(by, id, body.userId);
  }

  @Delete('teams/:id/members/:userId')
  @NoClientData(WHY)
  @ApiOperation({ summary: 'Remove a participant from the team (admin)' })
  removeMember(
    @CurrentAdminRequest() by: AdminRequest,
    @UuidParam('id') id: string,
    @UuidParam('userId') userId: string,
  ): Promise<AdminTeamView> {
    return this.teams.removeMember(by, id, userId);
  }

  @Get('parties')
  @NoClientData(WHY)
  @ApiOperation({ summary: 'Every party with its number of accounts (admin)' })
  listParties(): Promise<AdminPartyView[]> {
    return this.teams.listParties();
  }

  @Post('parties')
  @NoClientData(WHY)
  @ApiOperation({
    summary: 'Add a party (organisation) of one of the kinds of domain.md §1 (admin)',
    description: '409: a party of this kind by this name exists.',
  })
  createParty(
    @CurrentAdminRequest() by: AdminRequest,
    @Body() body: CreatePartyDto,
  ): Promise<AdminPartyView> {
    return this.teams.createParty(by, body);
  }
}
