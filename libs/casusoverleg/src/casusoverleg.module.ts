import { Module } from '@nestjs/common';
import { ClientAccessModule } from '@koers/access';
import { DeadlinesModule } from '@koers/deadlines';
import { TrajectoryModule } from '@koers/trajectory';
import { CaseIntakeService } from './case-intake.service';
import { MeetingOutputsService } from './meeting-outputs.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** The casusoverleg's meeting cycle: planning, the generated agenda, what the meeting records, its outputs. */
@Module({
  imports: [TrajectoryModule, DeadlinesModule, ClientAccessModule],
  controllers: [MeetingsController],
  providers: [MeetingsRepository, MeetingsService, MeetingOutputsService, CaseIntakeService],
})
export class CasusoverlegModule {}
