// `npm run bench:ui`: UI speed figures in a real Chromium against `vite preview`.
// Prints numbers; asserts nothing about time (tests stay free of thresholds).
import { defineConfig, devices } from '@playwright/test';
// @ts-expect-error: plain ES module without types
import { resolveChromium } from '../chromium.mjs';

/** E2E_PORT: another port for the preview server (two checkouts testing at once). */
const port = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: '.',
  testMatch: '*.bench.ts',
  outputDir: '../../test-results/bench',
  workers: 1,
  timeout: 300_000,
  reporter: [['list']],
  use: { baseURL: `http://127.0.0.1:${port}` },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1440, height: 900 },
        launchOptions: { executablePath: resolveChromium(), args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'] },
      },
    },
  ],
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    cwd: '../..',
    url: `http://127.0.0.1:${port}`,
    reuseExistingServer: false,
  },
});
