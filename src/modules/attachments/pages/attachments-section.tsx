import { Html, jsx } from '../../../core/web/jsx';
import type { PageContext } from '../../../core/web/page';
import { attachmentMessages } from './attachments.messages';

/** The case page's attachments section: what it holds, and the way to the attachments page. */
export function AttachmentsSection(props: { page: PageContext; caseId: string }): Html {
  const m = attachmentMessages.in(props.page.language);
  return (
    <section aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{m('title')}</h2>
      <p>{m('section_intro')}</p>
      <p>
        <a href={`/ui/cases/${props.caseId}/attachments`}>{m('open_section')}</a>
      </p>
    </section>
  );
}
