import { DynamicModule, INestApplication, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import { parseAppConfig } from './core/config/app.config';
import { configureApp } from './configure-app';

/**
 * Builds the configured application, for the service and for the end-to-end tests. `extraModules`
 * (none in the service) lets the benchmark add its baseline route to the same application.
 */
export async function createApp(
  databaseUrl: string,
  extraModules: Array<Type | DynamicModule> = [],
): Promise<INestApplication> {
  const root = AppModule.forRoot({ databaseUrl });
  const entry = extraModules.length === 0 ? root : { module: BenchmarkedApp, imports: [root, ...extraModules] };
  const app = await NestFactory.create(entry, {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app, parseAppConfig(process.env));
  return app;
}

/** The application with extra modules beside it. */
class BenchmarkedApp {}
