// The fault and latency lab: a fault injected from the atom graph's node
// editor becomes a `fault` clause (one undo step), the node shows the injected
// badge, the run shows it and the narration says it was injected; a share link
// of a program with faults and latencies reopens identical.
import LZString from 'lz-string';
import { test, expect } from './fixtures.ts';
import { editorText, setEditorText } from './graph-helpers.ts';
import { shareLink } from './share-helpers.ts';

test('inject a fault from the graph: the text, the badge, the run and the narration say so', async ({ page }) => {
  await page.goto('/?example=read-loop');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const graph = page.getByRole('region', { name: 'Atom graph' });
  const rd = graph.getByTestId('atom-node-rd');
  // Keyboard: select the node, Enter opens its editor.
  await rd.click();
  await page.keyboard.press('Enter');
  const dialog = graph.getByRole('dialog', { name: 'Edit atom rd' });
  await expect(dialog).toBeVisible();
  const kind = dialog.getByLabel('Injected fault', { exact: true });
  await kind.focus();
  await kind.selectOption('errno');
  await expect.poll(() => editorText(page)).toContain('next cnt fault EIO\n');
  const nth = dialog.getByLabel('Only on run (blank: every run)');
  await nth.fill('0');
  await nth.press('Enter');
  await expect(dialog.getByRole('alert')).toHaveText('a run number from 1, or blank for every run');
  await nth.fill('3');
  await nth.press('Enter');
  await expect.poll(() => editorText(page)).toContain('next cnt fault EIO nth 3\n');
  await expect(graph.getByTestId('atom-fault-rd')).toHaveText(/injected\s*returns -EIO · run 3/);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);

  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(page.getByTestId('console-output')).toContainText('read 2 chunks; the last read returned -5, close returned 0');
  await expect(graph.getByTestId('atom-result-rd')).toHaveText('= -EIO');
  await page.getByRole('tab', { name: 'Log' }).click();
  const log = page.getByRole('region', { name: 'Narration' });
  await expect(log).toContainText('atom `rd` — read(fd 3, chunk, 4096 bytes) returned -EIO (injected fault on its 3rd run: the call was not made)');
  await expect(log).not.toContainText('I/O error');

  // Removing it is one edit too, and Undo brings it back.
  await rd.dblclick();
  await dialog.getByLabel('Injected fault', { exact: true }).selectOption('none');
  await expect.poll(() => editorText(page)).toContain('next cnt\n');
  await expect(graph.getByTestId('atom-fault-rd')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close the atom editor' }).click();
  await graph.getByRole('button', { name: 'Undo' }).click();
  await expect(graph.getByTestId('atom-fault-rd')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/faults-graph.png' });
});

test('a share link of a program with faults and latencies reopens identical and runs the same', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const text = [
    '# faults travel in the text',
    'ring 4',
    'latency "/usr/share/dict/words" page 1 = 20ms',
    'var fd = open("/usr/share/dict/words", O_RDONLY)',
    'buffer b[64]',
    'var p = b',
    'var count = 64',
    'var n = 0',
    'atom rd = read(&fd, &p, &count) ret n fault short 10',
    'assert async_exec(rd) == 0',
    'async_wait(1)',
    'print "read ", n, "\\n"',
    '',
  ].join('\n');
  await setEditorText(page, text);
  await shareLink(page, 'program');
  await expect(page.getByTestId('notice')).toHaveText(/Link copied/);
  const link = page.url();
  const payload = new URL(link).hash.split('.').slice(2).join('.');
  expect(JSON.parse(LZString.decompressFromEncodedURIComponent(payload)!)).toEqual({ text });

  const other = await context.newPage();
  await other.goto(link);
  await expect(other.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect.poll(() => editorText(other)).toBe(text);
  const graph = other.getByRole('region', { name: 'Atom graph' });
  await expect(graph.getByTestId('atom-fault-rd')).toHaveText(/injected\s*short: 10 bytes/);
  await other.getByLabel('Speed').selectOption({ label: 'max' });
  await other.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(other.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(other.getByTestId('console-output')).toContainText('read 10');
  await other.getByRole('tab', { name: 'Files' }).click();
  await expect(other.locator('.file[data-path="/usr/share/dict/words"]')).toContainText('page 1: injected latency 20.0 ms');
  await other.close();
});
