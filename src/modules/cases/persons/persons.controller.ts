import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Injectable,
  Param,
  Patch,
  Post,
  Query,
  UseGuards,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiHeader,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '../../../core/access/authenticated-user';
import { CurrentUser } from '../../../core/access/current-user.decorator';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { AccessLogPageDto, AccessLogQueryDto } from '../../../core/audit/dto/audit-query.dto';
import { DuplicateCheckDto, DuplicateCheckResultDto } from './dto/duplicate-check.dto';
import { CreatePersonDto, PersonDto, UpdatePersonDto } from './dto/person.dto';
import { DuplicateCheckService } from './duplicate-check.service';
import { DuplicateCheckThrottleGuard } from './duplicate-check-throttle.guard';
import { PersonsService } from './persons.service';
import { Idempotent, IdempotentReplay } from '../../../core/idempotency/idempotent.decorator';

const uuid = new UuidParamPipe();

/** A retried registration answered again: the person's file as it is now. */
@Injectable()
export class PersonReplay implements IdempotentReplay {
  constructor(private readonly persons: PersonsService) {}

  replay(actor: AuthenticatedUser, _params: Record<string, string>, id: string): Promise<PersonDto> {
    return this.persons.get(actor, id);
  }
}

@ApiTags('persons')
@Controller('persons')
export class PersonsController {
  constructor(
    private readonly persons: PersonsService,
    private readonly duplicates: DuplicateCheckService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Register a person' })
  @RequirePermission(Permission.PersonWrite)
  @Audited(AuditAction.PersonCreated)
  @Idempotent({ replay: PersonReplay })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description: 'A retry with the same key (24 h, per user) gets the first answer instead of a second record',
  })
  @ApiCreatedResponse({ type: PersonDto })
  create(@Body() dto: CreatePersonDto, @CurrentUser() actor: AuthenticatedUser): Promise<PersonDto> {
    return this.persons.create(actor, dto);
  }

  @Post('duplicates/check')
  @ApiOperation({ summary: 'Check whether a person may be registered already' })
  @RequirePermission(Permission.PersonDuplicateCheck)
  @Audited(AuditAction.PersonDuplicateChecked)
  @UseGuards(DuplicateCheckThrottleGuard)
  @HttpCode(200)
  @ApiOkResponse({ type: DuplicateCheckResultDto })
  checkDuplicates(
    @Body() dto: DuplicateCheckDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<DuplicateCheckResultDto> {
    return this.duplicates.check(actor, dto);
  }

  @Get(':id')
  @ApiOperation({ summary: "Read a person's file" })
  @RequirePermission(Permission.PersonRead)
  @Audited(AuditAction.PersonViewed)
  @ApiOkResponse({ type: PersonDto })
  get(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<PersonDto> {
    return this.persons.get(actor, id);
  }

  @Patch(':id')
  @ApiOperation({ summary: "Change a person's file" })
  @RequirePermission(Permission.PersonWrite)
  @Audited(AuditAction.PersonUpdated)
  @ApiOkResponse({ type: PersonDto })
  update(
    @Param('id', uuid) id: string,
    @Body() dto: UpdatePersonDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<PersonDto> {
    return this.persons.update(actor, id, dto);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Erase a person: their data key and blind indexes are destroyed' })
  @RequirePermission(Permission.PersonErase)
  @Audited(AuditAction.PersonErased)
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Erased: its data key and blind indexes are destroyed' })
  erase(@Param('id', uuid) id: string, @CurrentUser() actor: AuthenticatedUser): Promise<void> {
    return this.persons.erase(actor, id);
  }

  @Get(':id/access-log')
  @ApiOperation({ summary: "Who has opened a person's file" })
  @RequirePermission(Permission.AccessLogRead)
  @Audited(AuditAction.PersonAccessLogViewed)
  @ApiOkResponse({
    type: AccessLogPageDto,
    description: "Who has opened this person's file: every audit event that touched it",
  })
  accessLog(
    @Param('id', uuid) id: string,
    @Query() page: AccessLogQueryDto,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<AccessLogPageDto> {
    return this.persons.accessLog(actor, id, page);
  }
}
