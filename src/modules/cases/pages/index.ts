// The case pages' public face: their module, for the application to compose.
export { CasePagesModule } from './case-pages.module';
