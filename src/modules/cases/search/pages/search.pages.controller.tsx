import { Body, Get, HttpCode, Post } from '@nestjs/common';
import type { AuthenticatedUser } from '../../../../core/access/authenticated-user';
import { CurrentUser } from '../../../../core/access/current-user.decorator';
import { Permission } from '../../../../core/access/permission';
import { RequirePermission } from '../../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../../core/audit/audit-action';
import { Audited } from '../../../../core/audit/audited.decorator';
import type { FormBody } from '../../../../core/web/forms';
import { text, validateAs } from '../../../../core/web/forms';
import type { Html } from '../../../../core/web/jsx';
import { jsx } from '../../../../core/web/jsx';
import type { PageContext } from '../../../../core/web/page';
import { Page, PageController, PageRefusal } from '../../../../core/web/page';
import { CaseSearchService } from '../case-search.service';
import { CaseSearchDto } from '../dto/case-search.dto';
import { SearchErrorCode, SearchException } from '../search.exception';
import { searchMessages } from './search.messages';
import { SearchPage } from './search.page';

/**
 * The search page, over the API's CaseSearchService with POST /cases/search's permission and audit
 * action. The form posts what was typed, and the answer to the POST is the results page: no search
 * term is ever in a URL, a redirect or the browser's history of addresses.
 */
@PageController('search')
export class SearchPagesController {
  constructor(private readonly search: CaseSearchService) {}

  /** The empty form: nothing of anyone is read or shown. */
  @Get()
  @RequirePermission(Permission.CodeListRead)
  form(@Page() page: PageContext): Html {
    return <SearchPage page={page} />;
  }

  @Post()
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseSearched)
  @HttpCode(200)
  async find(
    @Page() page: PageContext,
    @CurrentUser() actor: AuthenticatedUser,
    @Body() body: FormBody,
  ): Promise<Html> {
    const m = searchMessages.in(page.language);
    const values = { query: text(body, 'query') };
    const form = await validateAs(CaseSearchDto, { query: values.query ?? '' }, page.language);
    if ('errors' in form) throw new PageRefusal(400, <SearchPage page={page} values={values} errors={form.errors} />);
    try {
      const result = await this.search.search(actor, form.value);
      return <SearchPage page={page} values={values} results={result.items} />;
    } catch (error) {
      if (!(error instanceof SearchException)) throw error;
      const problem = error.code === SearchErrorCode.TooManyWords ? m('too_many') : m('nothing');
      throw new PageRefusal(error.status, <SearchPage page={page} values={values} errors={{ query: problem }} />);
    }
  }
}
