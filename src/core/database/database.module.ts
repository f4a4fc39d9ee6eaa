import { DynamicModule, Global, Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import { databaseConfig } from '../config/database.config';
import { dataSourceOptions } from './data-source';
import { RequestContext } from './request-context';

/** The service's connection, as the least-privileged app role, to the URL chosen at start-up. */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(appUrl: string): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [databaseConfig.KEY],
          useFactory: (config: ConfigType<typeof databaseConfig>) => ({
            ...dataSourceOptions(appUrl, { poolSize: config.poolSize, statementTimeoutMs: config.statementTimeoutMs }),
            // Start even when the database is briefly away; requests answer 503 until it is back.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [RequestContext],
      exports: [RequestContext],
    };
  }
}
