// Inspector → Trace: the raw trace of a run, its filters, going to an event
// from a row (click and Enter), the current event kept in view, a long trace
// staying virtualised, and both downloads (text, Chrome trace JSON) parsing.
import { readFile } from 'node:fs/promises';
import LZString from 'lz-string';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { crc32Hex } from '../src/ui/share/crc32.ts';

const shot = (name: string) => `test-results/screenshots/${name}.png`;

async function ready(page: Page) {
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}

async function runToEnd(page: Page) {
  await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
  await page.getByRole('button', { name: /^\W*Run$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done');
}

/** The rows the grid has in the DOM (it draws only those in view), by a cell's text. */
const rowsWith = (grid: Locator, cell: string, text: string | RegExp) => grid.locator('.trace-row[data-event]').filter({ has: grid.page().locator(`.tc-${cell}`, { hasText: text }) });

async function download(page: Page, item: string): Promise<string> {
  await page.locator('.trace-export > summary').click();
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: item }).click();
  const file = await saving;
  return readFile((await file.path())!, 'utf8');
}

test('the trace of cold-read: filters, a row goes to its event by click and by Enter, both exports parse', async ({ page }) => {
  await page.goto('/?example=cold-read');
  await ready(page);
  await page.getByRole('tab', { name: 'Trace' }).click();
  const view = page.getByRole('region', { name: 'Trace' });
  await expect(view).toContainText('Run or Step to record a trace');
  await runToEnd(page);
  const count = view.getByTestId('trace-count');
  await expect(count).toHaveText('16 records');
  await page.screenshot({ path: shot('trace-1440x900') });

  // Maximised, the inspector is wide: one line per record, the four menus beside the text filter.
  await page.getByRole('button', { name: 'Maximise Inspector' }).click();
  const grid = view.getByRole('grid');
  await expect(grid).toHaveClass(/wide/);
  await view.getByRole('combobox', { name: 'Thread' }).selectOption({ label: 'thread 1' });
  await expect(count).toHaveText('6 of 16');
  await expect(grid.locator('.tc-thread')).toHaveText(Array(6).fill('thread 1'));
  await view.getByRole('combobox', { name: 'Kind' }).selectOption('atom');
  await expect(grid.locator('.tc-atom-name')).toHaveText(['rd', 'cl']);
  await expect(rowsWith(grid, 'atom', 'rd').locator('.tc-result')).toHaveText('440');
  await view.getByRole('button', { name: 'Clear filters' }).click();
  await view.getByRole('combobox', { name: 'Atom' }).selectOption({ label: 'rd (0x1005c)' });
  await expect(grid.locator('.tc-kind')).toHaveText(['handoff', 'block', 'wake', 'atom']);
  await view.getByRole('combobox', { name: 'Atom' }).selectOption({ label: 'all atoms' });
  await view.getByRole('combobox', { name: 'System call' }).selectOption('write');
  await expect(count).toHaveText('4 of 16');
  await view.getByRole('button', { name: 'Clear filters' }).click();
  await view.getByRole('searchbox', { name: 'Filter the trace by text' }).fill('close');
  await expect(grid.locator('.trace-row[data-event]')).toHaveCount(1);
  await expect(grid.locator('.tc-syscall')).toHaveText('close');
  await view.getByRole('searchbox', { name: 'Filter the trace by text' }).fill('');
  await expect(count).toHaveText('16 records');

  // A click goes to the record's event: it is marked current, later rows are "ahead".
  const wake = rowsWith(grid, 'kind', 'wake');
  await wake.click();
  await expect(page.getByTestId('event-count')).toContainText('event 8 / 18');
  await expect(wake).toHaveAttribute('aria-current', 'step');
  await expect(page.getByTestId('narration-bar')).toContainText('#8');
  await expect(rowsWith(grid, 'kind', 'post')).toHaveClass(/mark-ahead/);
  await page.screenshot({ path: shot('trace-maximised-1440x900') });
  // The keyboard: the grid has the focus, ↑ moves to the row before, Enter goes there.
  await expect(grid).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-count')).toContainText('event 7 / 18');
  await expect(rowsWith(grid, 'kind', 'syscall').filter({ hasText: 'async_wait' })).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('event-count')).toContainText('event 17 / 18');

  // Both exports hold every record and parse.
  const text = await download(page, 'Export trace as text');
  const lines = text.trimEnd().split('\n');
  expect(lines[0]).toBe('# Syslet Playground trace of cold-read');
  expect(lines[1]).toBe('# all 16 records the run wrote');
  expect(lines).toHaveLength(3 + 16);
  expect(lines).toContain('e=8 t=2270669 thr=1 wake atom=0x1005c <rd> (disk)');
  const json = JSON.parse(await download(page, 'Export trace as Chrome trace JSON')) as { traceEvents: { name: string; ph: string; cat?: string; tid: number; args?: Record<string, unknown> }[] };
  expect(json.traceEvents.filter((e) => e.name === 'thread_name').map((e) => e.args?.name)).toEqual(['user task', 'cachemiss thread 1']);
  expect(json.traceEvents.find((e) => e.ph === 'B' && e.name === 'rd')).toMatchObject({ cat: 'atom', tid: 2, args: { syscall: 'read', result: '440' } });
  expect(json.traceEvents.find((e) => e.ph === 'i' && e.cat === 'post')).toMatchObject({ name: 'post cl to slot 0', tid: 2 });

  // At 1024x768 the inspector is narrow: two lines per record, the menus behind "Filters".
  await page.getByRole('button', { name: 'Restore Inspector' }).click();
  await page.setViewportSize({ width: 1280, height: 720 });
  await expect(grid).toHaveClass(/narrow/);
  await page.screenshot({ path: shot('trace-1280x720') });
  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(grid).toHaveClass(/narrow/);
  await expect(view.getByRole('combobox', { name: 'Thread' })).toBeHidden();
  await view.getByRole('button', { name: 'Filters' }).click();
  await view.getByRole('combobox', { name: 'Kind' }).selectOption('post');
  await expect(count).toHaveText('1 of 16');
  await page.screenshot({ path: shot('trace-1024x768') });
  await view.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'all kinds' });
  await expect(count).toHaveText('16 records'); // "records" is for screen readers only in so narrow a pane
  await page.getByRole('button', { name: 'Maximise Inspector' }).click();
  await page.screenshot({ path: shot('trace-maximised-1024x768') });
});

