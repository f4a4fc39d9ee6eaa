import type { Role } from '../../access/role';
import { ErrorSummary, FormErrors, FormValues, SelectField, TextField } from '../../web/forms';
import { Fragment, Html, jsx } from '../../web/jsx';
import { Layout } from '../../web/layout';
import { common } from '../../web/messages';
import type { PageContext } from '../../web/page';
import { roleMessages } from '../../web/roles.messages';
import { AUDIT_ACTIONS, AUDIT_OUTCOMES } from '../audit-action';
import type { AuditAction } from '../audit-action';
import type { VerifyResult } from '../audit-verifier.service';
import type { AuditHeadsPageDto, AuditPageDto } from '../dto/audit-query.dto';
import { auditActionMessages } from './audit-actions.messages';
import { auditMessages } from './audit.messages';

void Fragment;

/** The search's fields, as the form and the query string name them. */
export const SEARCH_FIELDS = ['caseId', 'personId', 'actorUserId', 'action', 'outcome', 'from', 'to'] as const;

function Links(props: { page: PageContext }): Html {
  const m = auditMessages.in(props.page.language);
  return (
    <ul class="actions">
      <li>
        <a href="/ui/audit">{m('search_title')}</a>
      </li>
      <li>
        <a href="/ui/audit/verify">{m('verify_link')}</a>
      </li>
      <li>
        <a href="/ui/audit/heads">{m('heads_link')}</a>
      </li>
    </ul>
  );
}

/** The query string of this search with `afterSeq` for the next page: ids, codes and days only. */
function nextPageOf(values: FormValues, afterSeq: number): string {
  const query = new URLSearchParams();
  for (const name of SEARCH_FIELDS) {
    const value = values[name];
    if (typeof value === 'string' && value) query.set(name, value);
  }
  query.set('afterSeq', String(afterSeq));
  return `/ui/audit?${query.toString()}`;
}

export interface AuditSearchProps {
  page: PageContext;
  values: FormValues;
  result?: AuditPageDto;
  errors?: FormErrors;
}

