import { Controller, Get, NotFoundException, Param, Redirect, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Public } from '../access/route-permission.decorator';
import { PageController } from './page';

/** The pages' stylesheets and script: files of the service, read once, nothing of anyone in them. */
const ASSETS: Record<string, string> = {
  'app.css': 'text/css; charset=utf-8',
  'print.css': 'text/css; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
};

@PageController('assets')
export class AssetsController {
  private readonly files = new Map<string, Buffer>(
    Object.keys(ASSETS).map((name) => [name, fs.readFileSync(path.join(__dirname, 'assets', name))]),
  );

  @Get(':name')
  @Public()
  asset(@Param('name') name: string, @Res() response: Response): void {
    const file = Object.hasOwn(ASSETS, name) ? this.files.get(name) : undefined;
    if (!file) throw new NotFoundException();
    // The same for everyone and free of anything personal: a browser may keep it for an hour.
    response.setHeader('Cache-Control', 'private, max-age=3600');
    response.type(ASSETS[name]).send(file);
  }
}

/** The service's address opens the web interface. */
@Controller()
@ApiExcludeController()
export class RootController {
  @Get()
  @Public()
  @Redirect('/ui', 303)
  root(): void {}
}
