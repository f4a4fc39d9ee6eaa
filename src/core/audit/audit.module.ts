import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { AuditChain } from './audit-chain';
import { AuditLogService } from './audit-log.service';
import { AuditSealer } from './audit-sealer.service';
import { AuditVerifier } from './audit-verifier.service';
import { AuditController } from './audit.controller';
import { AuditInterceptor } from './audit.interceptor';
import { AuditWriter } from './audit.writer';
import { AuditPagesController } from './pages/audit.pages.controller';

@Global()
@Module({
  controllers: [AuditController, AuditPagesController],
  providers: [
    AuditWriter,
    AuditChain,
    AuditSealer,
    AuditVerifier,
    AuditLogService,
    { provide: APP_INTERCEPTOR, useClass: AuditInterceptor },
  ],
  exports: [AuditWriter, AuditSealer, AuditVerifier, AuditLogService, AuditChain],
})
export class AuditModule {}
