// The search's public face.
export { CaseSearchModule } from './search.module';
export { CaseSearchService } from './case-search.service';
