// Presenter mode: maximise any pane (its title's button, Alt+M, Escape), resize the panes by
// dragging a divider or with the arrow keys (kept across reloads), zoom the panes' text
// (Ctrl+= / Ctrl+- / Ctrl+0), and the presenter layout (Alt+P) at projector sizes: a
// maximised ring at least 300 px across, a narration bar that never cuts a sentence off.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });
const ready = async (page: Page, url = '/?example=fio-batch') => {
  await page.goto(url);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('button', { name: 'Step', exact: true })).toBeEnabled();
};
const width = async (page: Page, name: string) => (await region(page, name).boundingBox())?.width ?? 0;

/** The narration bar's sentence is whole: nothing overflows the bar's body or the text. */
async function narrationWhole(page: Page): Promise<void> {
  const sizes = await page.getByTestId('narration-bar').evaluate((bar) => {
    const body = bar.querySelector('.narration-bar-body')!;
    const text = bar.querySelector('.narration-bar-text')!;
    return { bodyScroll: body.scrollHeight, bodyClient: body.clientHeight, textScrollW: text.scrollWidth, textClientW: text.clientWidth, barScroll: bar.scrollHeight, barClient: bar.clientHeight };
  });
  expect(sizes.bodyScroll, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.bodyClient);
  expect(sizes.textScrollW, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.textClientW);
  expect(sizes.barScroll, JSON.stringify(sizes)).toBeLessThanOrEqual(sizes.barClient);
}

test('a pane maximises from the button on its title and restores', async ({ page }) => {
  await ready(page);
  const before = await width(page, 'Completion ring');
  await page.getByRole('button', { name: 'Maximise Completion ring' }).click();
  await expect(region(page, 'Threads')).toBeHidden();
  await expect(region(page, 'Editor')).toBeHidden();
  expect(await width(page, 'Completion ring')).toBeGreaterThan(before * 2.5);
  await page.getByRole('button', { name: 'Restore Completion ring' }).click();
  for (const name of ['Editor', 'Console', 'Atom graph', 'Threads', 'Completion ring']) await expect(region(page, name)).toBeVisible();
  expect(await width(page, 'Completion ring')).toBeCloseTo(before, 0);
});

