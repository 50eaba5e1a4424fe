import { test, expect } from './fixtures.ts';
import { mkdirSync } from 'node:fs';

test('the page loads the kernel and shows its status', async ({ page }) => {
  await page.goto('/');
  const status = page.getByTestId('engine-status');
  await expect(status).toHaveAttribute('data-state', 'ready');
  await expect(status).toContainText('Kernel: ready');
  await expect(status).toContainText('user memory 0x010000–0x110000');
});

test('the console pane shows what the kernel wrote to fd 1', async ({ page }) => {
  await page.goto('/');
  const consolePane = page.getByRole('region', { name: 'Console' });
  await expect(consolePane).toContainText('syslet kernel: booted, virtual clock at 0 ns');
});

test('Monaco renders offline with its worker and takes typing', async ({ page }) => {
  await page.goto('/');
  const editor = page.getByRole('region', { name: 'Editor' });
  await expect(editor.locator('.monaco-editor .view-lines')).toContainText('Hello Syslet World');
  // Syntax highlighting comes from the registered language: keywords get their own token class.
  await expect(editor.locator('.view-lines span[class*="mtk"]').first()).toBeVisible();
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n# typed by the e2e test');
  await expect(editor.locator('.view-lines')).toContainText('# typed by the e2e test');
  // Word-based completion is computed in Monaco's editor worker: the suggestion proves the
  // worker loaded from the local bundle (a failure would also log a console error).
  await page.keyboard.type('\nfd_');
  await page.keyboard.press('Control+Space');
  await expect(page.locator('.suggest-widget')).toContainText('fd_out');
  await expect.poll(() => page.workers().map((w) => w.url()).join(' ')).toMatch(/editor\.worker/);
});

test('README screenshot of the real page', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  mkdirSync('docs/screenshots', { recursive: true });
  await page.screenshot({ path: 'docs/screenshots/playground.png' });
});
