// The Kernel panel: the program's kernel options as a form that writes
// `option` lines into the text. "Make the ring wait instead of losing" on
// full-ring is one change, and the run then loses nothing, with the narration
// saying why.
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { editorText } from './graph-helpers.ts';

async function ready(page: Page) {
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

test('Kernel ▸ ring policy wait on full-ring: the option line is written, the run loses nothing, and the narration says why', async ({ page }) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/?example=full-ring');
  await ready(page);
  const button = page.getByRole('button', { name: 'Kernel' });
  await button.click();
  const panel = page.getByRole('dialog', { name: 'Kernel options for this program' });
  const policy = panel.getByLabel(/Ring policy/);
  await expect(policy).toBeFocused(); // keyboard first: the first field has the focus
  await expect(policy).toHaveValue('lose');
  await page.screenshot({ path: 'test-results/screenshots/kernel-panel.png' });
  await policy.selectOption('wait');
  await expect.poll(() => editorText(page)).toContain('# posts once the driver has drained the ring and enters the kernel again.\noption ring_policy = wait\nring 2\n');
  await expect(button).toHaveText(/Kernel \(1\)/);
  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  await expect(page.getByTestId('console-output')).toContainText('reaped 4 completions (2 came after the first drain); all four reads returned 2048 bytes');
  await expect(page.getByTestId('lost-count')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Log' }).click();
  const log = page.getByRole('region', { name: 'Narration' });
  await expect(log.getByRole('listitem').filter({ hasText: /RING FULL, ring policy: wait — thread \d+ waits for a free slot \(slot \d\) to post `s\d`/ })).toHaveCount(2);
  await expect(log).toContainText('user space entered the kernel, so a ring slot may be free: it tries again');
  await expect(log).not.toContainText('was lost');

  // The Threads pane shows the wait: step back to the moment a thread waits for a slot.
  const line = log.getByRole('listitem').filter({ hasText: 'waits for a free slot' }).first();
  await line.locator('.narration-seek').click();
  await expect(page.getByRole('region', { name: 'Threads' })).toContainText('for a free ring slot');
  await expect(page.getByTestId('narration-bar')).toContainText('ring policy: wait — posting the completion of `s1` blocked: the completion ring is full; thread 1 sleeps');
  await page.screenshot({ path: 'test-results/screenshots/full-ring-ring-wait.png' });
});

test('Kernel panel: a bad value is refused with the reason and the text is unchanged; the default removes the line', async ({ page }) => {
  await page.goto('/?example=cold-read');
  await ready(page);
  const lines = page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor .view-lines');
  await expect(lines).toContainText('open -> read -> close');
  await page.getByRole('button', { name: 'Kernel' }).click();
  const panel = page.getByRole('dialog', { name: 'Kernel options for this program' });
  const latency = panel.getByLabel(/Disk latency/);
  await latency.fill('5');
  await latency.press('Enter');
  await expect(panel.getByRole('alert')).toHaveText('disk_latency is a duration: give it a unit (ns, us, ms or s), as in option disk_latency = 2ms');
  await expect(latency).toHaveAttribute('aria-invalid', 'true');
  await expect(lines).not.toContainText('option disk_latency');
  await latency.fill('5ms');
  await latency.press('Enter');
  await expect.poll(() => editorText(page)).toContain('option disk_latency = 5ms\n');
  await expect(latency).toHaveValue('5ms');
  await latency.fill('2ms');
  await latency.press('Enter');
  await expect(lines).not.toContainText('option disk_latency');
  await expect(latency).toHaveValue('2ms');
});

test('Kernel panel fits at 1024x768 (light theme), and the kernel status stays in view', async ({ page }) => {
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.goto('/?example=full-ring');
  await ready(page);
  await page.getByRole('button', { name: 'Light theme' }).click();
  const status = await page.getByTestId('engine-status').boundingBox();
  expect(status!.x + status!.width).toBeLessThanOrEqual(1024);
  await page.getByRole('button', { name: 'Kernel' }).click();
  const panel = page.getByRole('dialog', { name: 'Kernel options for this program' });
  const box = await panel.boundingBox();
  expect(box).not.toBeNull();
  expect(box!.x).toBeGreaterThanOrEqual(0);
  expect(box!.x + box!.width).toBeLessThanOrEqual(1024);
  expect(box!.y + box!.height).toBeLessThanOrEqual(768);
  await page.screenshot({ path: 'test-results/screenshots/kernel-panel-1024x768-light.png' });
});
