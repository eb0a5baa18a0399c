import { Body, Controller, Delete, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { UuidParam } from '@koers/validation';
import { ClientData } from '@koers/audit';
import type { Actor } from './actor';
import { CurrentActor } from './auth.guard';
import { InviteDto } from './invitation.dto';
import { InvitationView, InvitationsService } from './invitations.service';

@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('clients/:id/invitations')
  @ClientData({ event: 'write', categories: ['trajectory'] })
  @ApiOperation({
    summary:
      'Invite a chain partner to this client (chair or case coordinator): scope within its need-to-know, until a date',
  })
  invite(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: InviteDto,
  ): Promise<InvitationView> {
    return this.invitations.invite(actor, id, body);
  }

  @Get('clients/:id/invitations')
  @ClientData({ event: 'read', categories: ['trajectory'] })
  @ApiOperation({ summary: "The client's invitations, active and past" })
  list(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<InvitationView[]> {
    return this.invitations.list(actor, id);
  }

  @Delete('invitations/:id')
  @ClientData({ event: 'write', categories: ['trajectory'] })
  @ApiOperation({ summary: 'Revoke an invitation: the partner no longer sees the client' })
  revoke(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<InvitationView> {
    return this.invitations.revoke(actor, id);
  }
}
