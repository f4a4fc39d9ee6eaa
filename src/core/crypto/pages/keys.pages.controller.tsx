import { Get } from '@nestjs/common';
import { Permission } from '../../access/permission';
import { RequirePermission } from '../../access/route-permission.decorator';
import type { Html } from '../../web/jsx';
import { jsx } from '../../web/jsx';
import type { PageContext } from '../../web/page';
import { Page, PageController } from '../../web/page';
import { KeyRotationService } from '../key-rotation.service';
import { KeysPage } from './keys.page';

/** The administrator's key status, as GET /keys gives it: versions, counts and ages, never a key. */
@PageController('keys')
export class KeysPagesController {
  constructor(private readonly rotation: KeyRotationService) {}

  @Get()
  @RequirePermission(Permission.KeyRead)
  async status(@Page() page: PageContext): Promise<Html> {
    return <KeysPage page={page} status={await this.rotation.report()} />;
  }
}
