import { LANGUAGES } from '../../../core/web/i18n';
import type { Language } from '../../../core/web/i18n';
import { documentOf, jsx } from '../../../core/web/jsx';
import type { PageContext } from '../../../core/web/page';
import type { PublishedTable, ReleaseSummary, ReleaseView } from '../releases/release-contract';
import { PublishPage, ReleaseListPage, ReleasePage, WITHHELD_MARK } from './releases.page';
import { statisticsMessages } from './statistics.messages';

const SUMMARY: ReleaseSummary = {
  id: '11111111-1111-4111-8111-111111111111',
  period: '2025',
  version: 2,
  method: 'suppression',
  threshold: 11,
  suppressionRate: 0.125,
  generatedAt: '2026-01-15T04:00:00.000Z',
  signature: 'c2lnbmF0dXJl',
  publicKey: 'cHVibGljLWtleQ==',
};

const BY_REGION: PublishedTable = {
  id: 'victims-by-region',
  dimensions: ['region'],
  categories: [['TJ-DU', 'TJ-SU', 'other']],
  folded: { region: ['TJ-GB'] },
  entries: [
    { key: ['TJ-DU'], count: 20 },
    { key: ['TJ-SU'], count: null },
    { key: ['other'], count: null },
    { key: ['*'], count: 31 },
  ],
};

const BY_GENDER_AND_AGE: PublishedTable = {
  id: 'victims-by-gender-and-age',
  dimensions: ['gender', 'ageBand'],
  categories: [
    ['Feminine', 'Masculine'],
    ['18--25', '26--40'],
  ],
  folded: {},
  pooled: { from: 2023, to: 2025 },
  entries: [
    { key: ['Feminine', '18--25'], count: 12 },
    { key: ['Feminine', '26--40'], count: 14 },
    { key: ['Feminine', '*'], count: 26 },
    { key: ['Masculine', '18--25'], count: null },
    { key: ['Masculine', '26--40'], count: null },
    { key: ['Masculine', '*'], count: 13 },
    { key: ['*', '18--25'], count: null },
    { key: ['*', '26--40'], count: null },
    { key: ['*', '*'], count: 39 },
  ],
};

const REQUESTED: PublishedTable = {
  id: 'request-1',
  dimensions: ['gender', 'stage', 'referralOutcome'],
  categories: [['Feminine'], ['identified'], ['accepted']],
  folded: {},
  entries: [
    { key: ['Feminine', 'identified', 'accepted'], count: 15 },
    { key: ['*', '*', '*'], count: 31 },
  ],
};

const VIEW: ReleaseView = {
  summary: SUMMARY,
  tables: [BY_REGION, BY_GENDER_AND_AGE],
  timeliness: { identificationToAcceptanceDays: 9, referralResponseDays: null, overdueReferrals: 0 },
  requests: [REQUESTED],
};

const page = (language: Language): PageContext => ({
  language,
  csrf: 'form-token',
  path: '/ui/statistics',
  user: { userId: 'u', organisationId: 'o', role: 'commission', username: 'commission.1' } as PageContext['user'],
});

const render = (html: Parameters<typeof documentOf>[0]) => documentOf(html);

