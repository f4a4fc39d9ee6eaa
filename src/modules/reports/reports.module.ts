import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/case-records';
import { ReportsPagesController } from './pages/reports.pages.controller';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/**
 * The organisation's own reports. Overdue tasks are counted by whoever provides OVERDUE_TASKS
 * (overdue-tasks.port.ts); without a provider the report says they are not available.
 */
@Module({
  imports: [CasesModule],
  controllers: [ReportsController, ReportsPagesController],
  providers: [ReportsService, ReportsRepository],
})
export class ReportsModule {}
