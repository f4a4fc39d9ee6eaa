export { InvestigationsModule } from './investigations.module';
export { INVESTIGATION_ENTITIES } from './investigations.module';
