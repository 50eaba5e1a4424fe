// Finds a Chromium for Playwright: $PLAYWRIGHT_CHROMIUM_PATH, then the system
// Chromium, then Playwright's own download (returns undefined for that case).
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

export const SYSTEM_CHROMIUMS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Path of the browser to launch, or undefined to let Playwright use its own. */
export function resolveChromium() {
  const fromEnv = process.env.PLAYWRIGHT_CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PLAYWRIGHT_CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  return SYSTEM_CHROMIUMS.find((p) => existsSync(p));
}

/** True if Playwright's own browser cache holds a Chromium. */
export function playwrightHasChromium() {
  const dir = process.env.PLAYWRIGHT_BROWSERS_PATH || join(homedir(), '.cache', 'ms-playwright');
  try {
    return readdirSync(dir).some((d) => d.startsWith('chromium'));
  } catch {
    return false;
  }
}
