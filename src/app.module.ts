import { DynamicModule, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { DiscoveryModule } from '@nestjs/core';
import {
  appConfig,
  auditConfig,
  authConfig,
  cryptoConfig,
  databaseConfig,
  nrmConfig,
  statisticsConfig,
  taskConfig,
  webAuthnConfig,
} from './core/config';
import { AuditModule } from './core/audit/audit.module';
import { AuthModule } from './core/auth/auth.module';
import { CryptoModule } from './core/crypto/crypto.module';
import { DatabaseModule } from './core/database/database.module';
import { GuardModule } from './core/guard/guard.module';
import { HealthController } from './core/health/health.controller';
import { HttpModule } from './core/http/http.module';
import { LoggingModule } from './core/logging/logging.module';
import { TimeModule } from './core/time/time.module';
import { CasesModule } from './modules/cases/case-records';
import { CodeListsModule } from './modules/cases/code-lists';
import { PersonsModule } from './modules/cases/persons';
import { StagesModule } from './modules/cases/stages';
import { EventsModule } from './modules/cases/events';
import { NotificationsModule } from './modules/notifications';
import { ReferralsModule } from './modules/referrals';
import { OrganisationsModule } from './modules/organisations';
import { StatisticsModule } from './modules/statistics';
import { UsersModule } from './modules/users';
import { WebModule } from './core/web/web.module';
import { AssistanceModule } from './modules/assistance';
import { AttachmentsModule } from './modules/attachments';
import { NotesModule } from './modules/notes';
import { CaseSearchModule } from './modules/cases/search';
import { InvestigationsModule } from './modules/investigations';
import { CasePagesModule } from './modules/cases/pages';
import { TasksModule } from './modules/tasks';
import { ReportsModule } from './modules/reports';

export interface AppOptions {
  /** The service's connection (app role), decided at start-up: DATABASE_URL or the embedded server. */
  databaseUrl: string;
}

@Module({})
export class AppModule {
  static forRoot(options: AppOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({
          isGlobal: true,
          ignoreEnvFile: true,
          load: [
            appConfig,
            databaseConfig,
            authConfig,
            cryptoConfig,
            auditConfig,
            nrmConfig,
            taskConfig,
            statisticsConfig,
            webAuthnConfig,
          ],
        }),
        DiscoveryModule,
        TimeModule,
        LoggingModule,
        DatabaseModule.forRoot(options.databaseUrl),
        CryptoModule,
        AuditModule,
        HttpModule,
        GuardModule,
        AuthModule,
        WebModule,
        OrganisationsModule,
        UsersModule,
        PersonsModule,
        CasesModule,
        StagesModule,
        EventsModule,
        ReferralsModule,
        NotificationsModule,
        CodeListsModule,
        AssistanceModule,
        AttachmentsModule,
        NotesModule,
        CaseSearchModule,
        InvestigationsModule,
        CasePagesModule,
        TasksModule,
        StatisticsModule,
        ReportsModule,
      ],
      controllers: [HealthController],
    };
  }
}
