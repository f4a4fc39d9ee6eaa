export { CreatePersonDto, IdentityDocumentDto } from './dto/person.dto';
export { Person } from './entities/person.entity';
export { PersonCodec } from './person-codec';
export type { IdentityDocument, PersonFields } from './person-codec';
export { PersonRepository } from './person.repository';
export { PersonErrorCode, PersonException } from './persons.exception';
export { PersonsModule } from './persons.module';
export { PersonsService } from './persons.service';
export { PERSON_ENTITIES } from './persons.module';
