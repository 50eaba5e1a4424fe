// The Completion ring and Threads panes: hello runs cached (nothing posted),
// and a typed program with a ring of 2 fills it and loses a completion.
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';

async function runToEnd(page: Page): Promise<void> {
  await page.getByLabel('Speed').selectOption('Infinity');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 20_000 });
}

test('hello: the ring stays empty and the Threads pane shows the head', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const ring = page.getByRole('region', { name: 'Completion ring' });
  await expect(ring.getByRole('listitem')).toHaveCount(4);
  await runToEnd(page);
  const slots = ring.getByRole('listitem');
  await expect(slots).toHaveCount(4);
  for (let i = 0; i < 4; i++) await expect(slots.nth(i)).toHaveAttribute('data-state', 'empty');
  await expect(ring.getByTestId('kernel-idx')).toHaveText('0');
  await expect(ring.getByTestId('user-idx')).toHaveText('0');
  await expect(ring.getByTestId('posted-count')).toHaveText('0');
  await expect(ring.getByTestId('lost-count')).toHaveCount(0);
  const threads = page.getByRole('region', { name: 'Threads' });
  await expect(threads.locator('[data-tid="0"]')).toContainText('head');
  await expect(threads.locator('[data-tid="0"]')).toContainText('user space');
  await expect(threads).toContainText('head + 0 cachemiss threads');
});

// Three reads of cold pages on a ring of 2, submitted together, drained only at the end:
// two completions fill the ring, the third finds its slot full and is lost.
const FULL_RING = [
  'ring 2',
  'var fd = open("/usr/share/dict/words", O_RDONLY)',
  'buffer buf[512]',
  'var bufp = buf',
  'var count = 512',
  'var off1 = 0',
  'var off2 = 4096',
  'var off3 = 8192',
  'atom r1 = pread64(&fd, &bufp, &count, &off1)',
  'atom r2 = pread64(&fd, &bufp, &count, &off2)',
  'atom r3 = pread64(&fd, &bufp, &count, &off3)',
  'async_exec(r1)',
  'async_exec(r2)',
  'async_exec(r3)',
  'var filled = async_wait(3)',
  'print "filled ", filled, "\\n"',
];

test('a full ring: completions fill the slots, one is lost, threads sleep on the disk', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const editor = page.getByRole('region', { name: 'Editor' });
  await expect(editor.locator('.monaco-editor .view-lines')).toContainText('Hello Syslet World');
  await editor.locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  // insertText, not type(): no auto-closing brackets or accepted suggestions can garble the program.
  await page.keyboard.insertText(FULL_RING.join('\n') + '\n');
  await expect(editor.locator('.view-lines')).toContainText('var filled = async_wait(3)');

  const ring = page.getByRole('region', { name: 'Completion ring' });
  const slots = ring.getByRole('listitem');
  await expect(slots).toHaveCount(2);
  await expect(ring.locator('[data-state="filled"]')).toHaveCount(0);

  // Step until the cachemiss threads sleep on their disk reads.
  const threads = page.getByRole('region', { name: 'Threads' });
  const sleeping = threads.locator('[data-state="sleeping"]');
  const step = page.getByRole('button', { name: /Step$/ });
  for (let i = 0; i < 60 && (await sleeping.count()) < 3; i++) await step.click();
  await expect(sleeping).toHaveCount(3);
  await expect(sleeping.first()).toContainText('on disk (ino');
  await expect(threads).toContainText('head + 3 cachemiss threads');

  await runToEnd(page);
  await expect(ring.locator('[data-state="filled"]')).toHaveCount(2);
  await expect(ring.locator('[data-state="empty"]')).toHaveCount(0);
  await expect(ring.getByTestId('posted-count')).toHaveText('2');
  await expect(ring.getByTestId('lost-count')).toHaveText('1 completion lost — the ring was full');
  await expect(threads).toContainText('lost, ring full');
  await expect(page.getByRole('region', { name: 'Console' })).toContainText('filled 2');
});

test('at speed max the bar says what stays live, and when the run ends every pane shows the end', async ({ page }) => {
  test.setTimeout(360_000);
  await page.goto('/?example=stress');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  // Ten times the syslets, so the run lasts long enough to be paused half-way.
  const text = readFileSync(new URL('../src/ui/examples/stress.syslet', import.meta.url), 'utf8').replace('var total = 3000', 'var total = 30000');
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await expect(page).toHaveTitle('Syslet Playground'); // the edited text is parsed: no longer the example
  const bar = page.getByTestId('narration-bar');
  // Paused half-way: the panes catch up at once.
  await page.getByLabel('Speed').selectOption('Infinity');
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(bar).toContainText('Full speed: ring and event count live');
  await expect(page.locator('section.cr-pane.cr-fast')).toHaveCount(1);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(bar).not.toContainText('Full speed');
  await expect(page.locator('section.cr-pane.cr-fast')).toHaveCount(0);
  const paused = Number((await page.getByTestId('posted-count').textContent()) ?? '0');
  expect(paused).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: 'Threads' })).not.toContainText('now 0 ns');
  // To the end: the last frame shows "done", the next one every pane.
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 240_000 }); // 30,000 syslets: slow on a loaded machine
  await expect(bar).toContainText('The program has finished');
  await expect(page.getByTestId('console-output')).toContainText('completed 30000 syslets');
  await expect(page.getByTestId('posted-count')).toHaveText('30000');
  await expect(page.getByRole('region', { name: 'Threads' })).toContainText('ended');
  await expect(page.getByRole('region', { name: 'Atom graph' })).toContainText('= 0');
});
