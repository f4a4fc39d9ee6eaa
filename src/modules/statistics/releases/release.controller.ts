import { Body, Controller, Get, Param, Post, Res } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '../../../core/access/permission';
import { RequirePermission } from '../../../core/access/route-permission.decorator';
import { AuditAction } from '../../../core/audit/audit-action';
import { Audited } from '../../../core/audit/audited.decorator';
import { BodyLimit, SMALL_BODY } from '../../../core/http/body-limit.decorator';
import { UuidParamPipe } from '../../../core/http/validation';
import {
  PublishedTableDto,
  PublishReleaseDto,
  ReleaseSummaryDto,
  ReleaseViewDto,
  RequestAllowanceDto,
  RequestTableDto,
} from './dto/release.dto';
import { ReleaseReader } from './release-contract';
import type { PublishedTable, ReleaseSummary, ReleaseView, RequestAllowance } from './release-contract';

const uuid = new UuidParamPipe();

function csvHeaders(response: Response, filename: string): void {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
}

/** The Commission's statistics: published releases only (docs/statistics.md), and tables requested from them. */
@ApiTags('statistics')
@Controller('statistics')
export class ReleaseController {
  constructor(private readonly releases: ReleaseReader) {}

  @Get('releases')
  @ApiOperation({ summary: 'List the published releases' })
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  @ApiOkResponse({ type: [ReleaseSummaryDto], description: 'Every release, newest first' })
  list(): Promise<readonly ReleaseSummary[]> {
    return this.releases.list();
  }

  @Get('releases/:id')
  @ApiOperation({ summary: 'Read a release: its tables, timeliness and requested tables' })
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  @ApiOkResponse({ type: ReleaseViewDto, description: 'The release as stored; a withheld count is null' })
  read(@Param('id', uuid) id: string): Promise<ReleaseView> {
    return this.releases.read(id);
  }

  @Get('releases/:id/tables.csv')
  @ApiOperation({ summary: "Download a release's tables as CSV" })
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string', description: 'CSV: table, years, dimension/category pairs, count, withheld' },
    description: 'The stored bytes: the same on every download',
  })
  async tables(@Param('id', uuid) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.releases.tablesCsv(id);
    csvHeaders(response, `panoh-release-${id}-tables.csv`);
    return csv;
  }

  @Get('releases/:id/ctdc.csv')
  @ApiOperation({ summary: "Download a release's CTDC-layout dataset" })
  @RequirePermission(Permission.StatisticsExport)
  @Audited(AuditAction.StatisticsReleaseRead)
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string', description: 'CSV in the CTDC column layout, one record a line, with a header line' },
    description:
      'The stored bytes: k-anonymous and l-diverse (suppression mode) or synthetic (dp mode), the same on every download',
  })
  async ctdc(@Param('id', uuid) id: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const csv = await this.releases.ctdcCsv(id);
    csvHeaders(response, `panoh-release-${id}-ctdc.csv`);
    return csv;
  }

  @Get('requests/allowance')
  @ApiOperation({ summary: "The Commission's requests this month and its monthly limit" })
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsReleaseRead)
  @ApiOkResponse({
    type: RequestAllowanceDto,
    description: 'Counted per organisation and UTC month, refusals included',
  })
  allowance(): Promise<RequestAllowance> {
    return this.releases.allowance();
  }

  @Post('requests')
  @ApiOperation({
    summary: 'Request a table outside the catalogue from the latest release',
    description:
      'Refusals (422, code cyclic, too-detailed, unprotectable, dp-mode or no-release) count against the monthly limit; beyond it 429',
  })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsRequested)
  @ApiCreatedResponse({
    type: PublishedTableDto,
    description: "Published, protected jointly with everything published from the latest release's snapshot",
  })
  request(@Body() dto: RequestTableDto): Promise<PublishedTable> {
    return this.releases.request(dto.dimensions);
  }

  @Post('releases')
  @ApiOperation({
    summary: 'Publish the release of a closed period (a new version when one exists)',
    description:
      '409 revision-deferred when the new version would differ from the last by fewer than k somewhere (nothing stored); 422 naming period for the current or a future period',
  })
  @BodyLimit(SMALL_BODY)
  @RequirePermission(Permission.StatisticsPublish)
  @Audited(AuditAction.StatisticsReleasePublished)
  @ApiCreatedResponse({ type: ReleaseSummaryDto, description: 'The release as stored and signed' })
  publish(@Body() dto: PublishReleaseDto): Promise<ReleaseSummary> {
    return this.releases.publish(dto.period);
  }
}
