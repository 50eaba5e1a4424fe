// `?embed`: a read-only view without the page chrome, for an iframe in slides or a course
// page: only the chosen panes, autoplay, and nothing written over the user's own work.
import { test, expect } from './fixtures.ts';

const EMBED = '/?embed&example=full-ring&panes=ring,threads&autoplay=1&speed=64';

test('an embed in an iframe shows only its panes and plays by itself', async ({ page, baseURL }) => {
  await page.setContent(`<!doctype html><title>Slides</title><h1>Lecture 7: syslets</h1>
    <iframe title="Syslet Playground" src="${baseURL}${EMBED}" width="960" height="540" style="border:0"></iframe>`);
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('region', { name: 'Completion ring', exact: true })).toBeVisible();
  await expect(frame.getByRole('region', { name: 'Threads', exact: true })).toBeVisible();
  for (const name of ['Editor', 'Console', 'Atom graph']) await expect(frame.getByRole('region', { name, exact: true })).toBeHidden();
  await expect(frame.getByRole('tablist', { name: 'Inspector' })).toBeHidden();
  // No page chrome: no title, no Examples, Share or Recover.
  await expect(frame.getByRole('heading', { name: 'Syslet Playground' })).toBeHidden();
  await expect(frame.getByRole('button', { name: 'Share' })).toBeHidden();
  await expect(frame.getByRole('button', { name: 'Recover' })).toBeHidden();
  // It plays by itself, to the end; the controls and the narration are there.
  await expect(frame.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
  await expect(frame.getByTestId('posted-count')).not.toHaveText('0');
  await expect(frame.getByRole('button', { name: 'Step back' })).toBeEnabled();
  await expect(frame.getByTestId('narration-bar')).toContainText('The program has finished.');
  // The two panes share the frame.
  const ring = (await frame.getByRole('region', { name: 'Completion ring', exact: true }).boundingBox())!;
  expect(ring.width).toBeGreaterThan(400);
  // Nothing written to the browser's storage (a cross-site frame may have none at all: then it plays without).
  const frameHandle = page.frames().find((f) => f.url().includes('embed'))!;
  const stored = await frameHandle.evaluate(() => {
    try {
      return [localStorage.length, sessionStorage.length];
    } catch {
      return 'no storage for this frame';
    }
  });
  expect([[0, 0], 'no storage for this frame']).toContainEqual(stored);
});

test('an embed never touches the user’s saved work nor shows the Recover notices', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const before = await page.evaluate(() => {
    localStorage.setItem('syslet-playground:source', 'var mine = 1\n# my own work\n');
    return JSON.stringify(Object.entries(localStorage).sort());
  });
  await page.goto('/?embed&example=pipe&panes=editor,graph&controls=0&narration=0');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const editor = page.getByRole('region', { name: 'Editor', exact: true });
  await expect(editor.locator('.view-lines')).toContainText('pipe');
  await expect(editor).toContainText('read-only');
  // Read-only: typing changes nothing, the graph offers no edits.
  await editor.locator('.monaco-editor').click();
  await page.keyboard.type('zzz');
  await expect(editor.locator('.view-lines')).not.toContainText('zzz');
  await expect(page.getByRole('button', { name: 'Add atom' })).toBeHidden();
  // controls=0, narration=0
  await expect(page.getByRole('toolbar', { name: 'Run controls' })).toBeHidden();
  await expect(page.getByTestId('narration-bar')).toBeHidden();
  await expect(page.getByTestId('notice')).toBeHidden();
  await page.reload();
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('notice')).toBeHidden();
  expect(await page.evaluate(() => JSON.stringify(Object.entries(localStorage).sort()))).toBe(before);
  // The playground itself still opens the user's work.
  await page.goto('/');
  await expect(page.getByRole('region', { name: 'Editor', exact: true }).locator('.view-lines')).toContainText('my own work');
});

test('a mistake in an embed’s address is named, and the embed still shows what it can', async ({ page }) => {
  await page.goto('/?embed&example=hello&panes=ring,memory&speed=fast');
  await expect(page.getByTestId('notice')).toContainText('no pane named “memory”');
  await expect(page.getByTestId('notice')).toContainText('speed=fast is not one of');
  await expect(page.getByRole('region', { name: 'Completion ring', exact: true })).toBeVisible();
});

test('an embed opens at a moment link\'s event, with its breakpoints', async ({ page }) => {
  const { readFileSync } = await import('node:fs');
  const LZString = (await import('lz-string')).default;
  const { crc32Hex } = await import('../src/ui/share/crc32.ts');
  const text = readFileSync('src/ui/examples/full-ring.syslet', 'utf8');
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify({ event: 9, breakpoints: [{ kind: 'atom', atom: 's4', when: 'runs' }], text }));
  await page.goto(`/?embed&panes=ring,graph#code/v1.${crc32Hex(payload)}.${payload}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('event-count')).toContainText('event 9 /');
  await expect(page.getByRole('button', { name: 'Breakpoint on s4' })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('notice')).toHaveCount(0);
});
