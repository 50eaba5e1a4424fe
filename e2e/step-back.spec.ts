import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

/** What the panes show: ring slots, threads, console, memory, the narration bar (sentence, event and time), event count. */
async function visibleState(page: Page) {
  const text = (name: string) => page.getByRole('region', { name, exact: true }).innerText();
  return {
    // The part before the slash: the horizon (furthest event reached) rightly stays at its maximum.
    events: (await page.getByTestId('event-count').innerText()).split('/')[0],
    ring: await page.getByRole('region', { name: 'Completion ring' }).getByRole('listitem').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-state')}:${e.textContent}`)),
    threads: await text('Threads'),
    console: await text('Console'),
    memory: await text('Memory'),
    narration: await page.getByTestId('narration-bar').innerText(),
  };
}

/**
 * The state once every pane shows the event counted: a Step updates the toolbar, ring and
 * narration bar first and the heavy panes a frame later (engine/pane-refresh.ts), and the Memory
 * view draws in a deferred render, so the panes are read until two reads 150 ms apart agree.
 */
async function settledState(page: Page) {
  let last = await visibleState(page);
  for (;;) {
    await page.waitForTimeout(150);
    const now = await visibleState(page);
    if (JSON.stringify(now) === JSON.stringify(last)) return now;
    last = now;
  }
}

test('step back restores exactly the state shown before', async ({ page }) => {
  test.setTimeout(180_000); // 64 clicks, each waited for
  await page.goto('/?example=fio-batch');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const stepBtn = page.getByRole('button', { name: 'Step', exact: true });
  for (let i = 0; i < 40; i++) await stepBtn.click();
  await expect(page.getByTestId('event-count')).toContainText('event 40 /');
  const before = await settledState(page);
  for (let i = 0; i < 12; i++) await stepBtn.click();
  await expect(page.getByTestId('event-count')).toContainText('event 52 /');
  expect(await visibleState(page)).not.toEqual(before);
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect(page.getByTestId('event-count')).toContainText('event 40 /');
  await expect.poll(() => visibleState(page), { timeout: 10_000 }).toEqual(before);
});
