import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../access/permission';
import { RequirePermission } from '../access/route-permission.decorator';
import { AuditAction } from './audit-action';
import { AuditLogService } from './audit-log.service';
import { AuditVerifier, VerifyResult } from './audit-verifier.service';
import { Audited } from './audited.decorator';
import { AuditHeadsPageDto, AuditHeadsQueryDto, AuditPageDto, AuditQueryDto } from './dto/audit-query.dto';
import { VerifyResultDto } from './dto/audit-verify.dto';

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly log: AuditLogService,
    private readonly verifier: AuditVerifier,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Search the audit log' })
  @RequirePermission(Permission.AuditRead)
  @Audited(AuditAction.AuditLogRead)
  @ApiOkResponse({ type: AuditPageDto })
  search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.log.search(query);
  }

  @Get('verify')
  @ApiOperation({ summary: "Verify the audit log's hash chain and its signed heads" })
  @RequirePermission(Permission.AuditVerify)
  @Audited(AuditAction.AuditLogVerified)
  @ApiOkResponse({
    type: VerifyResultDto,
    description: 'Whether the log is intact, up to which sequence number, or the first that does not match',
  })
  verify(): Promise<VerifyResult> {
    return this.verifier.verify();
  }

  @Get('heads')
  @ApiOperation({ summary: 'The signed heads of the audit chain, to keep outside the database' })
  @RequirePermission(Permission.AuditRead)
  @Audited(AuditAction.AuditHeadsRead)
  @ApiOkResponse({ type: AuditHeadsPageDto })
  heads(@Query() query: AuditHeadsQueryDto): Promise<AuditHeadsPageDto> {
    return this.log.heads(query);
  }
}
