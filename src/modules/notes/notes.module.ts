import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases/case-records';
import { OrganisationsModule } from '../organisations';
import { CaseNote } from './entities/case-note.entity';
import { NoteReplay, NotesController } from './notes.controller';
import { NotesRepository } from './notes.repository';
import { NotesService } from './notes.service';
import { NotesPagesController } from './pages/notes.pages.controller';

/** The tables this module maps (composed with every other module's in src/data-source.ts). */
export const NOTE_ENTITIES = [CaseNote];

/** Notes of a case: dated, attributed, encrypted, corrected only briefly by their author, then added to. */
@Module({
  imports: [TypeOrmModule.forFeature(NOTE_ENTITIES), CasesModule, OrganisationsModule],
  controllers: [NotesController, NotesPagesController],
  providers: [NoteReplay, NotesService, NotesRepository],
  exports: [NotesService],
})
export class NotesModule {}
