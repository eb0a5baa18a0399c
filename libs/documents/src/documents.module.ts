import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { RecoveryModule } from '@koers/recovery';
import { DocumentsController } from './documents.controller';
import { DocumentsRepository } from './documents.repository';
import { DocumentsService } from './documents.service';

/** The documents people sign or take to the meeting (issue 7 item 5). */
@Module({
  imports: [ClientAccessModule, RecoveryModule],
  controllers: [DocumentsController],
  providers: [DocumentsService, DocumentsRepository],
  exports: [DocumentsService],
})
export class DocumentsModule {}
