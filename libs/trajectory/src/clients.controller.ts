import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, DATA_CATEGORIES } from '@koers/access';
import { ClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import { CreateClientDto } from './dto/create-client.dto';
import type { LegalBasisView } from './legal-basis.view';
import { ClientDetail, ClientListItem, TrajectoryService, TrajectoryView } from './trajectory.service';

@ApiTags('clients')
@ApiBearerAuth()
@Controller('clients')
export class ClientsController {
  constructor(private readonly trajectories: TrajectoryService) {}

  @Post()
  @ClientData<ClientDetail>({
    event: 'write',
    categories: ['identity', 'trajectory'],
    clients: { fromResponse: (detail) => [detail.client.id] },
  })
  @ApiOperation({ summary: 'Register a signal: a new client whose trajectory starts in stage `signal`' })
  async create(@CurrentActor() actor: Actor, @Body() body: CreateClientDto): Promise<ClientDetail> {
    const clientId = await this.trajectories.registerClient(actor, body);
    return this.trajectories.getClient(actor, clientId);
  }

  @Get()
  @ClientData<ClientListItem[]>({
    event: 'search',
    categories: ['identity'],
    clients: { fromResponse: (list) => list.map((client) => client.id) },
  })
  @ApiOperation({ summary: "Clients of the user's casusoverleg teams with stage and days in stage" })
  list(@CurrentActor() actor: Actor): Promise<ClientListItem[]> {
    return this.trajectories.listClients(actor);
  }

  @Get(':id')
  @ClientData({ event: 'read', categories: DATA_CATEGORIES })
  @ApiOperation({
    summary: 'The client with its trajectory: stage, state, allowed and blocked events, history',
  })
  get(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<ClientDetail> {
    return this.trajectories.getClient(actor, id);
  }

  @Get(':id/legal-basis')
  @ClientData<LegalBasisView>({
    event: 'read',
    categories: ['identity', 'trajectory'],
    // Without the trajectory category the answer is the kind only (shown with identity).
    categoriesOf: ({ response }) =>
      response === undefined
        ? undefined
        : (response as LegalBasisView).history
          ? ['identity', 'trajectory']
          : ['identity'],
  })
  @ApiOperation({
    summary:
      "The client's legal basis: its kind and what that allows to be shared; with the trajectory category also who recorded it, when, its scope or justification, and every earlier basis",
  })
  legalBasis(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<LegalBasisView> {
    return this.trajectories.getLegalBasis(actor, id);
  }

  @Post(':id/events')
  @ClientData({ event: 'write', categories: DATA_CATEGORIES })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send an event into the trajectory; answers the new trajectory (GET the client for its history)',
    description:
      '400: invalid payload (the message names the field); 409: `expectedVersion` is stale; 422: this stage does not accept the event or a rule refuses it (the reasons say why). A refused request changes nothing.',
  })
  @ApiBody({
    schema: {
      type: 'object',
      required: ['type'],
      properties: {
        type: { type: 'string', example: 'CONSENT_GIVEN' },
        expectedVersion: { type: 'integer', example: 2 },
      },
      additionalProperties: true,
      example: {
        type: 'CONSENT_GIVEN',
        expectedVersion: 2,
        scope: 'Informatie delen binnen de casusoverleg',
      },
    },
  })
  send(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Body() body: Record<string, unknown>,
  ): Promise<TrajectoryView> {
    return this.trajectories.recordEvent(actor, id, body);
  }
}
