// C in the page: a C file opens in its own editor tab, is compiled in the page
// (clang and lld as WebAssembly, fetched from this site on first use), runs on
// the same kernel, and every view follows it: the console, the graph of the
// atoms its run used, the ring, step back by re-execution. Compiler errors are
// markers and problems; the C file survives a reload. One test, so the
// toolchain is loaded once (it takes tens of seconds on a 2-core machine).
import { test, expect } from './fixtures.ts';

// The first compile fetches and compiles 105 MB of toolchain: 47 s in CI, past 120 s on a machine at load 9.
const COMPILED = 240_000;

test('a C file compiles in the page, runs on the kernel, and the views follow it', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('option', { name: /Hello in C/ }).click();

  const editor = page.getByRole('region', { name: 'Editor' });
  await expect(editor.getByRole('tab', { name: 'hello.c' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor.getByRole('status')).toContainText(/compiled in \d+\.\d s/, { timeout: COMPILED });
  const graph = page.getByRole('region', { name: 'Atom graph' });
  await expect(graph.getByText('from the C run · read-only')).toBeVisible();
  await expect(graph.getByText('1 atom', { exact: true })).toBeVisible();
  await expect(graph.getByRole('button', { name: 'Add atom' })).toHaveCount(0);

  // Before the first call the head runs the C program's own code (not "the driver").
  await expect(page.getByRole('region', { name: 'Threads' })).toContainText('running the C program');
  // Step through the run, then to its end.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByText(/the C program calls async_exec\(0x[0-9a-f]+, 0x10[0-9a-f]+\)/).first()).toBeAttached();
  // The kernel's side of the call names user space as the C program, not as a driver.
  await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(page.getByTestId('narration-bar')).toContainText("the kernel takes the C program's async_exec(");
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const console_ = page.getByRole('region', { name: 'Console' });
  await expect(console_).toContainText('Hello Syslet World!\ncompleted an cached syslet atom!');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 20_000 });
  await page.screenshot({ path: 'test-results/screenshots/c-hello.png' });

  // Step back: the run is executed again up to one event earlier; the console loses its last line.
  const count = page.getByTestId('event-count');
  const end = Number(/event (\d+)/.exec((await count.textContent()) ?? '')![1]);
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await page.getByRole('button', { name: 'Step back', exact: true }).click();
  await expect(count).toContainText(`event ${end - 2} /`);
  await expect(console_).toContainText('Hello Syslet World!');
  await expect(console_).not.toContainText('completed an cached');

  // A compile error is a marker and a problem at its line; fixing it builds again.
  await editor.locator('.monaco-editor').first().click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('\nint broken = undefined_name;\n');
  await expect(page.getByRole('group', { name: 'Problems' })).toContainText(/undeclared identifier 'undefined_name'/, { timeout: COMPILED });
  await expect(editor.locator('.squiggly-error').first()).toBeAttached();
  await expect(editor.getByText('1 error')).toBeVisible();
  // Undo back to the file as it was opened (the model starts with it: no undo goes further). How
  // many undo stops 30 typed characters make depends on the timing of the keystrokes (a slow
  // machine made more than 30), so undo more than enough.
  for (let i = 0; i < 80; i++) await page.keyboard.press('Control+z');
  await expect(editor.getByRole('status')).toContainText(/compiled/, { timeout: COMPILED });
  await expect(page.getByRole('group', { name: 'Problems' })).toContainText('No problems');

  // Nothing lost: after a reload the C tab is back with its text and builds again (the build
  // itself was shown above: it is not waited for twice).
  await expect.poll(() => page.evaluate(() => localStorage.getItem('syslet-playground:c-file'))).not.toContain('undefined_name');
  await page.reload();
  await expect(editor.getByRole('tab', { name: 'hello.c' })).toHaveAttribute('aria-selected', 'true');
  await expect(editor.locator('.monaco-editor').first()).toContainText("Hello World, after Ingo Molnar's syslet");
  await expect(editor.getByRole('status')).toContainText(/loading the C compiler|compiling/);

  // The program's tab runs the language program again; closing the C file keeps it that way.
  await editor.getByRole('tab', { name: 'Program' }).click();
  await expect(graph.getByText('from the C run · read-only')).toHaveCount(0);
  await editor.getByRole('button', { name: 'Close hello.c' }).click();
  await expect(editor.getByRole('tab')).toHaveCount(0);
});
