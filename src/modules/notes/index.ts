export { NOTE_ENTITIES, NotesModule } from './notes.module';
export { NotesSection } from './pages/notes-section';
