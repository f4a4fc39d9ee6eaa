import {
  Choice,
  ErrorSummary,
  FormErrors,
  FormValues,
  SelectField,
  TextArea,
  TextField,
} from '../../../../core/web/forms';
import { Html, jsx } from '../../../../core/web/jsx';
import { CsrfField, Layout } from '../../../../core/web/layout';
import { shownMoment } from '../../../../core/web/moments';
import type { PageContext } from '../../../../core/web/page';
import { codeChoices, codeLabel } from '../../code-lists';
import type { EventChangeView, EventRecordView } from '../event-views';
import { eventMessages } from './events.messages';

type M = ReturnType<typeof eventMessages.in>;

interface Shared {
  page: PageContext;
  caseId: string;
  notice?: string;
  values?: FormValues;
  errors?: FormErrors;
}

function labelsOf(m: M): Record<string, string> {
  return {
    type: m('type'),
    occurredOn: m('occurred_on'),
    country: m('country'),
    city: m('city'),
    description: m('description'),
    reason: m('reason'),
    removalReason: m('removal_reason'),
    version: m('col_version'),
  };
}

function Notice(props: { text?: string }): Html {
  return (
    <p class="notice ok" role="status">
      {props.text ?? ''}
    </p>
  );
}

/** The fields of an event, for adding one and for correcting one. */
function EventFields(props: { page: PageContext; values?: FormValues; errors?: FormErrors; m: M }): Html {
  const { page, m } = props;
  const types: Choice[] = codeChoices('traffickingEventType', page.language);
  const countries: Choice[] = codeChoices('country', page.language);
  return (
    <div>
      <SelectField name="type" label={m('type')} choices={types} values={props.values} errors={props.errors} required />
      <TextField
        name="occurredOn"
        label={m('occurred_on')}
        hint={m('occurred_on_hint')}
        values={props.values}
        errors={props.errors}
        maxlength={10}
      />
      <SelectField
        name="country"
        label={m('country')}
        choices={countries}
        blank={m('not_known')}
        values={props.values}
        errors={props.errors}
      />
      <TextField
        name="city"
        label={m('city')}
        values={props.values}
        errors={props.errors}
        maxlength={200}
        identifying
      />
      <TextArea
        name="description"
        label={m('description')}
        hint={m('description_hint')}
        values={props.values}
        errors={props.errors}
        maxlength={4000}
        identifying
      />
    </div>
  );
}

/** The events of a case that stand, each with the way to its page, and the form to add one. */
export function EventsPage(props: Shared & { events: EventRecordView[] }): Html {
  const { page, caseId } = props;
  const m = eventMessages.in(page.language);
  const base = `/ui/cases/${caseId}/events`;
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>
        <a href={`/ui/cases/${caseId}`}>{m('back_to_case')}</a>
      </p>
      {props.notice ? <Notice text={props.notice} /> : null}
      {props.events.length ? (
        <table>
          <caption>{m('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_type')}</th>
              <th scope="col">{m('col_when')}</th>
              <th scope="col">{m('col_country')}</th>
              <th scope="col">{m('col_city')}</th>
              <th scope="col">{m('col_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.events.map((e) => (
              <tr>
                <th scope="row">{codeLabel('traffickingEventType', e.type, page.language)}</th>
                <td>{e.occurredOn ?? m('not_known')}</td>
                <td>{e.country ? codeLabel('country', e.country, page.language) : m('not_known')}</td>
                <td>{e.city ?? m('not_known')}</td>
                <td>
                  <a href={`${base}/${e.id}`}>{m('open_event')}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{m('none')}</p>
      )}
      <form method="post" action={base} autocomplete="off">
        <CsrfField page={page} />
        <h2>{m('add_title')}</h2>
        <p class="hint">{m('add_hint')}</p>
        <ErrorSummary page={page} errors={props.errors} labels={labelsOf(m)} />
        <EventFields page={page} values={props.values} errors={props.errors} m={m} />
        <p>
          <button type="submit">{m('add_button')}</button>
        </p>
      </form>
    </Layout>
  );
}

/** One event: the correction and removal forms (while it stands) and its history. */
export function EventPage(
  props: Shared & { event: EventRecordView & { removed: boolean }; changes: EventChangeView[] },
): Html {
  const { page, caseId, event } = props;
  const m = eventMessages.in(page.language);
  const action = `/ui/cases/${caseId}/events/${event.id}`;
  const values: FormValues = props.values ?? {
    type: event.type,
    occurredOn: event.occurredOn ?? undefined,
    country: event.country ?? undefined,
    city: event.city ?? undefined,
    description: event.description ?? undefined,
  };
  return (
    <Layout page={page} title={m('event_title')}>
      <h1>
        {m('event_title')}: {codeLabel('traffickingEventType', event.type, page.language)}
      </h1>
      <p>
        <a href={`/ui/cases/${caseId}/events`}>{m('back_to_events')}</a>
      </p>
      {props.notice ? <Notice text={props.notice} /> : null}
      {event.removed ? (
        <p>{m('removed_note')}</p>
      ) : (
        <div>
          <form method="post" action={action} autocomplete="off">
            <CsrfField page={page} />
            <input type="hidden" name="version" value={String(event.version)} />
            <h2>{m('correct_title')}</h2>
            <ErrorSummary page={page} errors={props.errors} labels={labelsOf(m)} />
            <EventFields page={page} values={values} errors={props.errors} m={m} />
            <TextArea
              name="reason"
              label={m('reason')}
              values={props.values}
              errors={props.errors}
              maxlength={2000}
              identifying
            />
            <p>
              <button type="submit">{m('correct_button')}</button>
            </p>
          </form>
          <form method="post" action={`${action}/remove`} autocomplete="off" data-confirm={m('remove_confirm')}>
            <CsrfField page={page} />
            <input type="hidden" name="version" value={String(event.version)} />
            <h2>{m('remove_title')}</h2>
            <p class="hint">{m('remove_hint')}</p>
            <TextArea
              name="removalReason"
              label={m('removal_reason')}
              values={props.values}
              errors={props.errors}
              maxlength={2000}
              required
              identifying
            />
            <p>
              <button type="submit" class="secondary">
                {m('remove_button')}
              </button>
            </p>
          </form>
        </div>
      )}
      <h2>{m('history_title')}</h2>
      <table>
        <caption>{m('history_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{m('col_change')}</th>
            <th scope="col">{m('col_version')}</th>
            <th scope="col">{m('col_type')}</th>
            <th scope="col">{m('col_when')}</th>
            <th scope="col">{m('col_country')}</th>
            <th scope="col">{m('col_city')}</th>
            <th scope="col">{m('description')}</th>
            <th scope="col">{m('col_reason')}</th>
            <th scope="col">{m('col_changed_at')}</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((c) => (
            <tr>
              <th scope="row">{m(`kind_${c.kind}` as 'kind_added')}</th>
              <td>{String(c.eventVersion)}</td>
              <td>{codeLabel('traffickingEventType', c.type, page.language)}</td>
              <td>{c.occurredOn ?? m('not_known')}</td>
              <td>{c.country ? codeLabel('country', c.country, page.language) : m('not_known')}</td>
              <td>{c.city ?? m('not_known')}</td>
              <td>{c.description ?? ''}</td>
              <td>{c.reason ?? ''}</td>
              <td>{shownMoment(c.changedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
