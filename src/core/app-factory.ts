import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../app.module';
import { parseAppConfig } from './config/app.config';
import { configureApp } from './http/configure-app';

/** Builds the configured application, for the service and for the end-to-end tests. */
export async function createApp(databaseUrl: string): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot({ databaseUrl }), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  configureApp(app, parseAppConfig(process.env));
  return app;
}
