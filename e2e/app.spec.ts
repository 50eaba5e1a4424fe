import { test, expect } from './fixtures.ts';
import { mkdirSync } from 'node:fs';

test('the page loads the kernel and shows its status', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('engine-status');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText('Kernel: ready');
  await expect(status).toContainText('user memory 0x010000–0x110000');
});

test('the contract for outside tests: buttons and regions by accessible name', async ({ page }) => {
  await page.goto('/');
  for (const name of ['Run', 'Pause', 'Step', 'Step back', 'Reset']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveCount(1);
  }
  for (const name of ['Editor', 'Atom graph', 'Completion ring', 'Threads', 'Memory', 'Console']) {
    await expect(page.getByRole('region', { name, exact: true })).toBeVisible();
  }
  const slots = page.getByRole('region', { name: 'Completion ring' }).getByRole('listitem');
  await expect(slots).toHaveCount(4);
  await expect(slots.first()).toHaveAttribute('data-state', 'empty');
});

test('Run takes hello to its end: the console shows what it wrote', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Console' })).toContainText('Hello Syslet World!');
  await expect(page.getByRole('region', { name: 'Console' })).toContainText('completed an cached syslet atom!');
});

test('Step, Step back and Reset move through the run one event at a time', async ({ page }) => {
  await page.goto('/');
  const count = page.getByTestId('event-count');
  await expect(count).toContainText('event 0 /');
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(count).toContainText('event 2 /');
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect(count).toContainText('event 1 /');
  await page.keyboard.press('F10');
  await expect(count).toContainText('event 2 /');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await expect(count).toContainText('event 0 /');
});

test('Monaco renders offline with its worker and takes typing', async ({ page }) => {
  await page.goto('/');
  const editor = page.getByRole('region', { name: 'Editor' });
  await expect(editor.locator('.monaco-editor .view-lines')).toContainText('Hello Syslet World');
  await expect(editor.locator('.view-lines span[class*="mtk"]').first()).toBeVisible();
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n# typed by the e2e test');
  await expect(editor.locator('.view-lines')).toContainText('# typed by the e2e test');
  // Word-based completion is computed in Monaco's editor worker: a suggestion proves the
  // worker loaded from the local bundle (a failure would also log a console error).
  // Escape first: an open suggestion would take the Enter and leave fd_ on the comment line.
  await page.keyboard.press('Escape');
  await page.keyboard.press('Enter');
  await page.keyboard.type('fd_');
  // The suggest widget can open before the completion sources answer: ask again until it lists fd_out.
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(page.locator('.suggest-widget')).toContainText('fd_out', { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  // Word-based completion is Monaco's fallback where the language offers nothing (inside a
  // comment), and it is computed in the editor worker: a word of the text offered there proves
  // the worker loaded (asked for, not left to whether a quick suggestion fired while typing).
  await page.keyboard.press('Escape');
  await page.keyboard.press('End');
  await page.keyboard.type(' # zebrafinch zebr');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(page.locator('.suggest-widget')).toContainText('zebrafinch', { timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect.poll(() => page.workers().map((w) => w.url()).join(' ')).toMatch(/editor\.worker/);
});

test('README screenshot of the real page', async ({ page }) => {
  await page.goto('/?example=cold-read');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  for (let i = 0; i < 9; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  // Kept in docs/ (the README shows it) only when asked: UPDATE_SCREENSHOTS=1.
  const dir = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: `${dir}/playground.png` });
});
