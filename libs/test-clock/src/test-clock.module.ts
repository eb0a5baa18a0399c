import { Global, Module } from '@nestjs/common';
import { Clock, ClockModule } from '@koers/clock';
import { DeadlineFiringService } from '@koers/deadlines';
import { SharedTestClock } from './shared-test-clock';
import { TestClockController } from './test-clock.controller';

/** Replaces the system clock with the shared test clock; the API also gets POST /api/test/clock. */
@Global()
@Module({
  providers: [SharedTestClock, { provide: Clock, useExisting: SharedTestClock }],
  exports: [Clock, SharedTestClock],
})
export class TestClockModule {}

@Module({ controllers: [TestClockController], providers: [DeadlineFiringService] })
export class TestClockApiModule {}

/** The clock modules for an app: the system clock, or with TEST_CLOCK=1 the shared test clock. */
export function clockModules(env: NodeJS.ProcessEnv = process.env, api = false) {
  if (env.TEST_CLOCK !== '1') return [ClockModule];
  return api ? [TestClockModule, TestClockApiModule] : [TestClockModule];
}
