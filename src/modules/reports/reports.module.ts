import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/case-records';
import { TasksModule } from '../tasks';
import { ReportsPagesController } from './pages/reports.pages.controller';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';

/**
 * The organisation's own reports. Overdue tasks are counted by the tasks module (OVERDUE_TASKS), for
 * the organisation's own manager.
 */
@Module({
  imports: [CasesModule, TasksModule],
  controllers: [ReportsController, ReportsPagesController],
  providers: [ReportsService, ReportsRepository],
})
export class ReportsModule {}
