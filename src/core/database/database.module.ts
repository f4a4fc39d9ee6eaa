import { DynamicModule, Global, Injectable, Module, OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { databaseConfig } from '../config/database.config';
import { closeConnectionsReturnedInTransaction } from './connection-guard';
import { DatabaseProbe } from './database-probe';
import { dataSourceOptions } from './data-source';
import { RequestContext } from './request-context';

/** Puts the guard on the pool TypeORM made, before any request borrows from it. */
@Injectable()
class PoolGuard implements OnModuleInit {
  constructor(private readonly dataSource: DataSource) {}

  onModuleInit(): void {
    closeConnectionsReturnedInTransaction((this.dataSource.driver as PostgresDriver).master as Pool);
  }
}

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
            ...dataSourceOptions(appUrl, {
              poolSize: config.poolSize,
              statementTimeoutMs: config.statementTimeoutMs,
              connectTimeoutMs: config.connectTimeoutMs,
            }),
            // Each module registers its own entities with TypeOrmModule.forFeature.
            autoLoadEntities: true,
            // Start even when the database is briefly away; requests answer 503 until it is back.
            retryAttempts: 3,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [RequestContext, PoolGuard, { provide: DatabaseProbe, useFactory: () => new DatabaseProbe(appUrl) }],
      exports: [RequestContext, DatabaseProbe],
    };
  }
}
