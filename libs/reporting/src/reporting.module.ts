import { Module } from '@nestjs/common';
import { ReportRepository } from './report.repository';
import { ReportsController } from './reports.controller';
import { ReportsService } from './reports.service';

/** In- and outflow reporting (issue 7): the report, its CSV/XLSX export and the drilldown to trajectories. */
@Module({
  controllers: [ReportsController],
  providers: [ReportsService, ReportRepository],
  exports: [ReportsService],
})
export class ReportingModule {}
