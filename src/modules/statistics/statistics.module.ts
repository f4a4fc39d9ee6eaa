import { Module } from '@nestjs/common';
import { StatisticsReleasesPagesController } from './pages/releases.pages.controller';
import { ReleaseReader } from './releases/release-contract';
import { ReleaseController } from './releases/release.controller';
import { ReleaseRepository } from './releases/release.repository';
import { ReleaseService } from './releases/release.service';
import { ReleaseSignature } from './releases/release-signature';

/** Statistics for the Commission: published releases (docs/statistics.md). */
@Module({
  controllers: [ReleaseController, StatisticsReleasesPagesController],
  providers: [
    ReleaseService,
    ReleaseRepository,
    ReleaseSignature,
    { provide: ReleaseReader, useExisting: ReleaseService },
  ],
  exports: [ReleaseReader, ReleaseService],
})
export class StatisticsModule {}
