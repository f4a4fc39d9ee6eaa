import { Html, jsx } from '../../web/jsx';
import { Layout } from '../../web/layout';
import type { PageContext } from '../../web/page';
import type { KeyStatusDto } from '../dto/key-status.dto';
import { keyMessages } from './keys.messages';

type M = ReturnType<typeof keyMessages.in>;

/** The items' names as `keys:status` gives them, in words. */
const ITEMS: Record<string, 'item_data_keys' | 'item_totp_secrets'> = {
  'data keys': 'item_data_keys',
  'TOTP secrets': 'item_totp_secrets',
};

const itemLabel = (name: string, m: M): string => (ITEMS[name] ? m(ITEMS[name]) : name);

export function KeysPage(props: { page: PageContext; status: KeyStatusDto }): Html {
  const { page, status } = props;
  const m = keyMessages.in(page.language);
  const items = status.versions[0]?.items.map((item) => item.name) ?? [];
  const todo = [
    status.rotationDue ? m('rotation_due', { days: status.rotateEveryDays }) : null,
    status.rotationUnfinished ? m('rotation_unfinished') : null,
  ].filter((line): line is string => line !== null);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      <p>{m('intro')}</p>
      <dl class="facts">
        <dt>{m('active_version')}</dt>
        <dd>{String(status.activeVersion)}</dd>
        <dt>{m('source')}</dt>
        <dd>{status.source === 'file' ? m('source_file') : m('source_environment')}</dd>
      </dl>
      <p>{m('policy', { days: status.rotateEveryDays })}</p>
      {todo.length ? (
        <div class="notice warn" role="alert">
          {todo.map((line) => (
            <p>{line}</p>
          ))}
        </div>
      ) : (
        <p class="notice ok">{m('all_well')}</p>
      )}
      <table>
        <caption>{m('caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{m('version')}</th>
            <th scope="col">{m('state')}</th>
            {items.map((name) => (
              <th scope="col" class="number">
                {itemLabel(name, m)}
              </th>
            ))}
            <th scope="col">{m('in_use_since')}</th>
            <th scope="col" class="number">
              {m('age')}
            </th>
          </tr>
        </thead>
        <tbody>
          {status.versions.map((version) => (
            <tr>
              <th scope="row">{String(version.version)}</th>
              <td class={version.state === 'not_configured' || version.state === 'rotation_unfinished' ? 'state-bad' : undefined}>
                {m(`state_${version.state}`)}
              </td>
              {version.items.map((item) => (
                <td class="number">{String(item.count)}</td>
              ))}
              <td>{version.inUseSince ? version.inUseSince.slice(0, 10) : m('unknown_age')}</td>
              <td class={version.state === 'active' && status.rotationDue ? 'number state-bad' : 'number'}>
                {version.ageDays === null ? m('unknown_age') : m('age_days', { days: version.ageDays })}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Layout>
  );
}
