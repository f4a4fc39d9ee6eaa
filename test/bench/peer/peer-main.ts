import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Module, NotFoundException, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { InjectRepository, TypeOrmModule } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { VictimCase } from '../../../src/modules/cases/case-records/entities/victim-case.entity';
import { Person } from '../../../src/modules/cases/persons/entities/person.entity';

/**
 * The benchmark's honest baseline: the smallest NestJS + TypeORM application on Panoh's own package
 * versions, in a process of its own, on a database of its own. No logging, headers, guard, validation,
 * interceptors, session, transaction, row-level security, encryption or audit: one `findOneBy` of a
 * row of the case's columns (the very entity, so the shape follows the schema) and one insert of a
 * person row with its 8 bytea columns. Started by the bench (`peer.ts`), never part of the service.
 *
 * PEER_DATABASE_URL: a database the bench created for it (the tables are made by `synchronize`);
 * PEER_POOL_SIZE: the service's pool size. Tells its parent the port it listens on.
 */
interface PersonBody {
  familyName?: string;
  givenName?: string;
  patronymic?: string;
  dateOfBirth?: string;
  identityDocuments?: unknown;
  phone?: string;
  address?: string;
  notes?: string;
}

const bytes = (value: unknown): Buffer | null =>
  value === undefined || value === null ? null : Buffer.from(typeof value === 'string' ? value : JSON.stringify(value));

/** A bytea column as a plain application would answer it: base64, not Buffer's JSON of numbers. */
function asJson<T extends object>(row: T): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) out[key] = Buffer.isBuffer(value) ? value.toString('base64') : value;
  return out;
}

@Controller()
class PeerController {
  constructor(
    @InjectRepository(VictimCase) private readonly cases: Repository<VictimCase>,
    @InjectRepository(Person) private readonly persons: Repository<Person>,
  ) {}

  @Get('cases/:id')
  async read(@Param('id') id: string): Promise<Record<string, unknown>> {
    const found = await this.cases.findOneBy({ id });
    if (!found) throw new NotFoundException();
    return asJson(found);
  }

  /** Takes the body of Panoh's POST /cases and inserts its person, one row. */
  @Post('persons')
  async create(@Body() body: { person?: PersonBody }): Promise<{ id: string }> {
    const p = body.person ?? {};
    const id = randomUUID();
    await this.persons.insert({
      id,
      organisationId: ORGANISATION,
      registeredBy: USER,
      familyName: bytes(p.familyName),
      givenName: bytes(p.givenName),
      patronymic: bytes(p.patronymic),
      dateOfBirth: bytes(p.dateOfBirth),
      identityDocuments: bytes(p.identityDocuments),
      phone: bytes(p.phone),
      address: bytes(p.address),
      notes: bytes(p.notes),
    });
    return { id };
  }
}

const ORGANISATION = randomUUID();
const USER = randomUUID();

@Module({
  imports: [
    TypeOrmModule.forRoot({
      type: 'postgres',
      url: process.env.PEER_DATABASE_URL,
      entities: [VictimCase, Person],
      synchronize: true,
      logging: false,
      poolSize: Number(process.env.PEER_POOL_SIZE ?? 10),
    }),
    TypeOrmModule.forFeature([VictimCase, Person]),
  ],
  controllers: [PeerController],
})
class PeerModule {}

async function main(): Promise<void> {
  const app = await NestFactory.create(PeerModule, { logger: false });
  app.enableShutdownHooks();
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  process.send?.({ port: address.port });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
