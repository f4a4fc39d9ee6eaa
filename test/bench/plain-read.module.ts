import {
  Controller,
  DynamicModule,
  Get,
  Inject,
  Module,
  NotFoundException,
  OnModuleDestroy,
  Param,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Public } from '../../src/core/access/route-permission.decorator';
import { dataSourceOptions } from '../../src/core/database/data-source';
import { VictimCase } from '../../src/modules/cases/case-records/entities/victim-case.entity';

const PLAIN_SOURCE = Symbol('plain data source');

/**
 * The benchmark's baseline, in the same application and process as the route it is compared with: a
 * plain TypeORM `findOneBy` of the case row, as a role row-level security does not apply to, with no
 * session, access decision, transaction, decryption or audit. Never part of the service.
 */
@Controller('bench')
class PlainReadController implements OnModuleDestroy {
  constructor(@Inject(PLAIN_SOURCE) private readonly source: DataSource) {}

  @Public()
  @Get('plain-case/:id')
  async read(@Param('id') id: string): Promise<VictimCase> {
    const found = await this.source.getRepository(VictimCase).findOneBy({ id });
    if (!found) throw new NotFoundException();
    return found;
  }

  async onModuleDestroy(): Promise<void> {
    await this.source.destroy();
  }
}

@Module({})
export class PlainReadModule {
  /** `url`: a role that bypasses row-level security; `poolSize` as the service's pool, to compare like with like. */
  static forUrl(url: string, poolSize: number): DynamicModule {
    return {
      module: PlainReadModule,
      controllers: [PlainReadController],
      providers: [
        {
          provide: PLAIN_SOURCE,
          useFactory: () =>
            new DataSource({ ...dataSourceOptions(url, { poolSize }, [VictimCase]), logging: false }).initialize(),
        },
      ],
    };
  }
}
