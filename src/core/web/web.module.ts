import { Global, Module } from '@nestjs/common';
import { ERROR_PAGES } from '../http/error-pages';
import { AssetsController, RootController } from './assets.controller';
import { PageErrors } from './error-pages';

/**
 * The frame of the web interface: its files, its address, and its failures answered as pages (the
 * exception filter asks for ERROR_PAGES). Each feature owns its own pages.
 */
@Global()
@Module({
  controllers: [AssetsController, RootController],
  providers: [{ provide: ERROR_PAGES, useClass: PageErrors }],
  exports: [ERROR_PAGES],
})
export class WebModule {}
