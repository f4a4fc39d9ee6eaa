// The reports module's public face: what other modules may use of it.
export { ReportsModule } from './reports.module';
