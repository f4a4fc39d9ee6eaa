import { Html, jsx } from '../../../core/web/jsx';
import type { PageContext } from '../../../core/web/page';
import { noteMessages } from './notes.messages';

/** The case page's notes section: what it holds, and the way to the notes page. */
export function NotesSection(props: { page: PageContext; caseId: string }): Html {
  const m = noteMessages.in(props.page.language);
  return (
    <section aria-labelledby="notes-heading">
      <h2 id="notes-heading">{m('title')}</h2>
      <p>{m('section_intro')}</p>
      <p>
        <a href={`/ui/cases/${props.caseId}/notes`}>{m('open_section')}</a>
      </p>
    </section>
  );
}
