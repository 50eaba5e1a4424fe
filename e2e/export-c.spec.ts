// Share ▸ Export C: the program as one C file (<example>.c), and syslet.h,
// the header it includes, both downloaded from the keyboard; the downloads
// hold exactly what the exporter writes.
import { mkdirSync, readFileSync } from 'node:fs';
import type { Download, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { setEditorText } from './graph-helpers.ts';
import { C_HEADER, programToC } from '../src/ui/share/export-c.ts';

const SHOTS = 'test-results/screenshots';

async function contents(file: Download): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of (await file.createReadStream())!) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function open(page: Page, example: string): Promise<void> {
  await page.goto(`/?example=${example}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

/** Opens Share from the keyboard and moves to the option named `name`. */
async function shareOption(page: Page, name: RegExp) {
  await page.getByRole('button', { name: 'Share', exact: true }).focus();
  await page.keyboard.press('ArrowDown');
  const list = page.getByRole('listbox', { name: 'Share' });
  await expect(list).toBeFocused();
  const option = list.getByRole('option', { name });
  for (let i = 0; i < 8 && (await option.getAttribute('aria-selected')) !== 'true'; i++) await page.keyboard.press('ArrowDown');
  await expect(option).toHaveAttribute('aria-selected', 'true');
  return { list, option };
}

test('Share ▸ Export C downloads read-loop.c as the exporter writes it, and the notice offers syslet.h', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await open(page, 'read-loop');
  const { list } = await shareOption(page, /^Export C/);
  await expect(list.getByRole('option', { name: /C header syslet\.h/ })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/export-c-menu-1440.png` });

  const download = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const file = await download;
  expect(file.suggestedFilename()).toBe('read-loop.c');
  const text = await contents(file);
  const expected = programToC(readFileSync('src/ui/examples/read-loop.syslet', 'utf8'), 'read-loop');
  expect(expected.ok && text).toBe(expected.ok && expected.text);
  expect(text).toContain('#include "syslet.h"');
  expect(text).toContain('init_atom(&rd, __NR_read, &fd, &bufp, &count, NULL, NULL, NULL,');
  expect(text).toContain('printf("read %ld chunks; the last read returned %ld, close returned %ld\\n", chunks, n, closed);');

  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Exported read-loop.c. It includes syslet.h');
  await page.screenshot({ path: `${SHOTS}/export-c-notice-1440.png` });
  const headerButton = notice.getByRole('button', { name: 'Download syslet.h' });
  await headerButton.focus();
  const header = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  const h = await header;
  expect(h.suggestedFilename()).toBe('syslet.h');
  expect(await contents(h)).toBe(C_HEADER.text);
});

test('the header alone from the menu; a program with errors is not exported', async ({ page }) => {
  await open(page, 'hello');
  await shareOption(page, /C header syslet\.h/);
  const header = page.waitForEvent('download');
  await page.keyboard.press('Enter');
  expect(await contents(await header)).toBe(C_HEADER.text);

  await setEditorText(page, 'var x = 1\natom a = reed(&x)\n');
  let downloads = 0;
  page.on('download', () => downloads++);
  await shareOption(page, /^Export C/);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('notice')).toContainText('The program has errors, so it cannot be exported to C: line 2:');
  expect(downloads).toBe(0);
});

for (const [width, height] of [[1280, 720], [1024, 768]] as const) {
  test(`the Share menu with its C entries fits at ${width}x${height}`, async ({ page }) => {
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width, height });
    await open(page, 'hello');
    const { list } = await shareOption(page, /C header syslet\.h/);
    const box = (await list.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(width);
    expect(box.y + box.height).toBeLessThanOrEqual(height);
    await page.screenshot({ path: `${SHOTS}/export-c-menu-${width}.png` });
  });
}

test('Help has the C side\'s documentation, offline, with the tabs whole at 1024x768', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1024, height: 768 });
  await open(page, 'hello');
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Help' });
  const tab = dialog.getByRole('tab', { name: 'C out' });
  await tab.focus();
  await page.keyboard.press('Enter');
  await expect(tab).toHaveAttribute('aria-selected', 'true');
  await expect(dialog.getByRole('tabpanel', { name: 'C out' })).toContainText('Every wrapper returns the kernel\'s result as it is');
  const tabs = (await dialog.getByRole('tablist', { name: 'Help pages' }).boundingBox())!;
  const box = (await dialog.boundingBox())!;
  expect(tabs.x + tabs.width).toBeLessThanOrEqual(box.x + box.width);
  await page.screenshot({ path: `${SHOTS}/export-c-help-1024.png` });
});
