import { Child, Fragment, Html, jsx } from '../../../core/web/jsx';
import { CsrfField, Layout } from '../../../core/web/layout';
import { common } from '../../../core/web/messages';
import type { PageContext } from '../../../core/web/page';
import { roleMessages } from '../../../core/web/roles.messages';
import type { CaseViewDto, ConsentView, EligibleOwner, EventView, ScreeningView } from '../case-records';
import { SelectField } from '../../../core/web/forms';
import type { HistoryEntry } from '../case-records';
import { CaseLabels, caseLabels, dayOf, momentOf } from './case-labels';
import { AttachmentsSection } from '../../attachments';
import { eventMessages } from '../events';
import { NotesSection } from '../../notes';
import { caseMessages } from './cases.messages';

void Fragment;

/** What of a case's work the caller's role and view open: each a link or a form on the page. */
export interface CaseActions {
  stage: boolean;
  screen: boolean;
  consents: boolean;
  referrals: boolean;
  support: boolean;
  investigation: boolean;
  erase: boolean;
  tasks: boolean;
}

/** Where the case may go next, and whether the move is the manager's. */
export interface NextStep {
  to: string;
  byManager: boolean;
}

export interface CaseFacts {
  view: CaseViewDto;
  /** Only for those who may read it (the owning organisation). */
  history?: HistoryEntry[];
  nextSteps: NextStep[];
  /** The end of the reflection period, while the case is at `reflection` (owning organisation). */
  reflectionEnds?: string;
  decisionDue: boolean;
  organisationNames: ReadonlyMap<string, string>;
  /** The case owner's username (owner's full view only) and, for the manager, who may take the case. */
  owner?: { username: string; choices?: EligibleOwner[]; error?: string };
}

export interface CasePageProps {
  page: PageContext;
  facts: CaseFacts;
  actions: CaseActions;
  notice?: string;
}

type M = ReturnType<typeof caseMessages.in>;

function Facts(props: { rows: Array<[string, Child]> }): Html {
  return (
    <dl class="facts">
      {props.rows.map(([term, value]) => (
        <Fragment>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </Fragment>
      ))}
    </dl>
  );
}

function orNot(value: string | null | undefined, m: M): Child {
  return value ? value : <span class="withheld">{m('not_given')}</span>;
}

function codes(list: readonly string[], label: (code: string) => string, m: M): Child {
  return list.length ? list.map(label).join(', ') : <span class="withheld">{m('not_given')}</span>;
}

/** The person as the view shows them: only the fields the view holds are in it. */
export function PersonFacts(props: { view: CaseViewDto; m: M; l: CaseLabels }): Html {
  const { view, m, l } = props;
  const person = view.person;
  const rows: Array<[string, Child]> = [
    [m('family_name'), person.familyName],
    [m('given_name'), person.givenName],
    [m('patronymic'), orNot(person.patronymic, m)],
    [m('date_of_birth'), orNot(person.dateOfBirth, m)],
  ];
  if ('identityDocuments' in person) {
    rows.push([
      m('documents'),
      person.identityDocuments.length ? (
        <ul>
          {person.identityDocuments.map((d) => (
            <li>
              {`${m(`doc_${d.type}`)} ${d.number}${d.issuingCountry ? ` (${l.country.label(d.issuingCountry)})` : ''}`}
            </li>
          ))}
        </ul>
      ) : (
        <span class="withheld">{m('not_given')}</span>
      ),
    ]);
  }
  if ('phone' in person) rows.push([m('phone'), orNot(person.phone, m)]);
  if ('address' in person) rows.push([m('address'), orNot(person.address, m)]);
  if ('notes' in person) rows.push([m('person_notes'), orNot(person.notes, m)]);
  return <Facts rows={rows} />;
}

