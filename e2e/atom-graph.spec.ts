import { test, expect } from './fixtures.ts';
import { drag, editorText, handle, node, setEditorText } from './graph-helpers.ts';

test.describe('atom graph', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  });

  test('the hello example shows one write atom', async ({ page }) => {
    const graph = page.getByRole('region', { name: 'Atom graph' });
    await expect(graph.locator('.react-flow__node-atom')).toHaveCount(1);
    const hello = graph.getByTestId('atom-node-hello');
    await expect(hello).toContainText('hello');
    await expect(hello).toContainText('write(fd_out, buf, size)');
    const bp = graph.getByRole('button', { name: 'Breakpoint on hello' });
    await expect(bp).toHaveAttribute('aria-pressed', 'false');
    await bp.click();
    await expect(bp).toHaveAttribute('aria-pressed', 'true');
  });

  test('text → graph: a typed atom appears as a node', async ({ page }) => {
    const editor = page.getByRole('region', { name: 'Editor' });
    await editor.locator('.monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.type('\natom two = getpid()');
    const graph = page.getByRole('region', { name: 'Atom graph' });
    await expect(graph.getByTestId('atom-node-two')).toContainText('getpid()');
    await expect(graph.locator('.react-flow__node-atom')).toHaveCount(2);
  });

  test('graph → text: Add atom writes the text, and undo takes it back', async ({ page }) => {
    const graph = page.getByRole('region', { name: 'Atom graph' });
    const lines = page.getByRole('region', { name: 'Editor' }).locator('.view-lines');
    await expect(lines).toContainText('Hello Syslet World');
    await graph.getByRole('button', { name: 'Add atom' }).click();
    await expect(lines).toContainText('atom a1 = getpid()');
    await expect(graph.getByTestId('atom-node-a1')).toBeVisible();

    await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
    await page.keyboard.press('ControlOrMeta+Z');
    await expect(lines).not.toContainText('atom a1 = getpid()');
    await expect(graph.getByTestId('atom-node-a1')).toHaveCount(0);

    await graph.getByRole('button', { name: 'Redo' }).click();
    await expect(lines).toContainText('atom a1 = getpid()');
    await graph.getByRole('button', { name: 'Undo' }).click();
    await expect(lines).not.toContainText('atom a1 = getpid()');
  });

  test('graph edits: the inline editor sets flags, Delete removes an atom', async ({ page }) => {
    const graph = page.getByRole('region', { name: 'Atom graph' });
    const lines = page.getByRole('region', { name: 'Editor' }).locator('.view-lines');
    await graph.getByRole('button', { name: 'Add atom' }).click();
    const node = graph.getByTestId('atom-node-a1');
    await node.dblclick();
    const dialog = graph.getByRole('dialog', { name: 'Edit atom a1' });
    await dialog.getByLabel('NO_COMPLETE').check();
    await expect(lines).toContainText('atom a1 = getpid() flags SYSLET_NO_COMPLETE');
    await expect(node).toContainText('NO_COMPLETE');
    await dialog.getByRole('button', { name: 'Close the atom editor' }).click();

    await node.click();
    await page.keyboard.press('Delete');
    await expect(graph.getByTestId('atom-node-a1')).toHaveCount(0);
    await expect(lines).not.toContainText('atom a1');
  });

  test('connect, reconnect and disconnect next by drag; only that line changes, and undo restores it', async ({ page }) => {
    const graph = page.getByRole('region', { name: 'Atom graph' });
    const text = '# three atoms\nvar   x = 1   # spaced\n\natom a = getpid()\natom b = getpid()   # b\natom c = getpid()\nprint x\n';
    await setEditorText(page, text);
    await expect(graph.locator('.react-flow__node-atom')).toHaveCount(3);

    await drag(page, handle(graph, 'a', 'next'), handle(graph, 'b', 'in'));
    await expect.poll(() => editorText(page)).toBe(text.replace('atom a = getpid()', 'atom a = getpid() next b'));
    const edge = graph.locator('.react-flow__edge[data-id="next:a"]');
    await expect(edge).toHaveCount(1);

    // Reconnect: the arrow head of a's next dragged onto c.
    await drag(page, edge.locator('.react-flow__edgeupdater-target'), handle(graph, 'c', 'in'));
    await expect.poll(() => editorText(page)).toBe(text.replace('atom a = getpid()', 'atom a = getpid() next c'));

    // Disconnect: the arrow head dropped on empty canvas.
    const pane = await graph.locator('.react-flow__pane').boundingBox();
    await drag(page, graph.locator('.react-flow__edge[data-id="next:a"] .react-flow__edgeupdater-target'), { x: pane!.x + 12, y: pane!.y + pane!.height - 12 });
    await expect.poll(() => editorText(page)).toBe(text);

    // A back edge by drag (c -> a), then undo twice walks the text back byte for byte.
    await drag(page, handle(graph, 'c', 'next'), handle(graph, 'a', 'in'));
    await expect.poll(() => editorText(page)).toBe(text.replace('atom c = getpid()', 'atom c = getpid() next a'));
    await expect(graph.locator('.react-flow__edge[data-id="next:c"]')).toHaveCount(1);
    await graph.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorText(page)).toBe(text);
    await graph.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => editorText(page)).toBe(text.replace('atom a = getpid()', 'atom a = getpid() next c'));
  });

  test('the node editor: arguments, a new var, ret, next, flags and order, from the keyboard', async ({ page }) => {
    const graph = page.getByRole('region', { name: 'Atom graph' });
    const text = 'var fd = 1\nvar bufp\n\n# the atoms\natom first = getpid()\natom w = getpid()  # writes\n';
    await setEditorText(page, text);
    await node(graph, 'w').focus();
    await page.keyboard.press('Enter');
    const dialog = graph.getByRole('dialog', { name: 'Edit atom w' });
    await expect(dialog.getByRole('combobox').first()).toBeFocused();
    await dialog.getByRole('combobox').first().selectOption('write');
    await expect.poll(() => editorText(page)).toContain('atom w = write()  # writes');
    await dialog.getByLabel('Argument fd').selectOption('fd');
    await dialog.getByLabel('Argument buf').selectOption('bufp');
    await dialog.getByLabel('Argument count').selectOption({ label: 'new variable…' });
    const name = dialog.getByLabel('Name of the new variable');
    await expect(name).toBeFocused();
    await name.fill('9x');
    await expect(dialog.getByRole('status')).toContainText('letters, digits');
    await name.fill('fd');
    await expect(dialog.getByRole('status')).toContainText('already declared');
    await name.fill('size');
    await page.keyboard.press('Enter');
    await expect.poll(() => editorText(page)).toBe('var fd = 1\nvar bufp\nvar size = 0\n\n# the atoms\natom first = getpid()\natom w = write(&fd, &bufp, &size)  # writes\n');
    await dialog.getByLabel('ret', { exact: true }).selectOption('fd');
    await dialog.getByLabel('next', { exact: true }).selectOption('first');
    await dialog.getByLabel('NO_COMPLETE').check();
    await expect.poll(() => editorText(page)).toContain('atom w = write(&fd, &bufp, &size) ret fd flags SYSLET_NO_COMPLETE next first  # writes');
    await expect(node(graph, 'w')).toContainText('ret → fd');
    // Order: w moves before first, comments stay where they were.
    await dialog.getByRole('button', { name: 'Move up (earlier in memory)' }).click();
    await expect.poll(() => editorText(page)).toBe(
      'var fd = 1\nvar bufp\nvar size = 0\n\n# the atoms\natom w = write(&fd, &bufp, &size) ret fd flags SYSLET_NO_COMPLETE next first  # writes\natom first = getpid()\n',
    );
    await expect(dialog).toContainText('1 of 2');
    await dialog.getByLabel('next', { exact: true }).selectOption({ label: '— (the syslet ends)' });
    await expect.poll(() => editorText(page)).toContain('atom w = write(&fd, &bufp, &size) ret fd flags SYSLET_NO_COMPLETE  # writes');
    await dialog.getByLabel('next', { exact: true }).focus();
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
  });

  test('deleting an atom the driver uses asks first, listing the uses by line', async ({ page }) => {
    const graph = page.getByRole('region', { name: 'Atom graph' });
    await node(graph, 'hello').click();
    await page.keyboard.press('Delete');
    const ask = graph.getByRole('alertdialog');
    await expect(ask).toContainText('Delete atom hello?');
    await expect(ask).toContainText('line 12');
    await expect(ask).toContainText('var done = async_exec(hello)');
    await expect(ask).toContainText('if ring[user_idx] == hello {');
    await expect(ask.getByRole('button', { name: 'Delete atom and its uses' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await expect(graph.getByTestId('atom-node-hello')).toHaveCount(1);

    await graph.getByTestId('atom-node-hello').click();
    await graph.getByRole('button', { name: 'Delete atom hello' }).click();
    await graph.getByRole('alertdialog').getByRole('button', { name: 'Delete atom only' }).click();
    await expect(graph.getByTestId('atom-node-hello')).toHaveCount(0);
    // The uses are errors now; the graph says so and still takes edits.
    await expect(graph.getByTestId('graph-errors')).toBeVisible();
    await graph.getByRole('button', { name: 'Add atom' }).click();
    await expect(graph.getByTestId('atom-node-a1')).toBeVisible();
    await graph.getByRole('button', { name: 'Undo' }).click();
    await graph.getByRole('button', { name: 'Undo' }).click();
    await expect(graph.getByTestId('atom-node-hello')).toBeVisible();
    await expect(graph.getByTestId('graph-errors')).toHaveCount(0);

    await graph.getByTestId('atom-node-hello').click();
    await page.keyboard.press('Delete');
    await graph.getByRole('alertdialog').getByRole('button', { name: 'Delete atom and its uses' }).click();
    await expect(graph.getByTestId('atom-node-hello')).toHaveCount(0);
    await expect(graph.getByTestId('graph-errors')).toHaveCount(0);
    // Saved once the edit is in: the comment above the atom stays, its uses are gone.
    await expect.poll(async () => {
      const left = await editorText(page);
      return left.includes('# Hello World, after Ingo Molnar') && !left.includes('hello)');
    }).toBe(true);
  });
});

test.describe('atom graph: the run', () => {
  test('badges follow the trace: a blocked read shows what it waits on, RUNNING only at its event', async ({ page }) => {
    await page.goto('/?example=cold-read');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
    const graph = page.getByRole('region', { name: 'Atom graph' });
    const step = page.getByRole('button', { name: 'Step', exact: true });
    const rd = graph.getByTestId('atom-badge-rd');
    // Step until the read misses the page cache and its thread sleeps.
    await expect(async () => {
      await step.click();
      await expect(rd).toHaveText('waits: disk', { timeout: 200 });
    }).toPass({ timeout: 30_000 });
    await expect(graph.getByTestId('atom-node-rd')).toHaveClass(/is-waiting/);
    // Only one atom is running at any event, and never the waiting one.
    await expect(graph.locator('.atom-badge.badge-running')).toHaveCount(0);
    // Step until rd completes: it shows RUNNING with its result at that event, the next step it is done.
    await expect(async () => {
      await step.click();
      await expect(rd).toHaveText('running', { timeout: 200 });
    }).toPass({ timeout: 30_000 });
    await expect(graph.locator('.atom-badge.badge-running')).toHaveCount(1);
  });

  test('a 2,000-atom chain: the page stays up and the graph draws a window of 200 atoms', async ({ page }) => {
    // Other panes take tens of seconds over 2,000 atoms on a loaded machine; the graph itself takes well under one.
    test.setTimeout(180_000);
    await page.goto('/');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
    const lines: string[] = [];
    for (let i = 0; i < 2000; i++) lines.push(`atom c${i} = getpid()${i + 1 < 2000 ? ` next c${i + 1}` : ''}`);
    // Opened as a file: one edit of the text (typing 2,000 lines into Monaco takes minutes).
    const text = `${lines.join('\n')}\nassert async_exec(c0) == c1999\n`;
    await page.getByTestId('open-file-input').setInputFiles({ name: 'chain.syslet', mimeType: 'text/plain', buffer: Buffer.from(text) });
    const graph = page.getByRole('region', { name: 'Atom graph' });
    await expect(graph.getByTestId('graph-big')).toContainText('2,000 atoms: the graph draws the first 200', { timeout: 150_000 });
    // A window of 200 atoms, of which only those in view are in the DOM; the rest are one step away.
    await expect(graph.getByTestId('atom-node-c0')).toBeVisible();
    const drawn = await graph.locator('.react-flow__node-atom').count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(200);
    await expect(graph.getByTestId('atom-node-c200')).toHaveCount(0);
    await expect(graph.getByRole('button', { name: '↑ Earlier atoms' })).toBeDisabled();
    await graph.getByRole('button', { name: '↓ Next atoms' }).click();
    await expect(graph.getByTestId('graph-big')).toContainText('draws atoms 201–400');
    await expect(graph.getByText('200 earlier atoms')).toBeVisible();
    await expect(page.getByRole('region', { name: 'Console' })).toBeVisible();
  });
});
