import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { ClientExportController } from './client-export.controller';
import { ClientExportRepository } from './client-export.repository';
import { ClientExportService } from './client-export.service';

/** The API side of client rights (issue 5 item 5): the data-subject export. */
@Module({
  imports: [ClientAccessModule],
  controllers: [ClientExportController],
  providers: [ClientExportService, ClientExportRepository],
  exports: [ClientExportService],
})
export class ClientRightsModule {}
