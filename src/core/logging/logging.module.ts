import { Module } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { Request } from 'express';
import { LoggerModule } from 'nestjs-pino';
import { appConfig } from '../config/app.config';
import { requestIdOf } from '../http/request-id.middleware';

/**
 * Structured logs with pino. Request logs carry method, route path, status, time and request id — never
 * bodies, query strings, headers or tokens (the serializers below choose what is written, by allow-list).
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [appConfig.KEY],
      useFactory: (config: ConfigType<typeof appConfig>) => ({
        pinoHttp: {
          level: config.logLevel,
          genReqId: (request) => requestIdOf(request as Request),
          customProps: () => ({}),
          serializers: {
            req: (request: { id?: string; method?: string; url?: string }) => ({
              id: request.id,
              method: request.method,
              path: (request.url ?? '').split('?')[0],
            }),
            res: (response: { statusCode?: number }) => ({ statusCode: response.statusCode }),
          },
          redact: { paths: ['req.headers', 'res.headers', '*.password', '*.token', '*.accessToken'], remove: true },
          autoLogging: { ignore: (request) => (request.url ?? '').startsWith('/health') },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
