import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../../core/http/body-limit.decorator';
import { CaseSearchService } from './case-search.service';
import { CaseSearchDto, CaseSearchResultDto } from './dto/case-search.dto';

@ApiTags('cases')
@Controller('cases')
export class CaseSearchController {
  constructor(private readonly search: CaseSearchService) {}

  @Post('search')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Search the cases the caller may see by name, reference, phone or document number',
    description:
      'A POST so that what is searched for never appears in a URL or a log. Exact matches of normalised ' +
      "words; only fields the caller's view of a case shows are searched; ranked by how many words match.",
  })
  @RequirePermission(Permission.CaseRead)
  @Audited(AuditAction.CaseSearched)
  @BodyLimit(SMALL_BODY)
  @ApiOkResponse({ type: CaseSearchResultDto })
  find(@Body() dto: CaseSearchDto, @CurrentUser() actor: AuthenticatedUser): Promise<CaseSearchResultDto> {
    return this.search.search(actor, dto);
  }
}
