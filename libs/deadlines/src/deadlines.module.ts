import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { DeadlinesController } from './deadlines.controller';
import { DeadlineRepository } from './deadline.repository';
import { DeadlinesService } from './deadlines.service';
import { DeadlineWriter } from './deadline.writer';
import { SubjectDeadlineWriter } from './subject-deadline.writer';

@Module({
  imports: [ClientAccessModule],
  controllers: [DeadlinesController],
  providers: [DeadlineRepository, DeadlinesService, DeadlineWriter, SubjectDeadlineWriter],
  exports: [DeadlineWriter, DeadlinesService, SubjectDeadlineWriter],
})
export class DeadlinesModule {}
