import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DuplicateCheckThrottle } from './entities/duplicate-check-throttle.entity';
import { PersonBlindIndex } from './entities/person-blind-index.entity';
import { Person } from './entities/person.entity';
import { DuplicateCheckThrottleService } from './duplicate-check-throttle.service';
import { DuplicateCheckService } from './duplicate-check.service';
import { PersonCodec } from './person-codec';
import { PersonIndexRebuild } from './person-index-rebuild';
import { PersonRepository } from './person.repository';
import { PersonReplay, PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const PERSON_ENTITIES = [Person, PersonBlindIndex, DuplicateCheckThrottle];

/** The person record: identifying fields encrypted field by field, and duplicate detection. */
@Module({
  imports: [TypeOrmModule.forFeature(PERSON_ENTITIES)],
  controllers: [PersonsController],
  providers: [
    PersonReplay,
    PersonsService,
    PersonRepository,
    PersonCodec,
    DuplicateCheckService,
    DuplicateCheckThrottleService,
    PersonIndexRebuild,
  ],
  // The duplicate check and its throttle serve the register pages too (with the throttle's guard).
  exports: [
    PersonsService,
    PersonRepository,
    PersonCodec,
    DuplicateCheckService,
    DuplicateCheckThrottleService,
    PersonIndexRebuild,
  ],
})
export class PersonsModule {}
