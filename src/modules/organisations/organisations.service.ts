import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { RequestContext } from '../../core/database/request-context';
import { CreateOrganisationDto, OrganisationDto } from './dto/create-organisation.dto';
import { Organisation } from './entities/organisation.entity';
import { defaultKindOf } from './organisation-kinds';
import { OrganisationErrorCode, OrganisationException } from './organisations.exception';

@Injectable()
export class OrganisationsService {
  constructor(private readonly requestContext: RequestContext) {}

  async create(dto: CreateOrganisationDto): Promise<OrganisationDto> {
    const repository = this.requestContext.manager.getRepository(Organisation);
    const name = dto.name.trim();
    const taken = await repository.createQueryBuilder('o').where('lower(o.name) = lower(:name)', { name }).getExists();
    if (taken)
      throw new OrganisationException(OrganisationErrorCode.NameTaken, 'An organisation with this name exists', 'name');
    const kind = dto.kind ?? defaultKindOf(dto.type);
    const saved = await repository.save(
      repository.create({ id: randomUUID(), name, type: dto.type, kind, region: dto.region }),
    );
    this.requestContext.recordAccess({
      detail: { organisationId: saved.id, type: saved.type, kind: saved.kind, region: saved.region },
    });
    return toOrganisationDto(saved);
  }

  async list(): Promise<OrganisationDto[]> {
    const rows = await this.requestContext.manager.getRepository(Organisation).find({ order: { name: 'ASC' } });
    return rows.map(toOrganisationDto);
  }

  async require(id: string): Promise<Organisation> {
    const found = await this.requestContext.manager.getRepository(Organisation).findOneBy({ id });
    if (!found)
      throw new OrganisationException(OrganisationErrorCode.NotFound, 'No such organisation', 'organisationId');
    return found;
  }
}

export function toOrganisationDto(organisation: Organisation): OrganisationDto {
  return {
    id: organisation.id,
    name: organisation.name,
    type: organisation.type,
    kind: organisation.kind,
    region: organisation.region,
    createdAt: organisation.createdAt.toISOString(),
  };
}
