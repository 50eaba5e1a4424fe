// Generated exercises: a seed in the link gives the same programs on reload
// and in another page; an answer is judged by the run and scored locally.
import { test, expect } from './fixtures.ts';
import { editorText } from './graph-helpers.ts';

test('an exercise set from a seed: the same programs on reload and from the link, with a score', async ({ page, context }) => {
  await page.goto('/?exercises=class-7');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const bar = page.getByRole('region', { name: 'Lesson' });
  await expect(bar).toContainText('Exercise set “class-7” · 1 of 5');
  await expect.poll(() => editorText(page)).not.toBe('');
  const first = await editorText(page);
  const question = await bar.locator('.lesson-q').textContent();

  await page.reload();
  await expect(bar).toContainText('Exercise set “class-7” · 1 of 5');
  await expect(bar.locator('.lesson-q')).toHaveText(question!);
  await expect.poll(() => editorText(page)).toBe(first);

  // The same link in a fresh page (another student) gives the same program.
  const other = await context.browser()!.newPage();
  await other.goto(page.url().replace(/\?.*$/, '') + '?exercises=class-7');
  await expect(other.locator('.monaco-editor .view-lines')).toContainText(first.split('\n').find((l) => l.startsWith('atom'))!.slice(0, 20));
  await other.close();

  // Answer (choices or a number), then Run: the run judges it and the score counts it.
  const choice = bar.locator('.lesson-choices button').first();
  if (await bar.getByLabel('Your answer').count()) {
    await bar.getByLabel('Your answer').fill('0');
    await bar.getByRole('button', { name: 'Answer' }).click();
  } else await choice.click();
  await page.getByRole('toolbar').getByRole('button', { name: 'Run' }).click();
  await expect(bar.getByRole('status')).toContainText(/Right|Not quite/);
  await expect(bar).toContainText('score');
  await expect(bar).toContainText('of 1 answered');
  await bar.getByRole('button', { name: 'Next exercise' }).click();
  await expect(bar).toContainText('2 of 5');
  await expect.poll(() => editorText(page)).not.toBe(first);
});

test.describe('a first visit', () => {
test.use({ firstVisit: true });
test('the first visit: a short note, shown once, dismissed for good; Help shows the glossary in the page', async ({ page }) => {
  await page.goto('/');
  const note = page.getByRole('region', { name: 'Welcome' });
  await expect(note).toContainText('A syslet is');
  await note.getByRole('button', { name: 'Help and glossary' }).click();
  const help = page.getByRole('dialog', { name: 'Help' });
  await expect(help.getByText('cachemiss thread', { exact: true })).toBeVisible();
  await help.getByRole('tab', { name: 'Writing lessons' }).click();
  await expect(help.getByRole('tabpanel')).toContainText('wait:');
  await help.getByRole('tab', { name: 'Trace exports' }).click(); // each document loads when its page opens
  await expect(help.getByRole('tabpanel')).toContainText('Perfetto');
  // A link shows as its text, and a `[` elsewhere in the page is left alone.
  await help.getByRole('tab', { name: 'The language' }).click();
  await expect(help.getByRole('tabpanel')).toContainText('for that run (cli.md).');
  await expect(help.getByRole('tabpanel')).toContainText('each disk wait adds uniform `[0, jitter)`');
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await note.getByRole('button', { name: 'Dismiss' }).click();
  await expect(note).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByRole('region', { name: 'Welcome' })).toHaveCount(0);
});
});