describe('the statistics release pages', () => {
  describe.each(LANGUAGES)('in %s', (language) => {
    const m = statisticsMessages.in(language);
    const html = render(
      <ReleasePage page={page(language)} release={VIEW} newest={SUMMARY} allowance={{ used: 3, limit: 20 }} mayExport />,
    );

    it('titles the release and states its method in the person’s language', () => {
      expect(html).toContain(`<h1>${m('release_title', { period: '2025', version: 2 })}</h1>`);
      expect(html).toContain(`<html lang="${language}">`);
      expect(html).toContain(m('method_suppression_text', { k: 11, k_below: 10 }).slice(0, 20));
      expect(html).toContain('12.5%');
    });

    it('shows every withheld cell as the mark, never a number, and a legend that explains the mark', () => {
      const withheld = [...html.matchAll(/<td class="number withheld">([^<]*)<\/td>/g)].map((cell) => cell[1]);
      // 2 in the regions, 4 in the cross table, 1 in timeliness.
      expect(withheld).toHaveLength(7);
      expect(new Set(withheld)).toEqual(new Set([WITHHELD_MARK]));
      const legend = m('legend', { mark: WITHHELD_MARK, k: 11 });
      expect(legend).toContain(WITHHELD_MARK);
      expect(html).toContain(`<p class="hint legend">${legend.replace(/“/g, '“')}</p>`);
      expect(html).toContain('<td class="number">20</td>');
      expect(html).toContain('<td class="number">39</td>');
    });

    it('lays out one-, two- and three-way tables with their captions, the pooled years and the folded categories', () => {
      expect(html).toContain(`<caption>${m('table_caption', { period: '2025', dimensions: m('dim_region') })}</caption>`);
      expect(html).toContain(
        `<caption>${m('table_caption_pooled', { from: 2023, to: 2025, dimensions: `${m('dim_gender')}, ${m('dim_ageBand')}` })}</caption>`,
      );
      expect(html).toContain(m('pooled_note', { from: 2023, to: 2025 }));
      expect(html).toContain(m('folded', { categories: 'Вилояти Мухтори Кӯҳистони Бадахшон' }).slice(0, 10));
      expect(html).toContain('id="table-request-1"');
      expect(html).toContain(m('outcome_accepted'));
      expect(html).toContain(`<th scope="row">${m('other')}</th>`);
    });

    it('draws a chart for each table, withheld bars as the mark without a bar', () => {
      const charts = [...html.matchAll(/<svg class="chart"[^>]*>([\s\S]*?)<\/svg>/g)];
      expect(charts).toHaveLength(3);
      expect(charts[0][0]).toContain(`<title id="chart-victims-by-region-title">${m('chart_title', { dimension: m('dim_region') })}</title>`);
      const withheld = [...charts[0][1].matchAll(/<g class="withheld">([\s\S]*?)<\/g>/g)];
      expect(withheld).toHaveLength(2);
      for (const group of withheld) {
        expect(group[1]).not.toContain('<rect');
        expect(group[1]).toContain(`>${WITHHELD_MARK}</text>`);
      }
      expect(charts[0][1].match(/<rect class="bar"/g)).toHaveLength(1);
    });

    it('shows timeliness with a withheld median as the mark', () => {
      expect(html).toContain(`<th scope="row">${m('measure_identificationToAcceptance')}</th><td class="number">9</td>`);
      expect(html).toContain(`<th scope="row">${m('measure_referralResponse')}</th><td class="number withheld">${WITHHELD_MARK}</td>`);
      expect(html).toContain(`<th scope="row">${m('measure_overdueReferrals')}</th><td class="number">0</td>`);
    });

    it('offers the downloads, the signature and the public key', () => {
      expect(html).toContain(`href="/ui/statistics/releases/${SUMMARY.id}/tables.csv"`);
      expect(html).toContain(`href="/ui/statistics/releases/${SUMMARY.id}/ctdc.csv"`);
      expect(html).toContain('<code class="wrap">c2lnbmF0dXJl</code>');
      expect(html).toContain('<code class="wrap">cHVibGljLWtleQ==</code>');
    });

    it('has the request form on the newest release: 1–3 dimensions, the form token, the allowance', () => {
      const form = /<form method="post" action="\/ui\/statistics\/requests"[^>]*>([\s\S]*?)<\/form>/.exec(html)?.[1] as string;
      expect(form).toContain('<input type="hidden" name="_csrf" value="form-token">');
      expect(form).toMatch(/<input type="hidden" name="_idempotency" value="[0-9a-f-]{36}">/);
      expect([...form.matchAll(/<input type="checkbox"[^>]* name="dimensions" value="([A-Za-z]+)"/g)].map((c) => c[1])).toEqual([
        'quarter',
        'region',
        'gender',
        'ageBand',
        'exploitationType',
        'countryOfExploitation',
        'stage',
        'traffickingStatus',
        'referralOutcome',
      ]);
      expect(form).toContain(m('request_allowance', { used: 3, limit: 20 }));
    });

    it('says a refusal in the person’s language, keeps the valid choices ticked, and echoes nothing else', () => {
      const refused = render(
        <ReleasePage
          page={page(language)}
          release={VIEW}
          newest={SUMMARY}
          allowance={{ used: 20, limit: 20 }}
          mayExport={false}
          refusal={m('refused_limit')}
          values={{ dimensions: ['region'] }}
          errors={{ dimensions: m('field_dimensions') }}
        />,
      );
      expect(refused).toContain(`<p class="notice warn" role="alert">${m('refused_limit')}</p>`);
      expect(refused).toContain(`<p class="error" id="f-dimensions-error">${m('field_dimensions')}</p>`);
      expect(refused).toMatch(/name="dimensions" value="region" checked>/);
      expect(refused).not.toContain('/ctdc.csv');
    });
  });

  it('sends an older release’s reader to the newest release for requests', () => {
    const older: ReleaseSummary = { ...SUMMARY, id: '22222222-2222-4222-8222-222222222222', period: '2024', version: 1 };
    const html = render(<ReleasePage page={page('en')} release={{ ...VIEW, summary: older }} newest={SUMMARY} mayExport={false} />);
    expect(html).not.toContain('action="/ui/statistics/requests"');
    expect(html).toContain(`<a href="/ui/statistics/releases/${SUMMARY.id}">Release 2025, version 2</a>`);
  });

  it('states a dp release’s budget and allocation, and that timeliness is not published', () => {
    const dp: ReleaseSummary = {
      ...SUMMARY,
      method: 'dp',
      suppressionRate: 0,
      privacy: { rho: 0.5, allocation: { 'victims-by-region': 0.25, 'victims-by-gender-and-age': 0.25 } },
    };
    const html = render(
      <ReleasePage page={page('ru')} release={{ ...VIEW, summary: dp, timeliness: null }} newest={dp} mayExport={false} />,
    );
    expect(html).toContain('ρ = 0.5');
    expect(html).toContain('<th scope="row">victims-by-region</th><td class="number">0.25</td>');
    expect(html).toContain('В выпуске, защищённом дифференциальной приватностью, сроки не публикуются.');
  });

  it('lists the releases newest first with period, version, method, date and suppression rate', () => {
    for (const language of LANGUAGES) {
      const m = statisticsMessages.in(language);
      const html = render(
        <ReleaseListPage page={page(language)} releases={[SUMMARY, { ...SUMMARY, id: '3', period: '2025-Q3', version: 1 }]} />,
      );
      expect(html).toContain(`<h1>${m('title')}</h1>`);
      expect(html).toContain(`<a href="/ui/statistics/releases/${SUMMARY.id}"`);
      expect(html).toContain('2026-01-15 09:00');
      expect(html).toContain(m('method_suppression'));
      expect(html.indexOf('>2025</a>')).toBeLessThan(html.indexOf('>2025-Q3</a>'));
      expect(render(<ReleaseListPage page={page(language)} releases={[]} />)).toContain(m('none_yet'));
    }
  });

  it('has the publish form with its token, and says a deferral or a bad period in the person’s language', () => {
    for (const language of LANGUAGES) {
      const m = statisticsMessages.in(language);
      const form = render(<PublishPage page={page(language)} releases={[SUMMARY]} />);
      expect(form).toContain('<form method="post" action="/ui/statistics/publish">');
      expect(form).toContain('<input type="hidden" name="_csrf" value="form-token">');
      expect(form).toContain('name="period"');
      const deferred = render(<PublishPage page={page(language)} refusal={m('deferred')} values={{ period: '2025' }} />);
      expect(deferred).toContain(`<p class="notice warn" role="alert">${m('deferred')}</p>`);
      const bad = render(<PublishPage page={page(language)} errors={{ period: m('period_invalid') }} />);
      expect(bad).toContain(`<p class="error" id="f-period-error">${m('period_invalid')}</p>`);
      const done = render(<PublishPage page={page(language)} published={SUMMARY} />);
      expect(done).toContain(m('published', { period: '2025', version: 2 }));
    }
  });
});
