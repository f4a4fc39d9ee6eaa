import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Permission } from '../access/permission';
import { RequirePermission } from '../access/route-permission.decorator';
import { KeyStatusDto } from './dto/key-status.dto';
import { KeyRotationService } from './key-rotation.service';

/** The key-encryption keys' status for administrators: what `keys:status` prints, with ages. */
@ApiTags('keys')
@Controller('keys')
export class KeysController {
  constructor(private readonly rotation: KeyRotationService) {}

  @Get()
  @ApiOperation({ summary: 'Key status: KEK versions, what each wraps, ages and what needs rotating (no key material)' })
  @RequirePermission(Permission.KeyRead)
  @ApiOkResponse({ type: KeyStatusDto })
  status(): Promise<KeyStatusDto> {
    return this.rotation.report();
  }
}
