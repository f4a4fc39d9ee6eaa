import { Controller, Get } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { Permission } from '../access/permission';
import { RequirePermission } from '../access/route-permission.decorator';
import { AuditAction } from '../audit/audit-action';
import { AuditCoverage, unauditedVictimDataRoutes } from './audit-coverage';
import { Audited } from '../audit/audited.decorator';

@Controller('records')
class RecordsController {
  @Get('audited')
  @RequirePermission(Permission.PersonRead)
  @Audited(AuditAction.PersonViewed)
  audited() {}

  @Get('forgotten')
  @RequirePermission(Permission.PersonRead)
  forgotten() {}

  @Get('harmless')
  @RequirePermission(Permission.OrganisationRead)
  harmless() {}
}

describe('AuditCoverage', () => {
  it('names each route that reaches victim data without an audit action, and only those', async () => {
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [RecordsController],
    }).compile();
    expect(unauditedVictimDataRoutes(module)).toEqual(['GET /records/forgotten']);
  });

  it('stops the application from starting while such a route exists', async () => {
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule],
      controllers: [RecordsController],
      providers: [AuditCoverage],
    }).compile();
    await expect(module.createNestApplication().init()).rejects.toThrow(/GET \/records\/forgotten/);
  });
});
