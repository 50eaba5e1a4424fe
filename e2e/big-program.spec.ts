// A program of 1,000 chained atoms (e2e/big-program.ts) pasted into the editor: it opens, the
// graph draws a window of it with summary nodes that lead on, typing in it keeps every
// character, and it runs to the end with the right result. No timing here (bench:ui prints those).
import { test, expect } from './fixtures.ts';
import { atomLine, bigProgram } from './big-program.ts';

test('a 1,000-atom program pasted: opens, edits, graphs as a window and runs to the end', async ({ page }) => {
  test.setTimeout(300_000); // 1.5 min alone, up to 3.5 min beside the other suites on two cores
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const editor = page.locator('.editor-pane .monaco-editor');
  await expect(editor.locator('.view-lines')).toBeVisible();
  const text = bigProgram(1000);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await editor.click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('ControlOrMeta+V');

  const graph = page.locator('section[aria-label="Atom graph"]');
  await expect(graph.locator('.pane-title')).toContainText('1,000 atoms', { timeout: 60_000 });
  await expect(graph.getByTestId('graph-big')).toContainText('1,000 atoms: the graph draws the first 200');
  await expect(graph.getByTestId('atom-node-a0')).toBeVisible();
  await expect(graph.getByTestId('atom-node-a200')).toHaveCount(0);

  // The banner's buttons (keyboard) show the next window and lead back.
  await expect(graph.getByRole('button', { name: '↑ Earlier atoms' })).toBeDisabled();
  await graph.getByRole('button', { name: '↓ Next atoms' }).focus();
  await page.keyboard.press('Enter');
  await expect(graph.getByTestId('graph-big')).toContainText('draws atoms 201–400 in memory order');
  await expect(graph.getByTestId('atom-node-a200')).toBeAttached();
  // The summary node before the window, at the top of the view, leads back too.
  await expect(graph.getByText('200 earlier atoms')).toBeVisible();
  await graph.getByRole('button', { name: 'Show the earlier atoms (200 earlier atoms)' }).click();
  await expect(graph.getByTestId('graph-big')).toContainText('draws the first 200');

  // Typing in the middle of the program: every character lands, the text stays valid.
  await editor.click();
  // Monaco's Go to line (Ctrl+G): hundreds of single arrow keys took minutes on a busy CI machine.
  await page.keyboard.press('Control+G');
  await page.keyboard.type(String(atomLine(500)));
  await page.keyboard.press('Enter');
  await page.keyboard.press('End');
  await page.keyboard.type(' # typed here, one key at a time');
  // (The line wraps in the narrow pane: its two halves are two view lines.)
  await expect(editor.locator('.view-lines')).toContainText('# typed here, one key at a time');
  await expect(page.getByTestId('graph-errors')).toHaveCount(0);

  // The memory view draws part of the rows and more on request.
  await page.getByRole('tab', { name: 'Memory' }).click();
  const more = page.getByRole('button', { name: /^Show 384 more rows/ });
  await expect(more).toBeVisible();
  const before = await page.locator('.mem-scroll .mem-block, .mem-scroll .mem-gap').count();
  // Brought into view first, as a reader would: blocks drawn for the first time there take their
  // real height in the next frame (estimated until then), and a click in that frame can miss.
  await more.scrollIntoViewIfNeeded();
  await more.click();
  await expect.poll(() => page.locator('.mem-scroll .mem-block, .mem-scroll .mem-gap').count()).toBeGreaterThan(before);
  // The first atom's first argument points at `var pn`, laid out after all the atoms, past the
  // drawn rows: following it draws up to its row, scrolls there and highlights it.
  const drawn = await page.locator('.mem-scroll .mem-block, .mem-scroll .mem-gap').count();
  const toPn = page.locator('.mem-scroll .mem-chip.ptr', { hasText: /^arg_ptr\[0\] → pn$/ }).first();
  await toPn.scrollIntoViewIfNeeded();
  await toPn.click();
  // The ~2,000 rows up to it are drawn in a background render (slow on a busy two-core machine).
  await expect.poll(() => page.locator('.mem-scroll .mem-block, .mem-scroll .mem-gap').count(), { timeout: 60_000 }).toBeGreaterThan(drawn);
  // The chip of `var pn` heads the block of its row.
  await expect(page.locator('.mem-scroll .mem-chip', { hasText: /^pn = 0x[0-9a-f]+ → var n$/ })).toBeInViewport({ ratio: 1, timeout: 30_000 });

  // Run at max: to the end, every atom counted; the graph's window follows the last atom run.
  await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  await expect(page.getByTestId('console-output')).toContainText('n = 1000');
  // The last events were the driver's (reap, print): the window stays. Back at event 600 (paused),
  // an atom ran last, and the window moves to hold it.
  await expect(graph.getByTestId('graph-big')).toContainText('draws the first 200');
  await page.evaluate(() => {
    const range = document.querySelector<HTMLInputElement>('input[aria-label="Timeline: event number"]')!;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(range, '600');
    range.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await expect(page.getByTestId('event-count')).toContainText('event 600 /');
  await expect(graph.getByTestId('graph-big')).toContainText(/draws atoms \d{3}–\d{3} in memory order/);
  await expect(graph.getByTestId('graph-big')).not.toContainText("The last kernel event's atom");

  // Nothing typed was lost: the saved file is the pasted text with the comment, character for character.
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  const stream = await (await download).createReadStream();
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  const lines = text.split('\n');
  lines[atomLine(500) - 1] += ' # typed here, one key at a time';
  expect(Buffer.concat(chunks).toString('utf8')).toBe(lines.join('\n'));
});
