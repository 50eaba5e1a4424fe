import { readFileSync } from 'node:fs';
import LZString from 'lz-string';
import { test, expect } from './fixtures.ts';
import { shareLink } from './share-helpers.ts';
import type { Page } from '@playwright/test';

const viewLines = (page: Page) => page.locator('.monaco-editor .view-lines');

/** Monaco renders only the lines in view: scroll to the end to see appended text. */
async function endOfText(page: Page) {
  await expect(viewLines(page)).toContainText('#');
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  return viewLines(page);
}

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

/** Waits until autosave has written text containing `part` (it saves shortly after typing stops). */
async function savedContains(page: Page, part: string): Promise<void> {
  await expect.poll(() => page.evaluate(() => localStorage.getItem('syslet-playground:source') ?? ''), { timeout: 10_000 }).toContain(part);
}

async function runHello(page: Page): Promise<void> {
  await expect(viewLines(page)).toContainText('Hello Syslet World');
  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(page.getByTestId('console-output')).toContainText('Hello Syslet World!');
}

test('Share puts the program in the URL and the link opens the same text', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await typeAtEnd(page, '\n# shared by the e2e test');
  await shareLink(page, 'program');
  await expect(page.getByTestId('notice')).toHaveText(/Link copied/);
  await expect(page).toHaveURL(/#code\/v1\.[0-9a-f]{8}\.[A-Za-z0-9+\-$]+$/);
  const link = page.url();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
  const hello = readFileSync(new URL('../src/ui/examples/hello.syslet', import.meta.url), 'utf8');
  const payload = new URL(link).hash.split('.').slice(2).join('.');
  expect(JSON.parse(LZString.decompressFromEncodedURIComponent(payload)!)).toEqual({ text: hello + '\n# shared by the e2e test' });

  const other = await context.newPage();
  await other.goto(link);
  await expect(viewLines(other)).toContainText('Hello Syslet World');
  await expect(await endOfText(other)).toContainText('# shared by the e2e test');
  await expect(other.getByTestId('run-status')).toHaveText('ready');
  await other.close();
});

test('without a clipboard Share shows the link in a dialog', async ({ page }) => {
  await page.addInitScript(() => Object.defineProperty(navigator, 'clipboard', { value: undefined }));
  await page.goto('/');
  await shareLink(page, 'program');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByLabel('Share link')).toHaveValue(/#code\//);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
});

test('a reload keeps what was typed', async ({ page }) => {
  await page.goto('/');
  await expect(viewLines(page)).toContainText('Hello Syslet World');
  await typeAtEnd(page, '\n# kept across reloads');
  await savedContains(page, '# kept across reloads');
  await page.reload();
  await expect(await endOfText(page)).toContainText('# kept across reloads');
});

test('editing a loaded example drops ?example= so a reload keeps the edit', async ({ page }) => {
  await page.goto('/?example=pipe');
  await expect(viewLines(page)).toContainText('A pipe between two syslets');
  await typeAtEnd(page, '\n# my own pipe');
  await expect(page).not.toHaveURL(/example=/);
  await savedContains(page, '# my own pipe');
  await page.reload();
  await expect(await endOfText(page)).toContainText('# my own pipe');
});

test('a garbage #code link is refused with a notice and hello still runs', async ({ page }) => {
  await page.goto('/#code/%%%garbage<>not-lz');
  await expect(page.getByTestId('notice')).toContainText('This link is damaged');
  await expect(page.getByTestId('notice')).toHaveAttribute('role', 'alert');
  await runHello(page);
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await expect(page.getByTestId('notice')).toHaveCount(0);
});

test('a #code link holding <script> opens it as text and runs nothing', async ({ page }) => {
  const payload = LZString.compressToEncodedURIComponent('<script>window.__pwned=1</script>');
  await page.goto(`/#code/${payload}`);
  await expect(page.getByTestId('notice')).toContainText('could not be verified');
  await expect(viewLines(page)).toContainText('<script>window.__pwned=1</script>', { timeout: 30_000 });
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('an unknown ?example= gives a notice and hello', async ({ page }) => {
  await page.goto('/?example=javascript:alert(1)');
  await expect(page.getByTestId('notice')).toContainText('no example named “javascript:alert(1)”');
  await runHello(page);
});

test('Open file loads a program; a binary file is refused, a script-like text opens as text', async ({ page }) => {
  await page.goto('/');
  const input = page.getByTestId('open-file-input');
  await input.setInputFiles({ name: 'mine.syslet', mimeType: 'text/plain', buffer: Buffer.from('ring 2\nvar opened = 1\n') });
  await expect(viewLines(page)).toContainText('var opened = 1');
  await input.setInputFiles({ name: 'evil.syslet', mimeType: 'text/plain', buffer: Buffer.from([0, 1, 2, 0xff, 0xfe]) });
  await expect(page.getByTestId('notice')).toContainText('unchanged');
  await expect(viewLines(page)).toContainText('var opened = 1');
  await input.setInputFiles({ name: 'evil.txt', mimeType: 'text/plain', buffer: Buffer.from('<script>window.__pwned=1</script>') });
  await expect(viewLines(page)).toContainText('<script>window.__pwned=1</script>');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
});

test('Save file downloads program.syslet with the text', async ({ page }) => {
  await page.goto('/?example=pipe');
  await expect(viewLines(page)).toContainText('A pipe between two syslets');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('program.syslet');
  const chunks: Buffer[] = [];
  for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).toString('utf8')).toContain('pipe(&rfd)');
});

test('bad input gives an error marker and the editor badge', async ({ page }) => {
  await page.goto('/');
  await expect(viewLines(page)).toContainText('Hello Syslet World');
  await typeAtEnd(page, '\natom x = reed(&y)');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor .squiggly-error').first()).toBeVisible();
  await expect(page.getByRole('region', { name: 'Editor' }).locator('.pane-badge.bad')).toContainText(/error/);
});

test('hover explains syscalls and flags; the driver line is marked while stepping', async ({ page }) => {
  await page.goto('/?example=cold-read');
  const flag = viewLines(page).locator('span', { hasText: /^SYSLET_STOP_ON_NEGATIVE$/ }).first();
  // Long lines wrap, so the header comment may push the atom below the fold: scroll to it.
  await expect(async () => {
    if (!(await flag.isVisible())) {
      await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').hover();
      await page.mouse.wheel(0, 100);
    }
    await expect(flag).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(async () => {
    await page.mouse.move(0, 0);
    await flag.hover();
    await expect(page.locator('.monaco-hover-content').filter({ hasText: 'negative' })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.locator('.monaco-editor .syslet-line-driver')).toHaveCount(1);
});

test('breakpoints travel in a share link', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?example=cold-read');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('region', { name: 'Atom graph' }).getByRole('button', { name: 'Breakpoint on cl' }).click();
  await shareLink(page, 'program');
  await expect(page.getByTestId('notice')).toHaveText(/Link copied/);
  const link = page.url();
  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(other.getByRole('region', { name: 'Atom graph' }).getByRole('button', { name: 'Breakpoint on cl' })).toHaveAttribute('aria-pressed', 'true');
  await other.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(other.getByTestId('pause-reason')).toHaveText('paused at breakpoint: before `cl` runs');
  await other.close();
});
