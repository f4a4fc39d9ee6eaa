import { Choice, ErrorSummary, FormErrors, FormValues, SelectField, TextArea } from '../../../../core/web/forms';
import { Fragment, Html, jsx } from '../../../../core/web/jsx';
import { CsrfField, Layout } from '../../../../core/web/layout';
import type { PageContext } from '../../../../core/web/page';
import { codeChoices, codeLabel } from '../../code-lists';
import { DECIDED_STATUSES } from '../dto/change-stage.dto';
import type { StagePosition } from '../stages.service';
import { stageMessages } from './stage.messages';

void Fragment;

/** The status decision and closure have forms of their own; every other move shares one. */
const OWN_FORMS = new Set(['status_decided', 'closed']);

export interface StagePageProps {
  page: PageContext;
  position: StagePosition;
  organisations: Choice[];
  notice?: string;
  /** Which form was sent and refused (its `to`), to show what was typed beside it. */
  sent?: string;
  values?: FormValues;
  errors?: FormErrors;
}

export function StagePage(props: StagePageProps): Html {
  const { page, position } = props;
  const m = stageMessages.in(page.language);
  const moves = position.nextStages.filter((s) => !OWN_FORMS.has(s));
  // Only the form that was sent shows what was typed and its problems.
  const mine = (to: string): { values?: FormValues; errors?: FormErrors } =>
    props.sent === to ? { values: props.values, errors: props.errors } : { values: undefined, errors: undefined };
  return (
    <Layout page={page} title={m('stage_title')}>
      <h1>{m('stage_title')}</h1>
      <p>
        <a href={`/ui/cases/${position.caseId}`}>{m('back_to_case')}</a>
      </p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      <dl class="facts">
        <dt>{m('stage_now')}</dt>
        <dd>{codeLabel('stage', position.stage, page.language)}</dd>
        <dt>{m('status_now')}</dt>
        <dd>{codeLabel('traffickingStatus', position.traffickingStatus, page.language)}</dd>
        {position.reflectionEndsOn ? (
          <Fragment>
            <dt>{m('reflection_ends')}</dt>
            <dd>
              <time datetime={position.reflectionEndsOn}>{position.reflectionEndsOn}</time>
            </dd>
          </Fragment>
        ) : null}
      </dl>
      {position.nextStages.length === 0 ? <p>{m('no_moves')}</p> : null}
      {moves.length ? (
        <section aria-labelledby="move-title">
          <h2 id="move-title">{m('move_title')}</h2>
          <StageForm {...props} {...mine('move')} sent="move">
            <SelectField
              name="to"
              label={m('move_to')}
              choices={codeChoices('stage', page.language, moves)}
              values={mine('move').values}
              errors={mine('move').errors}
              required
            />
          </StageForm>
        </section>
      ) : null}
      {position.nextStages.includes('status_decided') ? (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">{m('decision_title')}</h2>
          <p>{m('decision_intro')}</p>
          <StageForm {...props} {...mine('status_decided')} sent="status_decided">
            <input type="hidden" name="to" value="status_decided" />
            <SelectField
              name="traffickingStatus"
              label={m('decided_status')}
              choices={codeChoices('traffickingStatus', page.language, DECIDED_STATUSES)}
              blank=""
              values={mine('status_decided').values}
              errors={mine('status_decided').errors}
              required
            />
            <SelectField
              name="statusDecidedBy"
              label={m('decided_by')}
              choices={codeChoices('statusDecidedBy', page.language)}
              blank=""
              values={mine('status_decided').values}
              errors={mine('status_decided').errors}
              required
            />
            <SelectField
              name="decidingOrganisationId"
              label={m('deciding_organisation')}
              choices={props.organisations}
              blank=""
              values={mine('status_decided').values}
              errors={mine('status_decided').errors}
              required
            />
            <Tick
              name="reflectionWaived"
              label={m('reflection_waived')}
              hint={position.reflectionEndsOn ? m('reflection_waived_hint') : undefined}
              values={mine('status_decided').values}
              errors={mine('status_decided').errors}
            />
          </StageForm>
        </section>
      ) : null}
      {position.nextStages.includes('closed') ? (
        <section aria-labelledby="close-title">
          <h2 id="close-title">{m('close_title')}</h2>
          <p>{m('close_intro')}</p>
          <StageForm {...props} {...mine('closed')} sent="closed" confirm={m('close_confirm')}>
            <input type="hidden" name="to" value="closed" />
            <SelectField
              name="closureReason"
              label={m('closure_reason')}
              choices={codeChoices('closureReason', page.language)}
              blank=""
              values={mine('closed').values}
              errors={mine('closed').errors}
              required
            />
            <Tick name="confirm" label={m('close_tick')} values={mine('closed').values} errors={mine('closed').errors} required />
          </StageForm>
        </section>
      ) : null}
    </Layout>
  );
}

/** One form of the page: the case's version read, what it asks, the reason and its button. */
function StageForm(props: StagePageProps & { sent: string; confirm?: string; children?: unknown }): Html {
  const { page, position } = props;
  const m = stageMessages.in(page.language);
  const labels: Record<string, string> = {
    to: m('move_to'),
    reason: m('reason'),
    traffickingStatus: m('decided_status'),
    statusDecidedBy: m('decided_by'),
    decidingOrganisationId: m('deciding_organisation'),
    reflectionWaived: m('reflection_waived'),
    confirm: m('close_tick'),
    closureReason: m('closure_reason'),
  };
  const button = props.sent === 'closed' ? m('close_button') : props.sent === 'move' ? m('move_button') : m('decision_button');
  return (
    <form method="post" action={`/ui/cases/${position.caseId}/stage`} data-confirm={props.confirm}>
      <ErrorSummary page={page} errors={props.errors} labels={labels} />
      <CsrfField page={page} />
      <input type="hidden" name="version" value={position.version} />
      {props.children as Html}
      <TextArea
        name="reason"
        label={m('reason')}
        hint={m('reason_hint')}
        values={props.values}
        errors={props.errors}
        maxlength={2000}
        rows={3}
        required
      />
      <div class="actions">
        <button type="submit" class={props.sent === 'closed' ? 'danger' : undefined}>
          {button}
        </button>
      </div>
    </form>
  );
}

/** A checkbox that sends `yes`, with its problem beside it. */
function Tick(props: { name: string; label: string; hint?: string; values?: FormValues; errors?: FormErrors; required?: boolean }): Html {
  const id = `f-${props.name}`;
  const error = props.errors?.[props.name];
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div class={error ? 'field check has-error' : 'field check'}>
      {props.hint ? (
        <p class="hint" id={`${id}-hint`}>
          {props.hint}
        </p>
      ) : null}
      {error ? (
        <p class="error" id={`${id}-error`}>
          {error}
        </p>
      ) : null}
      <input
        type="checkbox"
        id={id}
        name={props.name}
        value="yes"
        checked={props.values?.[props.name] === 'yes'}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described}
      />
      <label for={id}>{props.label}</label>
    </div>
  );
}
