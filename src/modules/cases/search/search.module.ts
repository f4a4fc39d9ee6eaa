import { Module } from '@nestjs/common';
import { CasesModule } from '../case-records';
import { PersonsModule } from '../persons';
import { CaseSearchController } from './case-search.controller';
import { CaseSearchService } from './case-search.service';
import { SearchPagesController } from './pages/search.pages.controller';

/** Search of the cases a caller may see, through the search's blind index (docs/crypto.md, "Search"). */
@Module({
  imports: [CasesModule, PersonsModule],
  controllers: [CaseSearchController, SearchPagesController],
  providers: [CaseSearchService],
  exports: [CaseSearchService],
})
export class CaseSearchModule {}