test('Alt+M maximises the pane holding the focus; Alt+M and Escape restore it', async ({ page }) => {
  await ready(page);
  const tab = page.getByRole('tab', { name: 'Memory' });
  await tab.focus();
  await page.keyboard.press('Alt+M');
  await expect(region(page, 'Threads')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Restore Inspector' })).toBeVisible();
  expect((await page.getByRole('tablist', { name: 'Inspector' }).boundingBox())!.width).toBeGreaterThan(1200);
  await page.keyboard.press('Alt+M');
  await expect(region(page, 'Threads')).toBeVisible();
  // The maximise button itself, from the keyboard; Escape restores.
  await page.getByRole('button', { name: 'Maximise Threads' }).focus();
  await page.keyboard.press('Enter');
  await expect(region(page, 'Atom graph')).toBeHidden();
  await page.keyboard.press('Escape');
  await expect(region(page, 'Atom graph')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Maximise Threads' })).toBeVisible();
});

test('dragging a divider resizes the panes, the arrow keys too, and the sizes survive a reload', async ({ page }) => {
  await ready(page);
  const editor0 = await width(page, 'Editor');
  const graph0 = await width(page, 'Atom graph');
  const divider = page.getByTestId('divider-cols-0');
  const box = (await divider.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 120, box.y + box.height / 2, { steps: 4 });
  await page.mouse.up();
  await expect.poll(() => width(page, 'Editor')).toBeGreaterThan(editor0 + 100);
  const editor1 = await width(page, 'Editor');
  expect(editor1).toBeLessThan(editor0 + 140);
  // The neighbour gave the room; the third column kept its width.
  expect(await width(page, 'Atom graph')).toBeCloseTo(graph0 - (editor1 - editor0), 0);

  // The row divider, from the keyboard: three steps down.
  const row = page.getByTestId('divider-rows-0');
  await expect(row).toHaveAttribute('aria-valuenow', '58');
  await row.focus();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await expect(row).toHaveAttribute('aria-valuenow', '64');
  const consoleHeight = (await region(page, 'Console').boundingBox())!.height;

  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('divider-rows-0')).toHaveAttribute('aria-valuenow', '64');
  expect(await width(page, 'Editor')).toBeCloseTo(editor1, 0);
  expect((await region(page, 'Console').boundingBox())!.height).toBeCloseTo(consoleHeight, 0);

  // View → Reset pane sizes.
  await page.getByRole('button', { name: 'View', exact: true }).click();
  await page.getByRole('button', { name: 'Reset pane sizes' }).click();
  await expect.poll(() => width(page, 'Editor')).toBeCloseTo(editor0, 0);
});

test('Ctrl+= and Ctrl+- zoom the panes’ text, Ctrl+0 resets it, and it is kept', async ({ page }) => {
  await ready(page);
  const title = region(page, 'Console').locator('.pane-title');
  const zoomOf = () => region(page, 'Console').evaluate((el) => getComputedStyle(el).zoom);
  const h0 = (await title.boundingBox())!.height;
  await page.keyboard.press('Control+Equal');
  await page.keyboard.press('Control+Equal');
  await expect.poll(zoomOf).toBe('1.25');
  expect((await title.boundingBox())!.height).toBeGreaterThan(h0 * 1.2);
  // The editor's own font grows with it (its text is not scaled as a picture).
  await expect.poll(() => page.locator('.monaco-editor').first().evaluate((el) => getComputedStyle(el.querySelector('.view-line')!).fontSize)).toBe('19px');
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect.poll(zoomOf).toBe('1.25');
  await page.keyboard.press('Control+Minus');
  await page.keyboard.press('Control+Minus');
  await page.keyboard.press('Control+Minus');
  await expect.poll(zoomOf).toBe('0.9');
  await page.keyboard.press('Control+0');
  await expect.poll(zoomOf).toBe('1');
  expect((await title.boundingBox())!.height).toBeCloseTo(h0, 0);
  // The same from the View panel, by keyboard.
  await page.getByRole('button', { name: 'View', exact: true }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Larger text' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('zoom-level')).toHaveText('110 %');
  await page.keyboard.press('Escape');
  await expect(page.getByRole('button', { name: 'Larger text' })).toBeHidden();
  await expect(page.getByRole('button', { name: 'View', exact: true })).toBeFocused();
});

for (const [w, h] of [
  [1024, 768],
  [1280, 720],
] as const) {
  test(`presenter layout at ${w}×${h}: ring, threads and narration large; a maximised ring ≥ 300 px; no sentence cut off`, async ({ page }) => {
    await page.setViewportSize({ width: w, height: h });
    await ready(page);
    await page.keyboard.press('Alt+P');
    await expect(region(page, 'Editor')).toBeHidden();
    await expect(region(page, 'Console')).toBeHidden();
    for (const name of ['Completion ring', 'Threads', 'Atom graph']) await expect(region(page, name)).toBeVisible();
    expect((await page.getByTestId('narration-bar').boundingBox())!.height).toBeGreaterThan(120);
    // Step to the longest sentence of the examples (238 characters): whole at every step.
    for (let i = 0; i < 40; i++) {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      await expect(page.getByTestId('event-count')).toContainText(`event ${i + 1} /`);
      await narrationWhole(page);
      if (((await page.locator('.narration-bar-text').textContent()) ?? '').includes('already in flight finishes')) break;
    }
    await expect(page.locator('.narration-bar-text')).toContainText('already in flight finishes');
    const fontSize = await page.locator('.narration-bar-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(18);
    mkdirSync('test-results/screenshots', { recursive: true });
    await page.screenshot({ path: `test-results/screenshots/presenter-${w}x${h}.png` });

    await page.getByRole('button', { name: 'Maximise Completion ring' }).click();
    await expect(region(page, 'Threads')).toBeHidden();
    const ring = (await page.locator('.cr-box').boundingBox())!;
    expect(Math.min(ring.width, ring.height)).toBeGreaterThanOrEqual(300);
    await narrationWhole(page);
    await page.screenshot({ path: `test-results/screenshots/presenter-ring-${w}x${h}.png` });

    // Back to the normal layout: the long sentence is whole there too.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+P');
    await expect(region(page, 'Editor')).toBeVisible();
    await narrationWhole(page);
  });
}
