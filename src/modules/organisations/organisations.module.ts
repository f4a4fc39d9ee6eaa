import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Organisation } from './entities/organisation.entity';
import { OrganisationsController } from './organisations.controller';
import { OrganisationsService } from './organisations.service';
import { OrganisationsPagesController } from './pages/organisations.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const ORGANISATION_ENTITIES = [Organisation];

@Module({
  imports: [TypeOrmModule.forFeature(ORGANISATION_ENTITIES)],
  controllers: [OrganisationsController, OrganisationsPagesController],
  providers: [OrganisationsService],
  exports: [OrganisationsService],
})
export class OrganisationsModule {}