export function AuditSearchPage(props: AuditSearchProps): Html {
  const { page, values, result } = props;
  const m = auditMessages.in(page.language);
  const a = auditActionMessages.in(page.language);
  const r = roleMessages.in(page.language);
  const labels: Record<string, string> = {
    caseId: m('case_id'),
    personId: m('person_id'),
    actorUserId: m('user_id'),
    action: m('action'),
    outcome: m('outcome'),
    from: m('from'),
    to: m('to'),
    afterSeq: m('next_events'),
  };
  const outcomeLabel = (outcome: string) => m(`outcome_${outcome as 'allowed'}`);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <Links page={page} />
      <h2>{m('search_title')}</h2>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <form method="get" action="/ui/audit" class="filters">
        <TextField name="caseId" label={labels.caseId} values={values} errors={props.errors} maxlength={36} />
        <TextField name="personId" label={labels.personId} values={values} errors={props.errors} maxlength={36} />
        <TextField name="actorUserId" label={labels.actorUserId} values={values} errors={props.errors} maxlength={36} />
        <SelectField
          name="action"
          label={labels.action}
          values={values}
          errors={props.errors}
          blank={m('any_action')}
          choices={AUDIT_ACTIONS.map((action) => ({ value: action, label: a(action) }))}
        />
        <SelectField
          name="outcome"
          label={labels.outcome}
          values={values}
          errors={props.errors}
          blank={m('any_outcome')}
          choices={AUDIT_OUTCOMES.map((outcome) => ({ value: outcome, label: outcomeLabel(outcome) }))}
        />
        <TextField name="from" label={labels.from} type="date" values={values} errors={props.errors} />
        <TextField name="to" label={labels.to} type="date" values={values} errors={props.errors} />
        <div class="actions">
          <button type="submit">{common.in(page.language)('search')}</button>
        </div>
      </form>
      {result ? (
        result.events.length ? (
          <Fragment>
            <table class="log">
              <caption>{m('events_caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{m('seq')}</th>
                  <th scope="col">{m('time')}</th>
                  <th scope="col">{m('action')}</th>
                  <th scope="col">{m('outcome')}</th>
                  <th scope="col">{m('actor')}</th>
                  <th scope="col">{m('role')}</th>
                  <th scope="col">{m('organisation')}</th>
                  <th scope="col">{m('cases')}</th>
                  <th scope="col">{m('persons')}</th>
                  <th scope="col">{m('detail')}</th>
                </tr>
              </thead>
              <tbody>
                {result.events.map((event) => (
                  <tr>
                    <th scope="row">{String(event.seq)}</th>
                    <td>
                      <time datetime={event.occurredAt}>{event.occurredAt.replace('T', ' ').slice(0, 19)}</time>
                    </td>
                    <td>{(AUDIT_ACTIONS as readonly string[]).includes(event.action) ? a(event.action as AuditAction) : event.action}</td>
                    <td>{`${outcomeLabel(event.outcome)}${event.statusCode ? ` (${event.statusCode})` : ''}`}</td>
                    <td>{event.actorUserId ?? ''}</td>
                    <td>{event.actorRole ? r(event.actorRole as Role) : ''}</td>
                    <td>{event.actorOrganisationId ?? ''}</td>
                    <td>{event.caseIds.join(' ')}</td>
                    <td>{event.personIds.join(' ')}</td>
                    <td>{event.detail ? <code>{JSON.stringify(event.detail)}</code> : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            {result.nextAfterSeq !== undefined ? (
              <p>
                <a href={nextPageOf(values, result.nextAfterSeq)}>{m('next_events')}</a>
              </p>
            ) : null}
          </Fragment>
        ) : (
          <p class="notice">{m('no_events')}</p>
        )
      ) : null}
    </Layout>
  );
}

export function VerifyPage(props: { page: PageContext; result: VerifyResult }): Html {
  const { page, result } = props;
  const m = auditMessages.in(page.language);
  return (
    <Layout page={page} title={m('verify_title')}>
      <h1>{m('verify_title')}</h1>
      <Links page={page} />
      <p>{m('verify_intro')}</p>
      {result.intact ? (
        <div class="notice ok" role="status">
          <p>
            <strong class="state-ok">{m('intact', { seq: result.verifiedUpTo })}</strong>
          </p>
          <p>{m('intact_counts', { events: result.eventsChecked, seals: result.sealsChecked })}</p>
          {result.unsealed ? <p>{m('unsealed', { count: result.unsealed })}</p> : null}
        </div>
      ) : (
        <div class="notice warn" role="alert">
          <p>
            <strong class="state-bad">{m('broken', { seq: result.firstBadSeq ?? result.verifiedUpTo + 1 })}</strong>
          </p>
          <p>{m('broken_up_to', { seq: result.verifiedUpTo })}</p>
        </div>
      )}
      <p>
        <a class="button secondary" href="/ui/audit/verify">
          {m('verify_again')}
        </a>
      </p>
    </Layout>
  );
}

export function HeadsPage(props: { page: PageContext; result: AuditHeadsPageDto; afterId: number }): Html {
  const { page, result } = props;
  const m = auditMessages.in(page.language);
  const download = `/ui/audit/heads/export${props.afterId ? `?afterId=${props.afterId}` : ''}`;
  return (
    <Layout page={page} title={m('heads_title')}>
      <h1>{m('heads_title')}</h1>
      <Links page={page} />
      <p>{m('heads_intro')}</p>
      {result.heads.length ? (
        <Fragment>
          <p>
            <a class="button" href={download} download="panoh-audit-heads.jsonl">
              {m('heads_download')}
            </a>
          </p>
          <table class="log">
            <caption>{m('heads_caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{m('head_id')}</th>
                <th scope="col" class="number">
                  {m('up_to')}
                </th>
                <th scope="col" class="number">
                  {m('event_count')}
                </th>
                <th scope="col">{m('sealed_at')}</th>
                <th scope="col">{m('head_hash')}</th>
              </tr>
            </thead>
            <tbody>
              {result.heads.map((head) => (
                <tr>
                  <th scope="row">{String(head.id)}</th>
                  <td class="number">{String(head.upToSeq)}</td>
                  <td class="number">{String(head.eventCount)}</td>
                  <td>
                    <time datetime={head.sealedAt}>{head.sealedAt.replace('T', ' ').slice(0, 19)}</time>
                  </td>
                  <td>
                    <code>{head.headHash}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.nextAfterId !== undefined ? (
            <p>
              <a href={`/ui/audit/heads?afterId=${result.nextAfterId}`}>{m('next_heads')}</a>
            </p>
          ) : null}
        </Fragment>
      ) : (
        <p class="notice">{m('no_heads')}</p>
      )}
    </Layout>
  );
}
