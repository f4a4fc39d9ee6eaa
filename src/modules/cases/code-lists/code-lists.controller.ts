import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { codeListCatalogue } from './code-list-catalogue';
import type { CodeListCatalogue } from './code-list-catalogue';

const CATALOGUE = codeListCatalogue();

/** The code lists, with labels in English, Russian and Tajik. Not victim data: not audited. */
@ApiTags('code-lists')
@Controller('code-lists')
export class CodeListsController {
  @Get()
  @RequirePermission(Permission.CodeListRead)
  @ApiOkResponse({
    description: '{version, attribution, lists: [{name, source, version?, values: [{code, labels: {en, ru, tg}}]}]}',
  })
  list(): CodeListCatalogue {
    return CATALOGUE;
  }
}
