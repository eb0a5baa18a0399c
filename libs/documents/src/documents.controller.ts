import { Controller, Get, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, type DataCategory } from '@koers/access';
import { type AuditContext, ClientData } from '@koers/audit';
import { UuidParam } from '@koers/validation';
import { renderClientSummaryPdf } from './client-summary.pdf';
import { AGREEMENT_CATEGORIES, DocumentsService, SUMMARY_CATEGORIES } from './documents.service';
import { renderThreePartyAgreementPdf } from './three-party-agreement.pdf';

/** A PDF answer that tells the access log which data categories it showed this reader. */
export class DocumentFile extends StreamableFile {
  constructor(
    pdf: Buffer,
    filename: string,
    readonly categories: DataCategory[],
  ) {
    super(pdf, { type: 'application/pdf', disposition: `attachment; filename="${filename}"` });
  }
}

/** For the access log: the categories the document showed (after success), else what the route can show. */
function documentCategories({ response }: AuditContext): DataCategory[] | undefined {
  return response instanceof DocumentFile ? response.categories : undefined;
}

@ApiTags('documents')
@ApiBearerAuth()
@Controller('clients/:id/documents')
export class DocumentsController {
  constructor(private readonly documents: DocumentsService) {}

  @Get('three-party-agreement.pdf')
  // Answered by Nest rather than through @Res(): the access-log row is written before the file goes out.
  @ClientData({ event: 'export', categories: AGREEMENT_CATEGORIES, categoriesOf: documentCategories })
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'The three-party agreement (driepartijenovereenkomst) of the client as a PDF, filled in',
    description:
      'From the HOUSED event’s threePartyAgreement (landlord, care provider, start date), the debt arrangement ' +
      '(who administers the finances) and the running three_party_evaluation deadline (the evaluation date). ' +
      '422: no agreement recorded; 403: your party may not see identity, housing and finances of the client; ' +
      '404: client out of reach. Logged as `export`.',
  })
  async threePartyAgreement(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
  ): Promise<DocumentFile> {
    const { input, categories } = await this.documents.threePartyAgreement(actor, id);
    return new DocumentFile(
      await renderThreePartyAgreementPdf(input),
      `driepartijenovereenkomst-${id}.pdf`,
      categories,
    );
  }

  @Get('summary.pdf')
  @ClientData({ event: 'export', categories: SUMMARY_CATEGORIES, categoriesOf: documentCategories })
  @ApiProduces('application/pdf')
  @ApiOperation({
    summary: 'A one-page client summary for the meeting (PDF): only what the reader may see',
    description:
      'Stage and days in stage, blockers, next deadline, open actions, last decisions, housing, finances and the ' +
      'recovery trend, each only for readers who may see its category (the police gets no health lines). 404: ' +
      'client out of reach. Logged as `export` with the categories it showed.',
  })
  async summary(@CurrentActor() actor: Actor, @UuidParam('id') id: string): Promise<DocumentFile> {
    const { input, categories } = await this.documents.summary(actor, id);
    return new DocumentFile(await renderClientSummaryPdf(input), `clientoverzicht-${id}.pdf`, categories);
  }
}
