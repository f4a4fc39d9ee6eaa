import { Choice, ErrorSummary, FormErrors, FormValues, SelectField, TextArea } from '../../../core/web/forms';
import { Html, jsx } from '../../../core/web/jsx';
import { CsrfField, IdempotencyField, Layout } from '../../../core/web/layout';
import type { PageContext } from '../../../core/web/page';
import { shownMoment } from '../../../core/web/moments';
import { ATTACHMENT_KINDS } from '../attachment-kinds';
import type { AttachmentView } from '../attachment-views';
import { attachmentMessages } from './attachments.messages';

type M = ReturnType<typeof attachmentMessages.in>;

export interface AttachmentsPageProps {
  page: PageContext;
  caseId: string;
  attachments: AttachmentView[];
  /** The owner's page: upload, share and delete. */
  manage: boolean;
  /** The organisations the case is shared with, for the share forms (owner only). */
  sharing: Choice[];
  names: Map<string, string>;
  maxBytes: number;
  notice?: string;
  values?: FormValues;
  errors?: FormErrors;
}

export function sizeOf(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.ceil(bytes / 1024)} KB`;
  return `${bytes} B`;
}

const TYPE_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

/** The attachments of a case: the list with downloads, and for the owner the upload and share forms. */
export function AttachmentsPage(props: AttachmentsPageProps): Html {
  const { page, caseId } = props;
  const m = attachmentMessages.in(page.language);
  const base = `/ui/cases/${caseId}/attachments`;
  const kinds: Choice[] = ATTACHMENT_KINDS.map((k) => ({ value: k, label: m(`kind_${k}`) }));
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
      {props.attachments.length ? (
        <table>
          <caption>{m('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_name')}</th>
              <th scope="col">{m('col_kind')}</th>
              <th scope="col">{m('col_type')}</th>
              <th scope="col">{m('col_size')}</th>
              <th scope="col">{m('col_added')}</th>
              {props.manage ? <th scope="col">{m('col_shared')}</th> : null}
              <th scope="col">{m('col_actions')}</th>
            </tr>
          </thead>
          <tbody>
            {props.attachments.map((a) => (
              <tr>
                <th scope="row">
                  {a.fileName}
                  {a.description ? <p class="hint">{a.description}</p> : null}
                </th>
                <td>{m(`kind_${a.kind}`)}</td>
                <td>{TYPE_LABELS[a.mediaType]}</td>
                <td>{sizeOf(a.sizeBytes)}</td>
                <td>{shownMoment(a.createdAt)}</td>
                {props.manage ? <td>{shares(a, props.names, m)}</td> : null}
                <td>
                  <a href={`${base}/${a.id}/content`} download="">
                    {m('download')}
                  </a>
                  {props.manage ? (
                    <Manage page={page} base={base} attachment={a} sharing={props.sharing} names={props.names} m={m} />
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{props.manage ? m('none_yet') : m('none_shared')}</p>
      )}
      {props.manage ? (
        <form method="post" action={base} enctype="multipart/form-data" autocomplete="off">
          <CsrfField page={page} />
          <IdempotencyField />
          <h2>{m('upload_title')}</h2>
          <ErrorSummary
            page={page}
            errors={props.errors}
            labels={{ file: m('file'), kind: m('kind'), description: m('description') }}
          />
          <div class={props.errors?.file ? 'field has-error' : 'field'}>
            <label for="f-file">
              {m('file')}
              <span class="required"> *</span>
            </label>
            <p class="hint" id="f-file-hint">
              {m('upload_hint', { size: sizeOf(props.maxBytes) })}
            </p>
            {props.errors?.file ? (
              <p class="error" id="f-file-error">
                {props.errors.file}
              </p>
            ) : null}
            <input
              id="f-file"
              name="file"
              type="file"
              accept="application/pdf,image/jpeg,image/png"
              required
              aria-describedby={props.errors?.file ? 'f-file-hint f-file-error' : 'f-file-hint'}
              aria-invalid={props.errors?.file ? 'true' : undefined}
            />
          </div>
          <SelectField
            name="kind"
            label={m('kind')}
            choices={kinds}
            values={props.values}
            errors={props.errors}
            required
          />
          <TextArea
            name="description"
            label={m('description')}
            values={props.values}
            errors={props.errors}
            maxlength={1000}
            identifying
          />
          <p>
            <button type="submit">{m('upload_button')}</button>
          </p>
        </form>
      ) : null}
    </Layout>
  );
}

function shares(a: AttachmentView, names: Map<string, string>, m: M): string {
  const shared = a.sharedWith ?? [];
  return shared.length ? shared.map((id) => names.get(id) ?? id).join(', ') : m('shared_none');
}

function Manage(props: {
  page: PageContext;
  base: string;
  attachment: AttachmentView;
  sharing: Choice[];
  names: Map<string, string>;
  m: M;
}): Html {
  const { page, base, attachment: a, m } = props;
  const shared = new Set(a.sharedWith ?? []);
  const open = props.sharing.filter((c) => !shared.has(c.value));
  return (
    <div class="attachment-actions">
      {open.length ? (
        <form method="post" action={`${base}/${a.id}/share`}>
          <CsrfField page={page} />
          <SelectField name="organisationId" label={m('share_with')} choices={open} />
          <button type="submit">{m('share_button')}</button>
        </form>
      ) : null}
      {[...shared].map((organisationId) => (
        <form method="post" action={`${base}/${a.id}/unshare/${organisationId}`}>
          <CsrfField page={page} />
          <button type="submit" class="secondary">
            {m('unshare_button')} ({props.names.get(organisationId) ?? organisationId})
          </button>
        </form>
      ))}
      <form method="post" action={`${base}/${a.id}/delete`} data-confirm={m('delete_confirm')}>
        <CsrfField page={page} />
        <button type="submit" class="secondary">
          {m('delete_button')}
        </button>
      </form>
    </div>
  );
}
