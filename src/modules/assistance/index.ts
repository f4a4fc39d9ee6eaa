export { AssistanceModule } from './assistance.module';
export { ASSISTANCE_ENTITIES } from './assistance.module';
