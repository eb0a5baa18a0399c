import { Controller, Get, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessModule, Public } from '@koers/access';
import { ClockModule } from '@koers/clock';
import { ConfigModule } from '@koers/config';
import { PersistenceModule } from '@koers/persistence';
import { DeadlinesModule } from '@koers/deadlines';
import { NotificationsModule } from '@koers/notifications';
import { TrajectoryModule } from '@koers/trajectory';

@ApiTags('health')
@Controller('health')
class HealthController {
  @Public()
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

@Module({
  imports: [
    ConfigModule.forRoot(),
    ClockModule,
    PersistenceModule,
    AccessModule,
    TrajectoryModule,
    DeadlinesModule,
    NotificationsModule,
  ],
  controllers: [HealthController],
})
export class AppModule {}
