import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error: plain ES module without types
import { resolveChromium } from './chromium.mjs';

/** E2E_PORT: another port for the preview server (two checkouts testing at once). */
const port = Number(process.env.E2E_PORT ?? 4173);
const baseURL = process.env.E2E_BASE_URL ?? `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: '.',
  testMatch: '*.spec.ts',
  outputDir: '../test-results',
  fullyParallel: false,
  // Two workers: alone, the suite took 13.8 min with two and about 16 with one on this 2-core VM
  // (stable: 104 of 104 passed). Typecheck, lint and unit tests run beside it at a lower priority.
  workers: 2,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  // Monaco (3.4 MB, lazily loaded) takes 2–3 s to appear on this 2-core VM when it is quiet and
  // over 5 s when it is busy: Playwright's 5 s default made first waits on the editor flaky.
  expect: { timeout: 15_000 },
  reporter: [['list'], ['json', { outputFile: '../reports/e2e.json' }]],
  use: {
    baseURL,
    // A trace records every action's DOM and screen: on CI only the retry of a failed test takes one
    // (the recording cost a busy two-core machine a large share of the suite's time).
    trace: process.env.CI ? 'on-first-retry' : 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: {
          executablePath: resolveChromium(),
          args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'],
        },
      },
    },
  ],
  webServer: process.env.E2E_BASE_URL
    ? undefined
    : {
        command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
        cwd: '..',
        url: baseURL,
        reuseExistingServer: false,
        timeout: 60_000,
      },
});
