// Makes sure e2e tests have a Chromium. On Debian as root it installs the
// `chromium` package itself; elsewhere it prints the exact commands to run.
// E2E_NO_INSTALL=1 turns the automatic install off.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolveChromium, playwrightHasChromium } from './chromium.mjs';

const found = resolveChromium();
if (found) {
  console.log(`e2e: using Chromium at ${found}`);
  process.exit(0);
}
if (playwrightHasChromium()) {
  console.log("e2e: using Playwright's own Chromium");
  process.exit(0);
}
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get') && !process.env.E2E_NO_INSTALL) {
  console.log('e2e: no Chromium found; installing Debian package `chromium` (apt-get)…');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
  if (resolveChromium()) process.exit(0);
}
console.error(`e2e: no Chromium found. Install one of these ways, then run npm test again:
  sudo apt-get install -y chromium                       (Debian/Ubuntu)
  npx playwright install chromium                        (Playwright's own build)
  export PLAYWRIGHT_CHROMIUM_PATH=/path/to/chromium      (any Chromium you have)`);
process.exit(1);