/** A link that opens `text` with the Trace tab showing (share/codec.ts's format). */
function traceLink(text: string): string {
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify({ inspectorTab: 'trace', speed: 'max', text }));
  return `/#code/v1.${crc32Hex(payload)}.${payload}`;
}

test('a trace longer than the kernel keeps: virtualised, says what it holds, the current event kept in view', async ({ page }) => {
  // One syslet of 20,000 atoms: a umem_add counting down to zero, next pointing at itself.
  await page.goto(traceLink('ring 4\nvar n = 20000\nvar pn = &n\nvar minus = -1\natom dec = umem_add(&pn, &minus) flags SYSLET_STOP_ON_ZERO next dec\nvar done = async_exec(dec)\n'));
  await ready(page);
  await expect(page.getByRole('tab', { name: 'Trace' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('button', { name: /^\W*Run$/ }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done');
  const view = page.getByRole('region', { name: 'Trace' });
  await expect(view.getByTestId('trace-count')).toHaveText('16,384 records (newest of 20,003)');
  const grid = view.getByRole('grid');
  // Only the rows in view are drawn, and the last one (the run's end) is among them.
  expect(await grid.locator('.trace-row[data-event]').count()).toBeLessThan(60);
  await expect(grid.locator('.trace-row[data-event]').last().locator('.tc-kind')).toHaveText('sysret');
  await expect(grid.locator('.trace-row[data-event]').last()).toBeInViewport();
  // The first row held: Home, Enter — the run goes back there and the row stays in view.
  await grid.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  const first = grid.locator('.trace-row.mark-current').first();
  await expect(first).toBeInViewport();
  const event = Number(await first.getAttribute('data-event'));
  await expect(page.getByTestId('event-count')).toContainText(`event ${event.toLocaleString('en')} /`);
  // A step forward moves the mark with it, still in view.
  await page.getByRole('button', { name: /^\W*Step$/ }).click();
  await expect(grid.locator('.trace-row.mark-current')).toHaveAttribute('data-event', String(event + 1));
  await expect(grid.locator('.trace-row.mark-current')).toBeInViewport();
  expect(await grid.locator('.trace-row[data-event]').count()).toBeLessThan(60);
});
