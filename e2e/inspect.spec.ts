import { test, expect } from './fixtures.ts';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
});

test('after running hello the inspector decodes memory, lists files and narrates', async ({ page }) => {
  await page.getByRole('button', { name: /^\W*Run$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done');
  await expect(page.getByTestId('narration-bar')).toContainText('The program has finished.');

  const tabs = page.getByRole('tablist', { name: 'Inspector' });
  await expect(tabs.getByRole('tab', { name: 'Memory' })).toHaveAttribute('aria-selected', 'true');
  const memory = page.getByRole('region', { name: 'Memory' });
  await expect(memory.locator('.mem-region', { hasText: 'atom hello' })).toBeVisible();
  await expect(memory.locator('.mem-chip', { hasText: 'nr = 4 (write)' })).toBeVisible();
  for (const name of ['fd_out = 1', 'buf = ', 'size = 20', 'done = ']) await expect(memory.locator('.mem-chip', { hasText: name })).toBeVisible();
  await memory.locator('.mem-chip', { hasText: 'nr = 4 (write)' }).hover();
  await expect(page.getByTestId('memory-detail')).toContainText('atom hello · nr = 4 (write)');
  // A pointer is followable: arg_ptr[0] leads to var fd_out, which gets highlighted.
  await memory.locator('.mem-chip.ptr', { hasText: 'arg_ptr[0] → fd_out' }).click();
  await expect(memory.locator('.mem-byte.hl')).toHaveCount(4);

  await tabs.getByRole('tab', { name: 'Files' }).click();
  const motd = page.getByRole('region', { name: 'Files' }).locator('li.file[data-path="/etc/motd"]');
  await expect(motd).toContainText('/etc/motd');
  const pages = motd.locator('.page');
  expect(await pages.count()).toBeGreaterThan(0);
  for (const state of await pages.evaluateAll((els) => els.map((e) => e.getAttribute('data-state')))) expect(state).toBe('cold');

  // Arrow keys move between tabs.
  await tabs.getByRole('tab', { name: 'Files' }).press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Log' })).toHaveAttribute('aria-selected', 'true');
  const log = page.getByRole('region', { name: 'Narration' });
  expect(await log.locator('li').count()).toBeGreaterThan(5);
  await expect(log).toContainText('the syslet ran cached');
  await expect(log.locator('li').last()).toContainText('The program has finished.');
});

test('each step changes the narration bar', async ({ page }) => {
  const bar = page.getByTestId('narration-bar');
  const step = page.getByRole('button', { name: /^\W*Step$/ });
  const text = bar.locator('.narration-bar-text');
  const seen = [await text.textContent()];
  for (let i = 0; i < 6; i++) {
    await step.click();
    await expect(page.getByTestId('event-count')).toContainText(`event ${i + 1} /`);
    await expect(text).not.toHaveText(seen[seen.length - 1] ?? '');
    seen.push(await text.textContent());
  }
  await expect(text).toHaveAttribute('aria-live', 'polite');
  expect(new Set(seen).size, seen.join("\n")).toBe(seen.length);
});
