import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '../access/route-permission.decorator';
import { DatabaseProbe } from '../database/database-probe';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly probe: DatabaseProbe) {}

  @Get()
  @ApiOperation({ summary: 'Whether the service and its database are up' })
  @Public()
  @ApiOkResponse({
    description: 'Service and database are up; 503 within 1.5 s when the database is not',
    schema: {
      type: 'object',
      properties: { status: { type: 'string', example: 'ok' }, database: { type: 'string', example: 'up' } },
      required: ['status', 'database'],
    },
  })
  async check(@Res({ passthrough: true }) response: Response): Promise<{ status: string; database: string }> {
    if (await this.probe.isUp()) return { status: 'ok', database: 'up' };
    response.status(HttpStatus.SERVICE_UNAVAILABLE);
    return { status: 'degraded', database: 'down' };
  }
}
