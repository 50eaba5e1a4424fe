import { readdirSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

/** What each shipped example prints and leaves in the ring after a full run. */
const EXPECTED: Record<string, { console: string[]; filled: number; lost?: number }> = {
  hello: { console: ['Hello Syslet World!\ncompleted an cached syslet atom!\n'], filled: 0 },
  'cold-read': { console: ['read 440 bytes of /etc/motd:\nWelcome to the Syslet Playground virtual machine.', 'may all your atoms complete.'], filled: 0 },
  'read-loop': { console: ['read 6 chunks; the last read returned 0, close returned 0\n'], filled: 0 },
  'parallel-reads': { console: ['chapter 1: 4096 bytes', 'chapter 2: 4096 bytes', 'chapter 3: 4096 bytes', 'chapter 4: 4096 bytes'], filled: 0 },
  'full-ring': { console: ['reaped 2 completions (0 came after the first drain); all four reads returned 2048 bytes\n'], filled: 0, lost: 2 },
  'fio-batch': { console: ['16 reads completed, 8192 bytes in all\n'], filled: 0 },
  pipe: { console: ['through the pipe, from one syslet to another\nthe reader got 45 bytes; the writer wrote 45\n'], filled: 0 },
  'sync-vs-async': {
    console: ['SYSLET_SYNC: async_exec returned the atom; read 440 bytes\nSYSLET_ASYNC: async_exec returned 0; read 440 bytes through the ring\n'],
    filled: 0,
  },
  stress: { console: ['completed 3000 syslets\n'], filled: 0 },
  'injected-faults': {
    console: ['chapter 1: 100 bytes\nchapter 2: 4096 bytes\nchapter 4: 4096 bytes\n1 finished at once; the reads returned 100, 4096, -5, 4096\n'],
    filled: 0,
  },
};

const SHIPPED = readdirSync(new URL('../src/ui/examples/', import.meta.url))
  .filter((f) => f.endsWith('.syslet'))
  .map((f) => f.replace(/\.syslet$/, ''));
/** The shipped C files: listed after the programs, opened in the C tab (c-tab.spec). */
const SHIPPED_C = readdirSync(new URL('../src/ui/examples/c/', import.meta.url)).filter((f) => f.endsWith('.c'));

test('the expectations cover every shipped example', () => {
  expect(Object.keys(EXPECTED).sort()).toEqual([...SHIPPED].sort());
});

test('?example=hello loads the Hello World and names it in the title', async ({ page }) => {
  await page.goto('/?example=hello');
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('Hello Syslet World');
  await expect(page).toHaveTitle('hello · Syslet Playground');
});

for (const name of SHIPPED) {
  test(`example ${name} runs to its end with the expected output`, async ({ page }) => {
    test.setTimeout(120_000);
    const want = EXPECTED[name];
    await page.goto(`/?example=${name}`);
    await expect(page).toHaveTitle(`${name} · Syslet Playground`);
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 90_000 });
    const out = page.getByTestId('console-output');
    for (const text of want.console) await expect(out).toContainText(text);
    // The ring's slots are <li> elements: role listitem is implicit, so it is matched by role.
    const filled = page.getByRole('region', { name: 'Completion ring' }).getByRole('listitem').and(page.locator('[data-state=filled]'));
    await expect(filled).toHaveCount(want.filled);
    if (want.lost) await expect(page.getByTestId('lost-count')).toContainText(new RegExp(`\\b${want.lost}\\b.*lost`));
    else await expect(page.getByTestId('lost-count')).toHaveCount(0);
  });
}

test('the Examples menu lists every example and works from the keyboard', async ({ page }) => {
  await page.goto('/');
  const button = page.getByRole('button', { name: 'Examples' });
  await button.click();
  const list = page.getByRole('listbox', { name: 'Examples' });
  await expect(list).toBeFocused();
  await expect(list.getByRole('option')).toHaveCount(SHIPPED.length + SHIPPED_C.length);
  await expect(list.getByRole('option').last()).toContainText(/in C/);
  await expect(list.getByRole('option').nth(1)).toContainText('the read misses the page cache');
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(button).toBeFocused();

  await page.keyboard.press('ArrowDown');
  await expect(list).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(list.getByRole('option', { selected: true })).toContainText('cold-read');
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('/etc/motd');
  await expect(page).toHaveURL(/\?example=cold-read$/);
  await expect(page).toHaveTitle('cold-read · Syslet Playground');

  await button.click();
  await list.getByRole('option').filter({ hasText: 'full-ring' }).click();
  await expect(page).toHaveURL(/\?example=full-ring$/);
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('ring 2');
});

test('the theme toggle names the theme it switches to, and is remembered', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'light');
  await expect(page.getByRole('button', { name: 'Light theme' })).toHaveCount(0);
  const toDark = page.getByRole('button', { name: 'Dark theme' });
  await expect(toDark).toBeVisible();
  await expect(page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor.vs')).toBeVisible();
  await page.reload();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'light');
  await toDark.click();
  await expect(page.locator('.app')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Light theme' })).toBeVisible();
});