export function CodeFacts(props: { view: CaseViewDto; m: M; l: CaseLabels }): Html {
  const { view, m, l } = props;
  const one = (code: string | null, label: (code: string) => string): Child => (code ? label(code) : orNot(null, m));
  const rows: Array<[string, Child]> = [
    [m('registered'), view.registeredOn],
    [m('gender'), one(view.gender, l.gender.label)],
    [m('age_band'), one(view.ageBand, l.ageBand.label)],
    [m('citizenship'), one(view.citizenship, l.country.label)],
  ];
  if (view.citizenships.length > 1) {
    rows.push([m('other_citizenships'), codes(view.citizenships.slice(1), l.country.label, m)]);
  }
  if ('regionOfOrigin' in view) rows.push([m('region_of_origin'), one(view.regionOfOrigin, l.region.label)]);
  rows.push(
    [m('country_of_exploitation'), one(view.countryOfExploitation, l.country.label)],
    [m('labour_sector'), one(view.labourSector, l.labourSector.label)],
    [m('exploitation_types'), codes(view.exploitationTypes, l.exploitationType.label, m)],
    [m('means_of_control'), codes(view.meansOfControl, l.meansOfControl.label, m)],
  );
  if ('closureReason' in view && view.closureReason) {
    rows.push([m('closure_reason'), one(view.closureReason, l.closureReason.label)]);
  }
  if ('recruitmentMethods' in view) {
    rows.push(
      [m('recruitment_methods'), codes(view.recruitmentMethods, l.recruitmentMethod.label, m)],
      [m('sex_exploitation_types'), codes(view.sexExploitationTypes, l.sexExploitationType.label, m)],
    );
  }
  if ('accompanyingChildren' in view) {
    const count = (n: number | null) => (n === null ? m('not_given') : String(n));
    rows.push(
      [m('accompanying_children'), count(view.accompanyingChildren)],
      [m('accompanying_children_age_bands'), codes(view.accompanyingChildrenAgeBands, l.childAgeBand.label, m)],
      [m('accompanying_dependants'), count(view.accompanyingDependants)],
    );
  }
  return <Facts rows={rows} />;
}

