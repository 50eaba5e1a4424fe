// Guard rails for every e2e test: the page must log no console error or warning,
// throw no page error, and send no request beyond 127.0.0.1 / localhost.
import { test as base, expect } from '@playwright/test';

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function isLocalUrl(url: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url === 'about:blank') return true;
  try {
    return LOCAL_HOSTS.has(new URL(url).hostname);
  } catch {
    return false;
  }
}

export const test = base.extend<{ guard: { problems: string[]; external: string[] }; firstVisit: boolean }>({
  // Tests play a returning user, who has dismissed the first-visit note (it takes room above the
  // panes); the first-visit test sets `test.use({ firstVisit: true })`.
  firstVisit: [false, { option: true }],
  guard: [
    async ({ page, firstVisit }, use) => {
      if (!firstVisit) {
        await page.addInitScript(() => {
          try {
            if (window === window.top) localStorage.setItem('syslet-playground:welcome-dismissed', '1');
          } catch {
            // a page without storage (about:blank) has no note to dismiss
          }
        });
      }
      const problems: string[] = [];
      const external: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() === 'error' || msg.type() === 'warning') problems.push(`console.${msg.type()}: ${msg.text()}`);
      });
      page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
      page.on('request', (req) => {
        if (!isLocalUrl(req.url())) external.push(req.url());
      });
      await page.route(/.*/, (route) => (isLocalUrl(route.request().url()) ? route.continue() : route.abort()));
      const guard = { problems, external };
      await use(guard);
      expect(external, 'requests that left localhost').toEqual([]);
      expect(problems, 'browser console errors and page errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
