import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { JournalController } from './journal.controller';
import { JournalService } from './journal.service';

/** The client journal between meetings (issue 4 item 6). */
@Module({
  imports: [ClientAccessModule],
  controllers: [JournalController],
  providers: [JournalService],
  exports: [JournalService],
})
export class JournalModule {}
