import { Fragment, Html, jsx } from '../../../core/web/jsx';
import { Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import type { PageContext } from '../../../core/web/page';
import { caseLabels, dayOf } from './case-labels';
import { CaseFacts, CodeFacts, EventsTable, PersonFacts, StageFacts } from './case.page';
import { caseMessages } from './cases.messages';

void Fragment;

/**
 * The case summary on paper: who, the codes, the stage and what happened, in the caller's view. The
 * notes on health, psychosocial care and the shelter stay off paper; they are on the case page.
 */
export function CasePrintPage(props: { page: PageContext; facts: CaseFacts; printedOn: Date }): Html {
  const { page, facts } = props;
  const { view } = facts;
  const m = caseMessages.in(page.language);
  const t = common.in(page.language);
  const l = caseLabels(page.language);
  return (
    <Layout page={page} title={m('print_title')} print>
      <p class="no-print actions">
        <button type="button" data-print hidden>
          {t('print')}
        </button>
        <a href={`/ui/cases/${view.id}`}>{m('back_to_case')}</a>
      </p>
      <h1>
        {m('print_title')} {view.reference}
      </h1>
      <p class="notice warn">{m('print_note')}</p>
      <p>{m('printed_on', { day: dayOf(props.printedOn) })}</p>
      <h2>{m('section_person')}</h2>
      <PersonFacts view={view} m={m} l={l} />
      <h2>{m('stage')}</h2>
      <StageFacts facts={facts} m={m} l={l} />
      <h2>{m('section_codes')}</h2>
      <CodeFacts view={view} m={m} l={l} />
      {'narrative' in view ? (
        <Fragment>
          <h2>{m('narrative')}</h2>
          <p class="narrative">{view.narrative ?? m('not_given')}</p>
        </Fragment>
      ) : null}
      <h2>{m('section_events')}</h2>
      <EventsTable events={view.events} m={m} l={l} />
    </Layout>
  );
}
