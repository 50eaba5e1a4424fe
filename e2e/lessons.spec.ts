// Lessons in the page: a lesson walked to its end by following its steps, a
// prediction answered right and one answered wrong (each with the run's
// explanation), progress kept after a reload, screenshots of a lesson in progress.
import { test, expect } from './fixtures.ts';
import type { Page } from '@playwright/test';
import { editorText } from './graph-helpers.ts';
import LZ from 'lz-string';
import { crc32Hex } from '../src/ui/share/crc32.ts';

/** A `#lesson/` link, built as share/codec.ts builds links (lz-string payload, CRC-32 over it). */
function encodeHash(prefix: string, text: string): string {
  const payload = LZ.compressToEncodedURIComponent(JSON.stringify({ text }));
  return `${prefix}v1.${crc32Hex(payload)}.${payload}`;
}

const bar = (page: Page) => page.getByRole('region', { name: 'Lesson' });

async function openFromMenu(page: Page, title: RegExp) {
  await page.getByRole('button', { name: 'Lessons' }).click();
  await page.getByRole('option', { name: title }).click();
}

/** Steps with the toolbar's Step until the lesson says the wait is reached. */
async function stepUntilReached(page: Page) {
  const reached = bar(page).getByText('✓ Reached');
  await expect(async () => {
    if (!(await reached.isVisible())) await page.getByRole('toolbar').getByRole('button', { name: 'Step', exact: true }).click();
    await expect(reached).toBeVisible({ timeout: 200 });
  }).toPass({ timeout: 30_000 });
}

test('a lesson walked to its end: a right and a wrong prediction, each explained by the run; progress survives a reload', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await openFromMenu(page, /Arguments by pointer/);
  await expect(bar(page)).toContainText('Lesson 3 of 13');
  await expect(bar(page)).toContainText('step 1 of 3');
  await expect.poll(() => editorText(page)).toContain('atom short = write');

  // Step 1: predict n = 10 (right), then Step until w completes.
  await expect(bar(page).getByRole('button', { name: 'Next' })).toBeDisabled();
  await bar(page).getByLabel('Your answer').fill('10');
  await bar(page).getByRole('button', { name: 'Answer' }).click();
  await expect(bar(page)).toContainText('Answer kept');
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: 'test-results/screenshots/lesson-1440x900.png' });
  await stepUntilReached(page);
  await expect(bar(page).getByRole('status')).toContainText('Right: 10.');
  await expect(bar(page).getByRole('status')).toContainText('after the driver had set it to 10');
  await expect(bar(page).getByRole('status')).toContainText('The kernel at this event:');

  // Step 2: predict m = 5 (wrong): the run says 0, with the lesson's explanation.
  await bar(page).getByRole('button', { name: 'Next' }).click();
  await expect(bar(page)).toContainText('step 2 of 3');
  await bar(page).getByLabel('Your answer').fill('5');
  await bar(page).getByRole('button', { name: 'Answer' }).click();
  await stepUntilReached(page);
  await expect(bar(page).getByRole('status')).toContainText('Not quite: you said 5, the run says 0.');
  await expect(bar(page).getByRole('status')).toContainText('asked `write` for 0 bytes'.replace(/`/g, ''));
  await page.setViewportSize({ width: 1024, height: 768 });
  await page.screenshot({ path: 'test-results/screenshots/lesson-1024x768.png' });
  await page.setViewportSize({ width: 1440, height: 900 });

  // Step 3: Run stops at the wait (the program's end); the course goes on to the next lesson.
  await bar(page).getByRole('button', { name: 'Next' }).click();
  await expect(bar(page)).toContainText('step 3 of 3');
  await bar(page).getByRole('button', { name: 'Run' }).click();
  await expect(bar(page).getByText('✓ Reached')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Console' })).toContainText('w wrote 10 bytes; short wrote 0');
  await expect(bar(page).getByRole('button', { name: 'Next lesson' })).toBeEnabled();

  // Progress is kept: after a reload the lesson reopens where it was, and the menu says it is done.
  await page.reload();
  await expect(bar(page)).toContainText('step 3 of 3');
  await page.getByRole('button', { name: 'Lessons' }).click();
  await expect(page.getByRole('option', { name: /Arguments by pointer/ })).toContainText('done');
  await page.keyboard.press('Escape');
});

test('Run stops before the event a question asks about, until it is answered', async ({ page }) => {
  await page.goto('/?lesson=what-is-a-syslet');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(bar(page)).toContainText('What a syslet is');
  await page.getByRole('toolbar').getByRole('button', { name: 'Run' }).click();
  await expect(page.getByText('answer the question first')).toBeVisible();
  await expect(bar(page).getByText('✓ Reached')).toHaveCount(0);
  await bar(page).getByRole('button', { name: 'no', exact: true }).click();
  await page.getByRole('toolbar').getByRole('button', { name: 'Step', exact: true }).click();
  await expect(bar(page).getByRole('status')).toContainText('Right: no.');
});

test('a lesson file opened from a link goes through the checksum; a damaged one is refused', async ({ page }) => {
  const text = ['---', 'title: My own lesson', '---', '```syslet', 'var x = 1', 'x = x + 41', 'print x, "\\n"', '```', '', '## Watch x', 'Predict, then Step.', 'wait: when x == 42', 'ask: value x', ''].join('\n');
  const hash = encodeHash('#lesson/', text);
  await page.goto('/' + hash);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(bar(page)).toContainText('My own lesson');
  await bar(page).getByLabel('Your answer').fill('42');
  await bar(page).getByRole('button', { name: 'Answer' }).click();
  await stepUntilReached(page);
  await expect(bar(page).getByRole('status')).toContainText('Right: 42.');

  const damaged = hash.slice(0, -3) + (hash.at(-3) === 'A' ? 'B' : 'A') + hash.slice(-2);
  await page.goto('/about:blank');
  await page.goto('/' + damaged);
  await expect(page.getByText(/damaged/)).toBeVisible();
});

test('a plain program asks its own question in #? comments, and the run answers it', async ({ page }) => {
  const { readFileSync } = await import('node:fs');
  const program = `${readFileSync('src/ui/examples/full-ring.syslet', 'utf8')}\n#? wait: a completion is lost\n#? ask: lost\n#? why: the ring has two slots and nobody drained it.\n`;
  // Opened from a share link (typing it would let the editor re-indent the braces).
  await page.goto(`/${encodeHash('#code/', program)}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const offer = page.getByRole('region', { name: "This program's questions" });
  await expect(offer).toContainText('This program asks a question about its run');
  await offer.getByRole('button', { name: 'Answer it' }).click();
  await expect(bar(page)).toContainText('Question 1');
  // The program in the editor is the user's own, untouched (Save file writes what the editor holds).
  const saving = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save file' }).click();
  expect(readFileSync(await (await saving).path(), 'utf8')).toBe(program);
  await bar(page).getByLabel('Your answer').fill('2');
  await bar(page).getByRole('button', { name: 'Answer' }).click();
  // Run stops at the event the question is about.
  await bar(page).getByRole('button', { name: 'Run' }).click();
  await expect(bar(page).getByText('✓ Reached')).toBeVisible();
  await expect(bar(page).getByRole('status')).toContainText('Not quite: you said 2, the run says 1.');
  await expect(bar(page).getByRole('status')).toContainText('nobody drained it');
});
