import { gzipSync } from 'node:zlib';

/** A page of the web interface and the API route it is built on (the same read, as JSON). */
export interface PageUnderTest {
  label: string;
  path: string;
  /** The API route showing the same thing, measured alike in the same run; undefined for pages of their own. */
  api?: string;
  /** The session to look with (the caseworker's when absent). */
  token?: string;
}

export interface PageFigures {
  label: string;
  path: string;
  status: number;
  /** What the browser receives for a first visit: the page and its stylesheets and script. */
  firstVisitBytes: number;
  htmlBytes: number;
  /** The same, gzip-compressed: what it would weigh compressed (pages are sent uncompressed, see docs). */
  htmlGzipBytes: number;
  medianMs: number;
  p95Ms: number;
  /** Median time of the API route showing the same thing; page : API says what rendering costs. */
  apiMedianMs?: number;
}

const ASSETS = ['/ui/assets/app.css', '/ui/assets/print.css', '/ui/assets/app.js'];

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
}

async function timed(
  url: string,
  headers: Record<string, string>,
): Promise<{ ms: number; status: number; body: Buffer }> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { headers, redirect: 'manual' });
  const body = Buffer.from(await response.arrayBuffer());
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.status, body };
}

/**
 * Each page `requests` times one after another (the time a person waits: the server's work, on
 * localhost), alternating with its API route, signed in by the session cookie (the page) and the
 * bearer token (the API) of the same session.
 */
export async function measurePages(
  base: string,
  token: string,
  pages: readonly PageUnderTest[],
  requests: number,
): Promise<{ assetsBytes: number; pages: PageFigures[] }> {
  let assetsBytes = 0;
  for (const asset of ASSETS) assetsBytes += (await timed(`${base}${asset}`, {})).body.length;
  const figures: PageFigures[] = [];
  for (const page of pages) {
    const cookie = { Cookie: `panoh_session=${page.token ?? token}` };
    const bearer = { Authorization: `Bearer ${page.token ?? token}` };
    const first = await timed(`${base}${page.path}`, cookie);
    if (first.status !== 200) throw new Error(`${page.path} answered ${first.status}`);
    const times: number[] = [];
    const apiTimes: number[] = [];
    for (let i = 0; i < requests; i++) {
      times.push((await timed(`${base}${page.path}`, cookie)).ms);
      if (page.api) apiTimes.push((await timed(`${base}${page.api}`, bearer)).ms);
    }
    figures.push({
      label: page.label,
      path: page.path,
      status: first.status,
      htmlBytes: first.body.length,
      htmlGzipBytes: gzipSync(first.body).length,
      firstVisitBytes: first.body.length + assetsBytes,
      medianMs: quantile(times, 0.5),
      p95Ms: quantile(times, 0.95),
      apiMedianMs: page.api ? quantile(apiTimes, 0.5) : undefined,
    });
  }
  return { assetsBytes, pages: figures };
}
