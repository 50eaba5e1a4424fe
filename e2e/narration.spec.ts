// The narration tells the truth at every event: the bar after a step back
// equals what the forward run showed, every log line has its own event and
// seeks there on click, and breakpoints stop once with their reason shown.
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function open(page: Page, example: string) {
  await page.goto(`/?example=${example}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

const bar = (page: Page) => page.getByTestId('narration-bar');
const events = (page: Page) => page.getByTestId('event-count');

test('full-ring: the bar after each step back equals the forward run at that event', async ({ page }) => {
  test.setTimeout(180_000); // 64 clicks, each waited for
  await open(page, 'full-ring');
  const step = page.getByRole('button', { name: 'Step', exact: true });
  const forward: string[] = [await bar(page).innerText()];
  for (let e = 1; ; e++) {
    await step.click();
    await expect(events(page)).toContainText(`event ${e} /`);
    forward.push(await bar(page).innerText());
    if ((await page.getByTestId('run-status').innerText()).toLowerCase() === 'done') break;
  }
  const end = forward.length - 1;
  expect(end).toBeGreaterThan(20);
  for (let e = end - 1; e >= 0; e--) {
    await page.getByRole('button', { name: 'Step back', exact: true }).click();
    await expect(events(page)).toContainText(`event ${e} /`);
    expect(await bar(page).innerText(), `event ${e}`).toBe(forward[e]);
  }
});

test('sync-vs-async: the log says the head slept in place, not that nothing blocked', async ({ page }) => {
  await open(page, 'sync-vs-async');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Log' }).click();
  const log = page.getByRole('region', { name: 'Narration' });
  await expect(log).toContainText('async_exec returns `sync_rd` as on the cached path: the head slept in place for the SYSLET_SYNC atom');
  await expect(log).not.toContainText('ran cached');
});

test('at speed max every log line keeps its own event number, and a click goes to that event', async ({ page }) => {
  await open(page, 'read-loop');
  await page.getByRole('combobox', { name: 'Speed' }).selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await page.getByRole('tab', { name: 'Log' }).click();
  const log = page.getByRole('region', { name: 'Narration' });
  const numbers = (await log.locator('.narration-event').allInnerTexts()).map((t) => Number(t.replace(/[#,]/g, '')));
  expect(numbers.length).toBeGreaterThan(30);
  expect(new Set(numbers).size).toBeGreaterThan(30); // not one number for a whole batch
  for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThanOrEqual(numbers[i - 1]);
  const line = log.getByRole('button').filter({ hasText: 'SYSLET_SKIP_TO_NEXT_ON_STOP goes on at `rd` + 44 = `cl`' });
  await expect(line).toHaveCount(1);
  const at = Number((await line.locator('.narration-event').innerText()).replace(/[#,]/g, ''));
  await line.click();
  await expect(events(page)).toContainText(`event ${at} /`);
  await expect(bar(page)).toContainText('SYSLET_STOP_ON_NON_POSITIVE held (0 ≤ 0)');
  await expect(page.getByTestId('run-status')).toHaveText('paused');
});

test('a breakpoint before an atom stops once, says why, and Run goes on past it', async ({ page }) => {
  await open(page, 'cold-read');
  const graph = page.getByRole('region', { name: 'Atom graph' });
  await graph.getByRole('button', { name: 'Breakpoint on cl' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('pause-reason')).toHaveText('paused at breakpoint: before `cl` runs');
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  // The atom has not run yet: the next step runs it.
  await expect(bar(page)).not.toContainText('`cl` ran');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(bar(page)).toContainText('atom `cl` ran close(fd 3) = 0');
  await expect(page.getByTestId('pause-reason')).toHaveCount(0);
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done');
  // The Breakpoints tab lists it and adds a watch, which stops the next run when `n` changes.
  await page.getByRole('tab', { name: 'Breakpoints' }).click();
  const panel = page.getByRole('region', { name: 'Breakpoints' });
  await expect(panel.getByRole('list', { name: 'Breakpoints set' })).toContainText('Pause before `cl` runs');
  await panel.getByRole('button', { name: 'Remove: before `cl` runs' }).click();
  await panel.getByRole('combobox', { name: 'Var' }).selectOption('n');
  await panel.getByRole('button', { name: 'Watch (pause when it changes)' }).click();
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('pause-reason')).toHaveText('paused at watch: `n` changed from 0 to 440');
});
