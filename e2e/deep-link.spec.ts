// Deep links: a share link can carry the moment (event number) and the view
// (breakpoints, speed, theme, inspector tab), so "look at event 37" is one
// click; a damaged field is named in the notice and ignored, never a crash.
import LZString from 'lz-string';
import { crc32Hex } from '../src/ui/share/crc32.ts';
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { shareLink } from './share-helpers.ts';

const bar = (page: Page) => page.getByTestId('narration-bar');
const events = (page: Page) => page.getByTestId('event-count');

/** A link as share/codec.ts writes it (`#code/v1.<crc>.<payload>`), for fields the page itself never writes. */
function encodeCode(text: string, extras: Record<string, unknown>): string {
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify({ ...extras, text }));
  return `#code/v1.${crc32Hex(payload)}.${payload}`;
}

async function ready(page: Page) {
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

test('Share ▸ "Link to this moment" opens the program at that event with its breakpoints, speed, theme and inspector tab', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?example=full-ring');
  await ready(page);
  await page.getByRole('region', { name: 'Atom graph' }).getByRole('button', { name: 'Breakpoint on s4' }).click();
  await page.getByLabel('Speed').selectOption({ label: '64/s' });
  await page.getByRole('button', { name: 'Light theme' }).click();
  await page.getByRole('tab', { name: 'Log' }).click();
  const step = page.getByRole('button', { name: 'Step', exact: true });
  for (let e = 1; e <= 9; e++) {
    await step.click();
    await expect(events(page)).toContainText(`event ${e} /`);
  }
  const said = await bar(page).innerText();
  await shareLink(page, 'moment');
  await expect(page.getByTestId('notice')).toHaveText(/Link to event 9 copied/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toBe(page.url());

  const other = await context.newPage();
  await other.goto(link);
  await ready(other);
  await expect(events(other)).toContainText('event 9 /');
  await expect.poll(() => bar(other).innerText()).toBe(said);
  await expect(other.getByRole('region', { name: 'Atom graph' }).getByRole('button', { name: 'Breakpoint on s4' })).toHaveAttribute('aria-pressed', 'true');
  await expect(other.getByLabel('Speed')).toHaveValue('64');
  await expect(other.getByRole('button', { name: 'Dark theme' })).toBeVisible(); // the light theme is on
  await expect(other.getByRole('tab', { name: 'Log' })).toHaveAttribute('aria-selected', 'true');
  await expect(other.getByTestId('notice')).toHaveCount(0);
  // The breakpoint travelled too: Run stops before s4.
  await other.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(other.getByTestId('pause-reason')).toHaveText('paused at breakpoint: before `s4` runs');
  await other.close();
});

test('the Log copies a link to one of its events, which opens there', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?example=cold-read');
  await ready(page);
  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Log' }).click();
  const log = page.getByRole('region', { name: 'Narration' });
  const line = log.getByRole('listitem').filter({ hasText: 'cachemiss thread 1 takes over' });
  const at = Number((await line.locator('.narration-event').innerText()).replace(/[#,]/g, ''));
  const text = (await line.locator('.narration-text').innerText()).trim();
  await line.getByRole('button', { name: `Copy a link to event ${at}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toHaveText(new RegExp(`Link to event ${at} copied`));
  const link = await page.evaluate(() => navigator.clipboard.readText());
  const other = await context.newPage();
  await other.goto(link);
  await ready(other);
  await expect(events(other)).toContainText(`event ${at} /`);
  await expect(bar(other)).toContainText(text);
  await other.close();
});

test('a damaged field is named in the notice and ignored; the rest of the link still works', async ({ page }) => {
  // A link the page itself would never write: two bad fields, two good ones, one from a future version.
  await page.goto('/' + encodeCode('ring 2\nvar n = 1\nprint n, "\\n"\n', { event: 2, speed: 'warp', theme: 'light', inspectorTab: 'nowhere', futureField: { x: 1 } }));
  await ready(page);
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('its speed ("warp") is not a speed (1, 4, 16, 64, 512, max)');
  await expect(notice).toContainText('its inspector tab ("nowhere") is not one of memory, files, log, trace, breakpoints');
  await expect(notice).not.toContainText('futureField');
  // The good fields were applied: event 2, the light theme; the bad ones left the defaults.
  await expect(events(page)).toContainText('event 2 /');
  await expect(page.getByRole('button', { name: 'Dark theme' })).toBeVisible();
  await expect(page.getByLabel('Speed')).toHaveValue('16');
  await expect(page.getByRole('tab', { name: 'Memory' })).toHaveAttribute('aria-selected', 'true');
});

test('an event past the end of the run is reported and the program opens at its start', async ({ page }) => {
  await page.goto('/' + encodeCode('var n = 1\nprint n, "\\n"\n', { event: 999 }));
  await ready(page);
  await expect(page.getByTestId('notice')).toContainText(/its event \(999\) is past the end of the run \(event \d+\)/);
  await expect(events(page)).toContainText('event 0 /');
});
