import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, JOURNAL_DATA_CATEGORIES } from '@koers/access';
import { type AuditContext, ClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import { CreateJournalEntryDto } from './dto/create-journal-entry.dto';
import { JournalEntryView, JournalService } from './journal.service';
import { type JournalCategory } from './journal.labels';

const JOURNAL_AUDIT_CATEGORIES = [...new Set(Object.values(JOURNAL_DATA_CATEGORIES))];

const dataCategoryOf = (entry: unknown) => {
  const category = (entry as { category?: unknown } | null)?.category;
  return typeof category === 'string' && Object.hasOwn(JOURNAL_DATA_CATEGORIES, category)
    ? JOURNAL_DATA_CATEGORIES[category as JournalCategory]
    : undefined;
};

/** For the access log: the data categories of the entries returned, or of the one sent (else all of them). */
function journalCategories({ body, response }: AuditContext) {
  if (response !== undefined) return [response].flat().flatMap((entry) => dataCategoryOf(entry) ?? []);
  const sent = dataCategoryOf(body);
  return sent ? [sent] : undefined;
}

@ApiTags('journal')
@ApiBearerAuth()
@Controller('clients/:clientId/journal')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Post()
  @ClientData({ event: 'write', categories: JOURNAL_AUDIT_CATEGORIES, categoriesOf: journalCategories })
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
  @ClientData({ event: 'read', categories: JOURNAL_AUDIT_CATEGORIES, categoriesOf: journalCategories })
  @ApiOperation({ summary: "The client's journal, newest first" })
  list(@CurrentActor() actor: Actor, @UuidParam('clientId') clientId: string): Promise<JournalEntryView[]> {
    return this.journal.list(actor, clientId);
  }
}
