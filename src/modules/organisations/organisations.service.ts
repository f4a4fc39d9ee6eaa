import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
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

  /** Organisation `id`; 404 naming `organisationId` when there is none. */
  async require(id: string): Promise<Organisation> {
    const found = await this.find(id);
    if (!found)
      throw new OrganisationException(OrganisationErrorCode.NotFound, 'No such organisation', 'organisationId');
    return found;
  }

  /** Organisation `id`, named in the request's field `field`; 400 naming that field when there is none. */
  async requireNamed(id: string, field: string): Promise<Organisation> {
    const found = await this.find(id);
    if (!found) throw new OrganisationException(OrganisationErrorCode.Unknown, 'No such organisation', field);
    return found;
  }

  /** The names of organisations `ids`, by id (organisations are not victim data). */
  async namesOf(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.requestContext.manager
      .getRepository(Organisation)
      .find({ select: { id: true, name: true }, where: { id: In(unique) } });
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  private find(id: string): Promise<Organisation | null> {
    return this.requestContext.manager.getRepository(Organisation).findOneBy({ id });
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
