import { Controller, Get, Header, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Permission } from '../../core/access/permission';
import { RequirePermission } from '../../core/access/route-permission.decorator';
import { AuditAction } from '../../core/audit/audit-action';
import { Audited } from '../../core/audit/audited.decorator';
import { ctdcDownload } from './ctdc-download';
import { StatisticsQueryDto, TimelinessQueryDto } from './dto/statistics-query.dto';
import { StatisticsAnswerDto, TimelinessAnswerDto } from './dto/statistics-answer.dto';
import { StatisticsService } from './statistics.service';

/** The Commission's statistics: counts under disclosure control and the anonymised CTDC dataset. */
@ApiTags('statistics')
@Controller('statistics')
export class StatisticsController {
  constructor(private readonly statistics: StatisticsService) {}

  @Get('cases')
  @ApiOperation({ summary: 'Count cases under disclosure control' })
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsQueried)
  @ApiOkResponse({
    type: StatisticsAnswerDto,
    description:
      'Counts of cases by up to three dimensions with every margin; a withheld count is null (docs/statistics.md)',
  })
  cases(@Query() query: StatisticsQueryDto): Promise<StatisticsAnswerDto> {
    return this.statistics.countCases(query);
  }

  @Get('timeliness')
  @ApiOperation({ summary: 'NRM timeliness under disclosure control' })
  @RequirePermission(Permission.StatisticsRead)
  @Audited(AuditAction.StatisticsQueried)
  @ApiOkResponse({
    type: TimelinessAnswerDto,
    description:
      'NRM timeliness: median days from identification to the first accepted referral, median referral response days, overdue referrals; under the same disclosure rules',
  })
  timeliness(@Query() query: TimelinessQueryDto): Promise<TimelinessAnswerDto> {
    return this.statistics.timeliness(query);
  }

  @Get('export/ctdc.csv')
  @ApiOperation({ summary: 'Download the k-anonymised CTDC dataset' })
  @RequirePermission(Permission.StatisticsExport)
  @Audited(AuditAction.ExportDownloaded)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="panoh-ctdc.csv"')
  @ApiProduces('text/csv')
  @ApiOkResponse({
    schema: { type: 'string', description: 'CSV, one record a line, with a header line' },
    description:
      'The k-anonymised dataset in the CTDC column layout; X-Panoh-Records, X-Panoh-Records-Generalised and X-Panoh-Records-Withheld summarise it (banded: 0, <k, or to the nearest 5)',
  })
  ctdc(@Res({ passthrough: true }) response: Response): Promise<string> {
    return ctdcDownload(this.statistics, response);
  }
}
