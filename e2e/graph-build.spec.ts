// Building read-loop with the graph alone: the editor gets only the driver
// lines typed (the ring it drains, the submit, the wait, the checks and the
// print). Atoms, their arguments and the vars behind them with their initial
// values (a string, a constant, a new buffer, the address of a new var), the
// vars they return into, their flags and their chain all come from the graph.
// The run must print what the shipped example prints.
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { drag, editorText, handle, node, setEditorText } from './graph-helpers.ts';

const TYPED = `ring 4

assert async_exec(a1) == 0
async_wait(1)
assert reap() == a3
print "read ", chunks, " chunks; the last read returned ", n, ", close returned ", closed, "\\n"
`;

/** A var to pick, or one to create from the node editor with its initial value. */
type Arg = string | { name: string; kind: 'number or constant' | 'string' | 'address of' | 'new buffer'; value: string; size?: string };
const num = (name: string, value: string): Arg => ({ name, kind: 'number or constant', value });

/** Chooses "new variable…" in `pick`, fills the form, and adds it with Enter. */
async function createVar(page: Page, dialog: Locator, pick: Locator, arg: Exclude<Arg, string>) {
  await pick.selectOption({ label: 'new variable…' });
  const form = dialog.getByRole('group', { name: 'New variable' });
  await form.getByLabel('Name of the new variable').fill(arg.name);
  await form.getByLabel('Initial value is a').selectOption({ label: arg.kind });
  const field = { 'number or constant': 'Initial value', string: 'Initial string', 'address of': 'Points to', 'new buffer': 'Buffer name' }[arg.kind];
  await form.getByLabel(field, { exact: true }).fill(arg.value);
  if (arg.size) await form.getByLabel('Buffer size in bytes').fill(arg.size);
  await expect(form.getByRole('status')).toContainText('declares');
  if (arg.kind === 'new buffer') await page.getByRole('region', { name: 'Atom graph' }).screenshot({ path: 'test-results/screenshots/graph-new-buffer.png' });
  await page.keyboard.press('Enter');
  await expect(form).toHaveCount(0);
}

/** Runs at max to the end; the console's text once it shows `last` (what the program prints last). */
async function runToEnd(page: Page, last: string): Promise<string> {
  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  // After a run at max the panes catch up one a frame, in turn (engine/pane-refresh.ts): the
  // toolbar and the narration bar can show the end while the console still shows an earlier event.
  await expect(page.getByTestId('console-output')).toContainText(last);
  return (await page.getByTestId('console-output').textContent()) ?? '';
}

test('read-loop built from an empty program with the graph runs to the example\'s output', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?example=read-loop');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const expected = await runToEnd(page, 'close returned 0');
  expect(expected).toContain('read 6 chunks; the last read returned 0, close returned 0');

  const graph = page.getByRole('region', { name: 'Atom graph' });
  await setEditorText(page, '');
  await expect(graph.locator('.react-flow__node-atom')).toHaveCount(0);
  await setEditorText(page, TYPED);
  await expect(graph.getByTestId('graph-errors')).toBeVisible();

  for (const name of ['a1', 'a2', 'a3', 'a4']) {
    await graph.getByRole('button', { name: 'Add atom' }).click();
    await expect(graph.getByTestId(`atom-node-${name}`)).toBeVisible();
  }

  const edit = async (name: string, syscall: string, args: Arg[], ret: Arg | null, flags: string[]) => {
    // From the keyboard: focus the node, Enter opens its editor.
    await node(graph, name).focus();
    await page.keyboard.press('Enter');
    const dialog = graph.getByRole('dialog', { name: `Edit atom ${name}` });
    await dialog.getByRole('combobox').first().selectOption(syscall);
    const params = { open: ['path', 'flags'], read: ['fd', 'buf', 'count'], close: ['fd'], umem_add: ['uptr', 'inc'] }[syscall]!;
    for (let k = 0; k < args.length; k++) {
      const pick = dialog.getByLabel(`Argument ${params[k]}`);
      const arg = args[k];
      if (typeof arg === 'string') await pick.selectOption(arg);
      else await createVar(page, dialog, pick, arg);
      await expect(pick).toHaveValue(typeof arg === 'string' ? arg : arg.name);
    }
    if (ret) {
      const pick = dialog.getByLabel('ret', { exact: true });
      if (typeof ret === 'string') await pick.selectOption(ret);
      else await createVar(page, dialog, pick, ret);
      await expect(pick).toHaveValue(typeof ret === 'string' ? ret : ret.name);
    }
    for (const f of flags) await dialog.getByLabel(f, { exact: true }).check();
    await dialog.getByRole('button', { name: 'Close the atom editor' }).click();
  };
  await edit('a1', 'open', [{ name: 'path', kind: 'string', value: '/usr/share/dict/words' }, num('oflags', 'O_RDONLY')], num('fd', '-1'), ['STOP_ON_NEGATIVE']);
  await edit('a2', 'read', ['fd', { name: 'bufp', kind: 'new buffer', value: 'chunk', size: '4096' }, num('count', '4096')], num('n', '0'), ['STOP_ON_NON_POSITIVE', 'SKIP']);
  await edit('a3', 'close', ['fd'], num('closed', '-1'), []);
  await edit('a4', 'umem_add', [{ name: 'pchunks', kind: 'address of', value: 'chunks' }, num('one', '1')], null, []);
  // The data the graph declared, as the example writes it (and nothing typed).
  await expect.poll(() => editorText(page)).toContain(
    'var path = "/usr/share/dict/words"\nvar oflags = O_RDONLY\nvar fd = -1\nbuffer chunk[4096]\nvar bufp = chunk\nvar count = 4096\nvar n = 0\nvar closed = -1\nvar chunks = 0\nvar pchunks = &chunks\nvar one = 1\n',
  );

  // The chain, by drag: a1 -> a2 -> a4, and a4 back to a2.
  await drag(page, handle(graph, 'a1', 'next'), handle(graph, 'a2', 'in'));
  await expect(graph.locator('.react-flow__edge[data-id="next:a1"]')).toHaveCount(1);
  await drag(page, handle(graph, 'a2', 'next'), handle(graph, 'a4', 'in'));
  await expect(graph.locator('.react-flow__edge[data-id="next:a2"]')).toHaveCount(1);
  await drag(page, handle(graph, 'a4', 'next'), handle(graph, 'a2', 'in'));
  await expect(graph.locator('.react-flow__edge[data-id="next:a4"]')).toHaveCount(1);
  await expect(graph.locator('.react-flow__edge[data-id="skip:a2"]')).toHaveCount(1);

  await expect(graph.getByTestId('graph-errors')).toHaveCount(0);
  expect(await runToEnd(page, 'close returned 0')).toBe(expected);
  // After the run: the close atom shows its result, and the last edge taken is the one out of it, to the end.
  await expect(graph.getByTestId('atom-result-a3')).toHaveText('= 0');
  await expect(graph.locator('.react-flow__edge.is-taken')).toHaveAttribute('data-id', 'done:a3');
  // The cachemiss thread took over at a2 and posted a3: its row names what it posted.
  await expect(page.getByRole('region', { name: 'Threads' }).locator('.th-row[data-tid="1"]')).toContainText(/posted a3 at [\d.]+ ms/);
  await page.screenshot({ path: 'test-results/screenshots/graph-built-read-loop.png' });
});
