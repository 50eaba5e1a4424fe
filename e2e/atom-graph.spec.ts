import { test, expect } from './fixtures.ts';

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
    await page.waitForTimeout(500);
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
});
