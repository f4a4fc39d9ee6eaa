import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { codeListCatalogue } from './code-list-catalogue';
import type { CodeListCatalogue } from './code-list-catalogue';
import { CodeListCatalogueDto } from './dto/code-list.dto';

const CATALOGUE = codeListCatalogue();

/** The code lists, with labels in English, Russian and Tajik. Not victim data: not audited. */
@ApiTags('code-lists')
@Controller('code-lists')
export class CodeListsController {
  @Get()
  @ApiOperation({ summary: 'The code lists, labelled in English, Russian and Tajik' })
  @RequirePermission(Permission.CodeListRead)
  @ApiOkResponse({ type: CodeListCatalogueDto })
  list(): CodeListCatalogue {
    return CATALOGUE;
  }
}
