import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Actor, CurrentActor, DATA_CATEGORIES } from '@koers/access';
import { ClientData } from '@koers/audit';
import { ValidationFailedException } from '@koers/errors';
import { UuidParam } from '@koers/validation';
import { renderClientExportPdf } from './client-export.pdf';
import { ClientExportService } from './client-export.service';

const FORMATS = ['json', 'pdf'] as const;

@ApiTags('clients')
@ApiBearerAuth()
@Controller('clients')
export class ClientExportController {
  constructor(private readonly exports: ClientExportService) {}

  @Get(':id/export')
  // Every category: the export is the whole file. The row names only this client (the route parameter).
  @ClientData({ event: 'export', categories: DATA_CATEGORIES, clients: { responseClientIds: false } })
  @ApiQuery({ name: 'format', enum: FORMATS, required: false })
  @ApiOperation({
    summary: 'Data-subject export: everything stored about one client, as JSON (default) or a Dutch PDF',
    description:
      "Only the chair of the client's casusoverleg (403 for others who can see the client, 404 when it is out of reach). Logged as `export`.",
  })
  async export(
    @CurrentActor() actor: Actor,
    @UuidParam('id') id: string,
    @Query('format') format: unknown = 'json',
  ): Promise<StreamableFile> {
    if (format !== 'json' && format !== 'pdf') {
      throw new ValidationFailedException([
        { code: 'invalid_field', field: 'format', message: `format must be one of: ${FORMATS.join(', ')}` },
      ]);
    }
    const data = await this.exports.export(actor, id);
    // Answered by Nest rather than through @Res(): the access-log row is written before the file goes out.
    if (format === 'pdf') {
      return new StreamableFile(await renderClientExportPdf(data), {
        type: 'application/pdf',
        disposition: `attachment; filename="koers-gegevens-${id}.pdf"`,
      });
    }
    return new StreamableFile(Buffer.from(JSON.stringify(data, null, 2), 'utf8'), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="koers-gegevens-${id}.json"`,
    });
  }
}
