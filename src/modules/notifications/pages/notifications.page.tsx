import { Html, jsx } from '../../../core/web/jsx';
import { Layout } from '../../../core/web/layout';
import { shownMoment } from '../../../core/web/moments';
import type { PageContext } from '../../../core/web/page';
import { Pager } from '../../../core/web/pager';
import type { NotificationView } from '../notifications.service';
import { notificationMessages } from './notifications.messages';

export interface NotificationsProps {
  page: PageContext;
  items: NotificationView[];
  number: number;
  size: number;
  total: number;
}

/** The organisation's notifications: a kind and links by id, nothing of the person. */
export function NotificationsPage(props: NotificationsProps): Html {
  const { page } = props;
  const m = notificationMessages.in(page.language);
  return (
    <Layout page={page} title={m('title')}>
      <h1>{m('title')}</h1>
      {props.items.length === 0 ? (
        <p>{m('empty')}</p>
      ) : (
        <table>
          <caption>{m('caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{m('col_when')}</th>
              <th scope="col">{m('col_what')}</th>
              <th scope="col">{m('col_about')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((n) => (
              <tr>
                <td>{shownMoment(n.createdAt)}</td>
                <th scope="row">{m(`kind_${n.kind}`)}</th>
                <td>
                  {n.referralId ? <a href={`/ui/referrals/${n.referralId}`}>{m('open_referral')}</a> : null}
                  {n.referralId && n.caseId ? ' · ' : null}
                  {n.caseId ? <a href={`/ui/cases/${n.caseId}`}>{m('open_case')}</a> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        page={page}
        number={props.number}
        size={props.size}
        total={props.total}
        hrefOf={(number) => `/ui/notifications?page=${number}`}
      />
    </Layout>
  );
}
