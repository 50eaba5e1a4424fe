// While a program runs fast the heavy panes (console, graph, threads, inspector)
// are handed the run's state in turn, one a frame, and after the run each catches
// up with its end (engine/pane-refresh.ts): what they show then is the trace's end.
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** Opens "stress" with the Log tab shown and runs it at `speed` events a second ('Infinity': max). */
async function runStress(page: Page, speed: string) {
  await page.goto('/?example=stress');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('tab', { name: 'Log' }).click();
  await page.getByLabel('Speed').selectOption(speed);
  await page.getByRole('button', { name: 'Run' }).click();
}

test('after a run at speed max every pane shows the last event, not a state from the middle of the run', async ({ page }) => {
  await runStress(page, 'Infinity');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('event-count')).toHaveText('event 66,004 / 66,004');
  // The log's current lines (an event can have several) are the run's last event, and the log ends with them.
  const log = page.getByRole('list', { name: 'Narration, oldest first' });
  await expect(log.locator('li').last()).toHaveAttribute('aria-current', 'step');
  await expect(log.locator('li').last()).toContainText('#66,004');
  await expect(log.locator('li').last()).toContainText('The program has finished');
  await expect(page.getByTestId('console-output')).toContainText('completed 3000 syslets');
  await expect(page.getByRole('region', { name: 'Threads' })).toContainText('ended');
  await expect(page.getByRole('region', { name: 'Atom graph' })).toContainText('= 0');
  await expect(page.getByTestId('narration-bar')).toContainText('The program has finished');
});

test('while a run goes fast the panes move on in turn, and a pause shows every pane at the paused event', async ({ page }) => {
  // 512 events a second: each heavy pane is handed the state every half second, one pane a frame.
  await runStress(page, '512');
  await expect(page.getByTestId('run-status')).toHaveText('running');
  const log = page.getByRole('list', { name: 'Narration, oldest first' });
  const current = log.locator('li[aria-current="step"] .narration-event').first();
  await expect(current).toBeVisible();
  const first = await current.textContent();
  // The log moves on while the run goes on (66,004 events at 512 a second last two minutes).
  await expect(current).not.toHaveText(first ?? '', { timeout: 10_000 });
  await expect(page.getByTestId('run-status')).toHaveText('running');
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('paused');
  const at = ((await page.getByTestId('event-count').textContent()) ?? '').match(/event ([\d,]+) \//)?.[1];
  expect(at).toBeTruthy();
  await expect(log.locator('li[aria-current="step"]').first()).toContainText(`#${at}`);
  await expect(log.locator('li').last()).toContainText(`#${at}`);
  await expect(page.getByTestId('narration-bar')).toContainText(`#${at}`);
});
