import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor } from '@koers/access';
import { UuidParam } from '@koers/validation';
import { CreateJournalEntryDto } from './dto/create-journal-entry.dto';
import { JournalEntryView, JournalService } from './journal.service';

@ApiTags('journal')
@ApiBearerAuth()
@Controller('clients/:clientId/journal')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Post()
  @ApiOperation({
    summary:
      "Write in a client's journal (contact moment, police contact, network signal, nuisance report, note)",
    description:
      'Author and party come from the session. An entry by the police notifies the addiction-care participants ' +
      '(or their deputies) of the casusoverleg once, naming no client. 400: invalid input (nothing is written); ' +
      "404: no such client in the user's casusoverleg teams.",
  })
  record(
    @CurrentActor() actor: Actor,
    @UuidParam('clientId') clientId: string,
    @Body() body: CreateJournalEntryDto,
  ): Promise<JournalEntryView> {
    return this.journal.record(actor, clientId, body);
  }

  @Get()
  @ApiOperation({ summary: "The client's journal, newest first" })
  list(@CurrentActor() actor: Actor, @UuidParam('clientId') clientId: string): Promise<JournalEntryView[]> {
    return this.journal.list(actor, clientId);
  }
}