export function EventsTable(props: { events: EventView[]; m: M; l: CaseLabels }): Html {
  const { events, m, l } = props;
  if (!events.length) return <p>{m('events_none')}</p>;
  const cities = events.some((e) => 'city' in e);
  return (
    <table>
      <caption>{m('events_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{m('col_event_type')}</th>
          <th scope="col">{m('col_when')}</th>
          <th scope="col">{m('col_country')}</th>
          {cities ? <th scope="col">{m('col_city')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {events.map((e) => (
          <tr>
            <th scope="row">{l.eventType.label(e.type)}</th>
            <td>{orNot(e.occurredOn, m)}</td>
            <td>{e.country ? l.country.label(e.country) : orNot(null, m)}</td>
            {cities ? <td>{orNot(e.city, m)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Screenings(props: { screenings: ScreeningView[]; m: M; l: CaseLabels }): Html {
  const { screenings, m, l } = props;
  if (!screenings.length) return <p>{m('screenings_none')}</p>;
  return (
    <Fragment>
      {screenings.map((s) => {
        const indicators = l.indicators(s.indicatorList);
        return (
          <table>
            <caption>{m('screening_caption', { day: dayOf(s.screenedAt) })}</caption>
            <tbody>
              <tr>
                <th scope="row">{m('screening_list')}</th>
                <td>{`${s.indicatorList} (${s.indicatorListVersion})`}</td>
              </tr>
              <tr>
                <th scope="row">{m('screening_result')}</th>
                <td>{l.screeningResult.label(s.result)}</td>
              </tr>
              <tr>
                <th scope="row">{m('screening_indicators')}</th>
                <td>
                  {s.indicators.length ? (
                    <ul>
                      {s.indicators.map((code) => (
                        <li>{indicators.label(code)}</li>
                      ))}
                    </ul>
                  ) : (
                    m('mark_none')
                  )}
                </td>
              </tr>
            </tbody>
          </table>
        );
      })}
    </Fragment>
  );
}

function Consents(props: {
  page: PageContext;
  caseId: string;
  consents: ConsentView[];
  manage: boolean;
  names: ReadonlyMap<string, string>;
  m: M;
  l: CaseLabels;
}): Html {
  const { page, consents, m, l } = props;
  if (!consents.length) return <p>{m('consents_none')}</p>;
  const t = common.in(page.language);
  return (
    <table>
      <caption>{m('consents_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{m('col_purpose')}</th>
          <th scope="col">{m('col_recipient')}</th>
          <th scope="col">{m('col_referral_purposes')}</th>
          <th scope="col">{m('col_given')}</th>
          <th scope="col">{m('col_state')}</th>
        </tr>
      </thead>
      <tbody>
        {consents.map((c) => (
          <tr>
            <th scope="row">{l.consentPurpose.label(c.purpose)}</th>
            <td>
              {c.recipientOrganisationId
                ? (props.names.get(c.recipientOrganisationId) ?? t('unknown'))
                : m('consent_any_recipient')}
            </td>
            <td>{c.referralPurposes.length ? c.referralPurposes.map(l.referralPurpose.label).join(', ') : '—'}</td>
            <td>{dayOf(c.givenAt)}</td>
            <td>
              {c.withdrawnAt ? (
                m('consent_withdrawn', { day: dayOf(c.withdrawnAt) })
              ) : (
                <Fragment>
                  {m('consent_standing')}
                  {props.manage ? (
                    <form
                      method="post"
                      action={`/ui/cases/${props.caseId}/consents/${c.id}/withdraw`}
                      data-confirm={m('withdraw_confirm')}
                    >
                      <CsrfField page={page} />
                      <div class="check">
                        <input type="checkbox" id={`withdraw-${c.id}`} name="confirm" value="yes" required />
                        <label for={`withdraw-${c.id}`}>{m('withdraw_sure')}</label>
                      </div>
                      <button type="submit" class="danger">
                        {m('withdraw')}
                      </button>
                    </form>
                  ) : null}
                </Fragment>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function History(props: { entries: HistoryEntry[]; page: PageContext; m: M; l: CaseLabels }): Html {
  const { entries, m, l } = props;
  const r = roleMessages.in(props.page.language);
  const change = (e: HistoryEntry): string => {
    if (e.kind === 'transfer') return m('history_transfer');
    if (e.reasonCode === 'case_opened') return m('history_opened');
    const move = `${l.stage.label(e.fromStage)} → ${l.stage.label(e.toStage)}`;
    const status = e.traffickingStatus ? ` (${l.status.label(e.traffickingStatus)})` : '';
    return `${move}${status}${e.reflectionWaived ? `; ${m('history_waived')}` : ''}`;
  };
  return (
    <table>
      <caption>{m('history_caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{m('col_changed_at')}</th>
          <th scope="col">{m('col_change')}</th>
          <th scope="col">{m('col_by')}</th>
          <th scope="col">{m('col_reason')}</th>
        </tr>
      </thead>
      <tbody>
        {entries.map((e) => (
          <tr>
            <th scope="row">{momentOf(e.changedAt)}</th>
            <td>{change(e)}</td>
            <td>{isRole(e.changedByRole) ? r(e.changedByRole) : e.changedByRole}</td>
            <td>{e.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const ROLE_NAMES = ['caseworker', 'org_manager', 'investigator', 'commission', 'auditor', 'admin'] as const;
function isRole(role: string): role is (typeof ROLE_NAMES)[number] {
  return (ROLE_NAMES as readonly string[]).includes(role);
}

export function StageFacts(props: { facts: CaseFacts; m: M; l: CaseLabels }): Html {
  const { facts, m, l } = props;
  const { view } = facts;
  const rows: Array<[string, Child]> = [
    [m('stage'), l.stage.label(view.stage)],
    [m('status'), l.status.label(view.traffickingStatus)],
  ];
  if (view.statusDecidedBy) rows.push([m('status_decided_by'), l.statusDecidedBy.label(view.statusDecidedBy)]);
  if (facts.reflectionEnds) {
    rows.push([
      m('reflection_ends'),
      facts.decisionDue ? (
        <Fragment>
          {facts.reflectionEnds} <span class="overdue">{m('reflection_ended')}</span>
        </Fragment>
      ) : (
        facts.reflectionEnds
      ),
    ]);
  }
  return <Facts rows={rows} />;
}

/** Who owns the case inside the organisation, and for the manager a form to give it to another. */
function OwnerSection(props: { page: PageContext; facts: CaseFacts; m: M }): Html {
  const { page, facts, m } = props;
  const owner = facts.owner;
  if (!owner) return <Fragment />;
  const errors = owner.error ? { ownerUserId: owner.error } : undefined;
  return (
    <Fragment>
      <h2>{m('section_owner')}</h2>
      <p id="case-owner">{owner.username}</p>
      {owner.choices ? (
        <form method="post" action={`/ui/cases/${facts.view.id}/owner`}>
          <CsrfField page={page} />
          <SelectField
            name="ownerUserId"
            label={m('owner_change')}
            choices={owner.choices.map((c) => ({ value: c.id, label: c.username }))}
            values={{ ownerUserId: facts.view.view === 'full' ? facts.view.ownerUserId : '' }}
            errors={errors}
            required
          />
          <button type="submit">{m('owner_save')}</button>
        </form>
      ) : null}
    </Fragment>
  );
}

/** The case in the caller's view: what the view holds, and the work the caller's role may do on it. */
export function CasePage(props: CasePageProps): Html {
  const { page, facts, actions } = props;
  const { view } = facts;
  const m = caseMessages.in(page.language);
  const l = caseLabels(page.language);
  const base = `/ui/cases/${view.id}`;
  const links: Array<[boolean, string, string]> = [
    [actions.referrals, `${base}/referrals`, m('link_referrals')],
    [actions.tasks, `${base}/tasks`, m('link_tasks')],
    [actions.support, `${base}/support`, m('link_support')],
    [actions.investigation, `${base}/investigation`, m('link_investigation')],
    [actions.screen, `${base}/screenings/new`, m('record_screening')],
    [actions.consents, `${base}/consents/new`, m('give_consent')],
    [true, `${base}/print`, m('link_print')],
    [actions.erase, `${base}/erase`, m('link_erase')],
  ];
  return (
    <Layout page={page} title={m('case_title')}>
      <p>
        <a href="/ui/cases">{m('link_back_to_list')}</a>
      </p>
      <h1>
        {m('case_title')} {view.reference}
      </h1>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <p class="notice">
        <strong>{m('your_view')}:</strong> {m(`view_${view.view}_note`)}
      </p>
      <nav aria-label={m('section_actions')}>
        <ul class="actions">
          {links
            .filter(([shown]) => shown)
            .map(([, href, label]) => (
              <li>
                <a href={href}>{label}</a>
              </li>
            ))}
        </ul>
      </nav>
      <h2>{m('section_person')}</h2>
      <PersonFacts view={view} m={m} l={l} />
      <h2>{m('stage')}</h2>
      <StageFacts facts={facts} m={m} l={l} />
      {view.view === 'full' ? (
        <Fragment>
          <h3>{m('next_steps')}</h3>
          {facts.nextSteps.length ? (
            <ul>
              {facts.nextSteps.map((step) => (
                <li>{step.byManager ? `${l.stage.label(step.to)} (${m('needs_manager')})` : l.stage.label(step.to)}</li>
              ))}
            </ul>
          ) : (
            <p>{m('next_steps_none')}</p>
          )}
          {actions.stage && facts.nextSteps.length ? (
            <p>
              <a class="button" href={`${base}/stage`}>
                {m('change_stage')}
              </a>
            </p>
          ) : null}
        </Fragment>
      ) : null}
      {view.view === 'full' && facts.owner ? <OwnerSection page={page} facts={facts} m={m} /> : null}
      <h2>{m('section_codes')}</h2>
      <CodeFacts view={view} m={m} l={l} />
      {'narrative' in view ? (
        <Fragment>
          <h2>{m('narrative')}</h2>
          <p class="narrative">{orNot(view.narrative, m)}</p>
        </Fragment>
      ) : null}
      {view.view === 'full' ? (
        <Fragment>
          <h2>{m('section_notes')}</h2>
          <Facts
            rows={[
              [m('shelter_location'), orNot(view.shelterLocation, m)],
              [m('health_notes'), orNot(view.healthNotes, m)],
              [m('psychosocial_notes'), orNot(view.psychosocialNotes, m)],
            ]}
          />
        </Fragment>
      ) : null}
      <h2>{m('section_events')}</h2>
      <EventsTable events={view.events} m={m} l={l} />
      {view.view === 'full' ? (
        <p>
          <a href={`/ui/cases/${view.id}/events`}>{eventMessages.in(page.language)('open_section')}</a>
        </p>
      ) : null}
      {view.view === 'full' ? (
        <Fragment>
          <h2>{m('section_screenings')}</h2>
          <Screenings screenings={view.screenings} m={m} l={l} />
          <h2>{m('section_consents')}</h2>
          <Consents
            page={page}
            caseId={view.id}
            consents={view.consents}
            manage={actions.consents}
            names={facts.organisationNames}
            m={m}
            l={l}
          />
        </Fragment>
      ) : null}
      {view.view === 'investigation' ? null : <NotesSection page={page} caseId={view.id} />}
      <AttachmentsSection page={page} caseId={view.id} />
      {facts.history ? (
        <Fragment>
          <h2>{m('section_history')}</h2>
          <History entries={facts.history} page={page} m={m} l={l} />
        </Fragment>
      ) : null}
    </Layout>
  );
}
