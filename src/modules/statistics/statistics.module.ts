import { Module } from '@nestjs/common';
import { StatisticsReleasesPagesController } from './pages/releases.pages.controller';
import { PrivateAnswers } from './private-answers';
import { StatisticsController } from './statistics.controller';
import { StatisticsRepository } from './statistics.repository';
import { StatisticsService } from './statistics.service';

/** Anonymised statistics for the Commission (docs/statistics.md). */
@Module({
  controllers: [StatisticsController, StatisticsReleasesPagesController],
  providers: [StatisticsService, PrivateAnswers, StatisticsRepository],
})
export class StatisticsModule {}
