import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Browser, BrowserContext, chromium, Page, Response } from 'playwright-core';
import type { TestApp } from './test-app';

/**
 * A real browser for the page tests: Debian's Chromium (`apt-get install -y chromium`, which .ci/run
 * does when it is missing), driven by playwright-core — no browser is downloaded. CHROMIUM_PATH names
 * another binary.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * How long one browser step (a click, a page load) may take: far past what any takes, so that a slow
 * or busy machine makes a walk slower, never red. Jest's own limit still catches a hang.
 */
export const STEP_TIMEOUT_MS = 120_000;

/** A browser context (one person's computer) whose steps wait as long as STEP_TIMEOUT_MS. */
export async function newComputer(browser: Browser, options: Parameters<Browser['newContext']>[0] = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(STEP_TIMEOUT_MS);
  return context;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`no Chromium at ${CHROMIUM}: install Debian's package (apt-get install -y chromium) or set CHROMIUM_PATH`);
  }
  // As root (CI), Chromium's own sandbox cannot start; the pages it opens are the service's own.
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    timeout: STEP_TIMEOUT_MS,
    args: ['--no-sandbox', '--disable-gpu'],
  });
}

/** The test app listening on a port of its own, for the browser to reach. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const { port } = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${port}`;
}

/** What a page did that the content security policy refused, or a script error: each one a defect. */
export function watchForDefects(page: Page, into: string[]): void {
  page.on('console', (message) => {
    // A refused page answers 4xx on purpose (Chromium logs each one); its files must not fail.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      into.push(`console: ${message.text()}`);
    }
  });
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'document' && response.status() >= 400) {
      into.push(`${response.status()} for ${new URL(response.url()).pathname}`);
    }
  });
  page.on('pageerror', (error) => into.push(`script: ${error.message}`));
}

/** Each document the browser loaded, with the headers every page must carry. */
export function watchDocuments(page: Page, into: Array<{ url: string; status: number; headers: Record<string, string> }>): void {
  page.on('response', (response: Response) => {
    if (response.request().resourceType() !== 'document') return;
    into.push({ url: response.url(), status: response.status(), headers: response.headers() });
  });
}

export interface BrowserStorage {
  localStorage: Record<string, string>;
  sessionStorage: Record<string, string>;
  indexedDb: string[];
  cacheStorage: string[];
  cookies: Array<{ name: string; value: string; httpOnly: boolean; sameSite: string }>;
}

/** Everything the browser keeps for the service's origin: what must hold nothing of a victim. */
export async function readStorage(context: BrowserContext, page: Page): Promise<BrowserStorage> {
  // Written as text: it runs in the page, where the DOM's types are, not in Node.
  const inPage = (await page.evaluate(`(async () => {
    const entries = (storage) => Object.fromEntries(Object.keys(storage).map((k) => [k, storage.getItem(k) ?? '']));
    const databases = indexedDB.databases ? (await indexedDB.databases()).map((d) => d.name ?? '') : [];
    const cacheNames = typeof caches === 'undefined' ? [] : await caches.keys();
    return { localStorage: entries(localStorage), sessionStorage: entries(sessionStorage), indexedDb: databases, cacheStorage: cacheNames };
  })()`)) as Omit<BrowserStorage, 'cookies'>;
  const cookies = (await context.cookies()).map((c) => ({ name: c.name, value: c.value, httpOnly: c.httpOnly, sameSite: c.sameSite }));
  return { ...inPage, cookies };
}

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: number;
}

/**
 * axe-core's WCAG 2.x A/AA rules on the page as it stands. The script is evaluated through the
 * browser's debugging protocol, which the page's content security policy does not govern: the page
 * itself keeps refusing every script but its own.
 */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(AXE);
  const results = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })`,
  )) as { violations: Array<{ id: string; impact: string | null; help: string; nodes: unknown[] }> };
  return results.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length }));
}

export function seriousOnes(violations: AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}
