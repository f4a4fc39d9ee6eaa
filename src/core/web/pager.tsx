import { defineMessages } from './i18n';
import { Html, jsx } from './jsx';
import type { PageContext } from './page';

export const pagingMessages = defineMessages('paging', {
  en: {
    label: 'Pages',
    page_of: 'Page {page} of {pages}',
    previous: 'Previous page',
    next: 'Next page',
    older: 'Older entries',
  },
  ru: {
    label: 'Страницы',
    page_of: 'Страница {page} из {pages}',
    previous: 'Предыдущая страница',
    next: 'Следующая страница',
    older: 'Более ранние записи',
  },
  tg: {
    label: 'Саҳифаҳо',
    page_of: 'Саҳифаи {page} аз {pages}',
    previous: 'Саҳифаи қаблӣ',
    next: 'Саҳифаи навбатӣ',
    older: 'Сабтҳои пештара',
  },
});

/** A GET page number from a query: 1 when absent or not a small whole number. */
export function pageNumber(value: unknown): number {
  const n = typeof value === 'string' && /^\d{1,6}$/.test(value) ? Number(value) : 1;
  return n >= 1 ? n : 1;
}

/**
 * Links to the previous and next page of a list paged by the API's `limit` and `offset`; `hrefOf`
 * writes a page's address (ids and codes only, as every address of the pages).
 */
export function Pager(props: {
  page: PageContext;
  number: number;
  size: number;
  total: number;
  hrefOf: (number: number) => string;
}): Html {
  const m = pagingMessages.in(props.page.language);
  const pages = Math.max(1, Math.ceil(props.total / props.size));
  if (pages <= 1) return <nav aria-label={m('label')} class="pager" hidden />;
  return (
    <nav aria-label={m('label')} class="pager">
      <p>{m('page_of', { page: props.number, pages })}</p>
      <ul>
        {props.number > 1 ? (
          <li>
            <a href={props.hrefOf(props.number - 1)} rel="prev">
              {m('previous')}
            </a>
          </li>
        ) : null}
        {props.number < pages ? (
          <li>
            <a href={props.hrefOf(props.number + 1)} rel="next">
              {m('next')}
            </a>
          </li>
        ) : null}
      </ul>
    </nav>
  );
}
