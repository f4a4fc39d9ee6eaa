export { StatisticsModule } from './statistics.module';
export { ReleaseService } from './releases/release.service';
