import { Controller, DynamicModule, Get, Module } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AccessModule, Public } from '@koers/access';
import { AuditModule } from '@koers/audit';
import { BudgetModule } from '@koers/budget';
import { CasusoverlegModule } from '@koers/casusoverleg';
import { ClientRightsModule } from '@koers/client-rights';
import { ConfigModule } from '@koers/config';
import { PersistenceModule } from '@koers/persistence';
import { DeadlinesModule } from '@koers/deadlines';
import { JournalModule } from '@koers/journal';
import { NotificationsModule } from '@koers/notifications';
import { TeamsModule } from '@koers/teams';
import { clockModules } from '@koers/test-clock';
import { TrajectoryModule } from '@koers/trajectory';
import { ReportingModule } from '@koers/reporting';
import { DocumentsModule } from '@koers/documents';
import { RecoveryModule } from '@koers/recovery';

@ApiTags('health')
@Controller('health')
class HealthController {
  @Public()
  @Get()
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }
}

/** The API's modules, chosen from the environment when the app is built (e.g. the test clock). */
@Module({})
export class AppModule {
  static register(env: NodeJS.ProcessEnv = process.env): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(env),
        ...clockModules(env, true),
        PersistenceModule,
        AccessModule,
        TrajectoryModule,
        DeadlinesModule,
        CasusoverlegModule,
        NotificationsModule,
        JournalModule,
        TeamsModule,
        ClientRightsModule,
        ReportingModule,
        BudgetModule,
        RecoveryModule,
        DocumentsModule,
        // The access log: the request id of every request and the interceptor that logs client data.
        AuditModule,
      ],
      controllers: [HealthController],
    };
  }
}
