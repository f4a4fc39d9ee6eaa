import {
  Choice,
  ErrorSummary,
  FormErrors,
  FormValues,
  SelectField,
  TextArea,
  TextField,
} from '../../../core/web/forms';
import { Html, jsx } from '../../../core/web/jsx';
import { CsrfField, IdempotencyField, Layout } from '../../../core/web/layout';
import type { PageContext } from '../../../core/web/page';
import { shownDay, shownMoment } from '../../../core/web/moments';
import { NOTE_KINDS } from '../note-kinds';
import type { NoteView } from '../note-views';
import { noteMessages } from './notes.messages';

type M = ReturnType<typeof noteMessages.in>;

export interface NotesPageProps {
  page: PageContext;
  caseId: string;
  notes: NoteView[];
  /** The owner's page: write, correct, add to and share. */
  manage: boolean;
  /** The organisations the case is shared with for assistance, for the share forms (owner only). */
  sharing: Choice[];
  names: Map<string, string>;
  editMinutes: number;
  /** The application's time, to offer a correction only while its window is open. */
  now: Date;
  notice?: string;
  values?: FormValues;
  errors?: FormErrors;
}

/** The notes of a case: each with its addenda, and for the owner the forms to write, correct, add and share. */
export function NotesPage(props: NotesPageProps): Html {
  const { page, caseId } = props;
  const m = noteMessages.in(page.language);
  const base = `/ui/cases/${caseId}/notes`;
  const kinds: Choice[] = NOTE_KINDS.map((k) => ({ value: k, label: m(`kind_${k}`) }));
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>
        <a href={`/ui/cases/${caseId}`}>{m('back_to_case')}</a>
      </p>
      {props.notice ? (
        <p class="notice ok" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.notes.length ? (
        props.notes.map((note) => <Note {...props} note={note} kinds={kinds} base={base} m={m} />)
      ) : (
        <p>{props.manage ? m('none_yet') : m('none_shared')}</p>
      )}
      {props.manage ? (
        <form method="post" action={base} autocomplete="off">
          <CsrfField page={page} />
          <IdempotencyField />
          <h2>{m('add_title')}</h2>
          <p class="hint">{m('add_hint', { minutes: String(props.editMinutes) })}</p>
          <ErrorSummary
            page={page}
            errors={props.errors}
            labels={{ kind: m('kind'), occurredOn: m('occurredOn'), text: m('text') }}
          />
          <SelectField
            name="kind"
            label={m('kind')}
            choices={kinds}
            values={props.values}
            errors={props.errors}
            required
          />
          <TextField
            name="occurredOn"
            label={m('occurredOn')}
            type="date"
            values={props.values}
            errors={props.errors}
            required
          />
          <TextArea
            name="text"
            label={m('text')}
            values={props.values}
            errors={props.errors}
            maxlength={10000}
            rows={6}
            identifying
            required
          />
          <p>
            <button type="submit">{m('add_button')}</button>
          </p>
        </form>
      ) : null}
    </Layout>
  );
}

function Note(props: NotesPageProps & { note: NoteView; kinds: Choice[]; base: string; m: M }): Html {
  const { page, note, m, base } = props;
  const mine = note.authorId === page.user?.userId;
  const editable = props.manage && mine && props.now.getTime() <= Date.parse(note.editableUntil);
  const shared = new Set(note.sharedWith ?? []);
  const open = props.sharing.filter((c) => !shared.has(c.value));
  return (
    <article class="note" aria-labelledby={`note-${note.id}`}>
      <h2 id={`note-${note.id}`}>
        {m(`kind_${note.kind}`)}, {shownDay(note.occurredOn)}
      </h2>
      <p class="hint">
        {m(mine ? 'written_by_you' : 'written', { moment: shownMoment(note.createdAt) })}
        {note.editedAt ? `; ${m('edited', { moment: shownMoment(note.editedAt) })}` : ''}
      </p>
      <p class="note-text">{note.text}</p>
      {note.addenda.map((a) => (
        <div class="addendum">
          <p class="hint">{m('addendum', { moment: shownMoment(a.createdAt) })}</p>
          <p class="note-text">{a.text}</p>
        </div>
      ))}
      {note.earlierVersions?.length ? (
        <details>
          <summary>{m('earlier_versions')}</summary>
          {note.earlierVersions.map((r) => (
            <div class="revision">
              <p class="hint">
                {m(`kind_${r.kind}`)}, {shownDay(r.occurredOn)} — {m('replaced', { moment: shownMoment(r.replacedAt) })}
              </p>
              <p class="note-text">{r.text}</p>
            </div>
          ))}
        </details>
      ) : null}
      {props.manage ? (
        <p class="hint">
          {shared.size
            ? m('shared_with', { names: [...shared].map((id) => props.names.get(id) ?? id).join(', ') })
            : m('shared_none')}
        </p>
      ) : null}
      {editable ? (
        <form method="post" action={`${base}/${note.id}/edit`} autocomplete="off">
          <CsrfField page={page} />
          <h3>{m('edit_title', { moment: shownMoment(note.editableUntil) })}</h3>
          <SelectField name="kind" label={m('kind')} choices={props.kinds} values={{ kind: note.kind }} />
          <TextField name="occurredOn" label={m('occurredOn')} type="date" values={{ occurredOn: note.occurredOn }} />
          <TextArea name="text" label={m('text')} values={{ text: note.text }} maxlength={10000} rows={6} identifying />
          <p>
            <button type="submit">{m('edit_button')}</button>
          </p>
        </form>
      ) : null}
      {props.manage ? (
        <form method="post" action={`${base}/${note.id}/addenda`} autocomplete="off">
          <CsrfField page={page} />
          <h3>{m('addendum_title')}</h3>
          <TextArea name="text" label={m('addendum_text')} maxlength={10000} identifying required />
          <p>
            <button type="submit" class="secondary">
              {m('addendum_button')}
            </button>
          </p>
        </form>
      ) : null}
      {props.manage && open.length ? (
        <form method="post" action={`${base}/${note.id}/share`}>
          <CsrfField page={page} />
          <SelectField name="organisationId" label={m('share_with')} choices={open} />
          <button type="submit">{m('share_button')}</button>
        </form>
      ) : null}
      {props.manage
        ? [...shared].map((organisationId) => (
            <form method="post" action={`${base}/${note.id}/unshare/${organisationId}`}>
              <CsrfField page={page} />
              <button type="submit" class="secondary">
                {m('unshare_button')} ({props.names.get(organisationId) ?? organisationId})
              </button>
            </form>
          ))
        : null}
    </article>
  );
}
