// Building read-loop with the graph alone: the editor gets only the data and
// driver lines typed; atoms, their arguments, the vars they return into, their
// flags and their chain all come from the graph. The run must print what the
// shipped example prints.
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { drag, handle, node, setEditorText } from './graph-helpers.ts';

const TYPED = `ring 4
var path = "/usr/share/dict/words"
var oflags = O_RDONLY
buffer chunk[4096]
var bufp = chunk
var count = 4096
var chunks = 0
var pchunks = &chunks
var one = 1

assert async_exec(a1) == 0
async_wait(1)
assert reap() == a3
print "read ", chunks, " chunks; the last read returned ", n, ", close returned ", closed, "\\n"
`;

async function runToEnd(page: Page): Promise<string> {
  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  // At speed max the toolbar shows the end a frame before the other panes: wait for the full
  // snapshot (the bar's last sentence comes with the console) before reading the console.
  await expect(page.getByTestId('narration-bar')).toContainText('The program has finished.');
  return (await page.getByTestId('console-output').textContent()) ?? '';
}

test('read-loop built from an empty program with the graph runs to the example\'s output', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?example=read-loop');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const expected = await runToEnd(page);
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

  const edit = async (name: string, syscall: string, args: string[], ret: string | null, flags: string[]) => {
    // From the keyboard: focus the node, Enter opens its editor.
    await node(graph, name).focus();
    await page.keyboard.press('Enter');
    const dialog = graph.getByRole('dialog', { name: `Edit atom ${name}` });
    await dialog.getByRole('combobox').first().selectOption(syscall);
    const params = { open: ['path', 'flags'], read: ['fd', 'buf', 'count'], close: ['fd'], umem_add: ['uptr', 'inc'] }[syscall]!;
    for (let k = 0; k < args.length; k++) {
      const pick = dialog.getByLabel(`Argument ${params[k]}`);
      const known = await pick.locator('option', { hasText: new RegExp(`^${args[k]}$`) }).count();
      if (known) {
        await pick.selectOption(args[k]);
      } else {
        await pick.selectOption({ label: 'new variable…' });
        await dialog.getByLabel('Name of the new variable').fill(args[k]);
        await dialog.getByRole('button', { name: 'Add', exact: true }).click();
      }
      await expect(pick).toHaveValue(args[k]);
    }
    if (ret) {
      const pick = dialog.getByLabel('ret', { exact: true });
      if (await pick.locator('option', { hasText: new RegExp(`^${ret}$`) }).count()) await pick.selectOption(ret);
      else {
        await pick.selectOption({ label: 'new variable…' });
        await dialog.getByLabel('Name of the new variable').fill(ret);
        await page.keyboard.press('Enter');
      }
      await expect(pick).toHaveValue(ret);
    }
    for (const f of flags) await dialog.getByLabel(f, { exact: true }).check();
    await dialog.getByRole('button', { name: 'Close the atom editor' }).click();
  };
  await edit('a1', 'open', ['path', 'oflags'], 'fd', ['STOP_ON_NEGATIVE']);
  await edit('a2', 'read', ['fd', 'bufp', 'count'], 'n', ['STOP_ON_NON_POSITIVE', 'SKIP']);
  await edit('a3', 'close', ['fd'], 'closed', []);
  await edit('a4', 'umem_add', ['pchunks', 'one'], null, []);

  // The chain, by drag: a1 -> a2 -> a4, and a4 back to a2.
  await drag(page, handle(graph, 'a1', 'next'), handle(graph, 'a2', 'in'));
  await expect(graph.locator('.react-flow__edge[data-id="next:a1"]')).toHaveCount(1);
  await drag(page, handle(graph, 'a2', 'next'), handle(graph, 'a4', 'in'));
  await expect(graph.locator('.react-flow__edge[data-id="next:a2"]')).toHaveCount(1);
  await drag(page, handle(graph, 'a4', 'next'), handle(graph, 'a2', 'in'));
  await expect(graph.locator('.react-flow__edge[data-id="next:a4"]')).toHaveCount(1);
  await expect(graph.locator('.react-flow__edge[data-id="skip:a2"]')).toHaveCount(1);

  await expect(graph.getByTestId('graph-errors')).toHaveCount(0);
  expect(await runToEnd(page)).toBe(expected);
  // After the run: the close atom shows its result, and the last edge taken is the one out of it, to the end.
  await expect(graph.getByTestId('atom-result-a3')).toHaveText('= 0');
  await expect(graph.locator('.react-flow__edge.is-taken')).toHaveAttribute('data-id', 'done:a3');
});
