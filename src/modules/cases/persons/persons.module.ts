import { Module } from '@nestjs/common';
import { DuplicateCheckThrottleService } from './duplicate-check-throttle.service';
import { DuplicateCheckService } from './duplicate-check.service';
import { PersonCodec } from './person-codec';
import { PersonRepository } from './person.repository';
import { PersonsController } from './persons.controller';
import { PersonsService } from './persons.service';

/** The person record: identifying fields encrypted field by field, and duplicate detection. */
@Module({
  controllers: [PersonsController],
  providers: [PersonsService, PersonRepository, PersonCodec, DuplicateCheckService, DuplicateCheckThrottleService],
  exports: [PersonsService, PersonRepository, PersonCodec],
})
export class PersonsModule {}
