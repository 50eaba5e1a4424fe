// Screenshots of every main view, in the dark and the light theme, from a run
// of the full-ring example (filled slots, a lost completion, sleeping threads).
// They go to test-results/screenshots/; with UPDATE_SCREENSHOTS=1 to
// docs/screenshots/, where the README and docs/playground.md show them.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const DIR = process.env.UPDATE_SCREENSHOTS === '1' ? 'docs/screenshots' : 'test-results/screenshots';

/** Waits until no animation or transition is running in the page (the ring's fill, drain and flash). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => document.getAnimations().every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity));
}

async function seekTo(page: Page, event: number): Promise<void> {
  await page.getByLabel('Timeline: event number').evaluate((el, value) => {
    const input = el as HTMLInputElement;
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, String(value));
    input.dispatchEvent(new Event('input', { bubbles: true }));
  }, event);
  await expect(page.getByTestId('event-count')).toContainText(`event ${event.toLocaleString('en')} /`);
}

test('screenshots of every main view, dark and light', async ({ page }) => {
  test.setTimeout(120_000);
  mkdirSync(DIR, { recursive: true });
  await page.goto('/?example=full-ring');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await page.getByLabel('Speed').selectOption('Infinity');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
  const end = Number((await page.getByLabel('Timeline: event number').getAttribute('max')) ?? '0');
  expect(end).toBeGreaterThan(20);

  const region = (name: string) => page.getByRole('region', { name, exact: true });
  const inspector = page.getByRole('tablist', { name: 'Inspector' });
  const shoot = async (file: string) => {
    await settled(page); // fill, drain and flash animations have ended
    return page.screenshot({ path: `${DIR}/${file}` });
  };
  const dark = await page.locator('.app').evaluate((el) => getComputedStyle(el).backgroundColor);

  // Mid-run: threads asleep on the disk, completions landing.
  await seekTo(page, Math.floor(end * 0.6));
  await settled(page);
  await region('Threads').screenshot({ path: `${DIR}/view-threads.png` });
  await region('Completion ring').screenshot({ path: `${DIR}/view-ring-midrun.png` });
  await region('Atom graph').screenshot({ path: `${DIR}/view-graph.png` });

  // The end: two completions reaped, two lost.
  await seekTo(page, end);
  await expect(page.getByTestId('lost-count')).toBeVisible();
  await shoot('page-dark.png');
  await region('Completion ring').screenshot({ path: `${DIR}/view-ring.png` });
  await region('Editor').screenshot({ path: `${DIR}/view-editor.png` });
  await region('Console').screenshot({ path: `${DIR}/view-console.png` });
  await region('Memory').screenshot({ path: `${DIR}/view-memory.png` });
  for (const [tab, file] of [
    ['Files', 'view-files.png'],
    ['Log', 'view-log.png'],
  ] as const) {
    await inspector.getByRole('tab', { name: tab }).click();
    await expect(inspector.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
    await page.locator('.inspector').screenshot({ path: `${DIR}/${file}` });
  }
  // The raw trace, maximised (one line per record), at the event where the first completion is lost.
  await inspector.getByRole('tab', { name: 'Trace' }).click();
  await page.getByRole('button', { name: 'Maximise Inspector' }).click();
  await region('Trace').locator('.trace-row[data-kind="lost"]').first().click();
  await expect(region('Trace').locator('.trace-row[data-kind="lost"]').first()).toHaveAttribute('aria-current', 'step');
  await shoot('view-trace.png');
  await page.getByRole('button', { name: 'Restore Inspector' }).click();
  await seekTo(page, end);
  await inspector.getByRole('tab', { name: 'Memory' }).click();

  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(page.getByRole('button', { name: 'Dark theme' })).toBeVisible();
  const light = await page.locator('.app').evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(light).not.toBe(dark);
  await shoot('page-light.png');
});

for (const [width, height] of [
  [1280, 720],
  [1024, 768],
] as const) {
  test(`at a ${width}x${height} projector nothing important is cut off`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    mkdirSync(DIR, { recursive: true });
    await page.goto('/?example=full-ring');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
    await page.getByLabel('Speed').selectOption('Infinity');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
    const inside = async (inner: ReturnType<Page['locator']>, outer: ReturnType<Page['locator']> | null) => {
      const a = (await inner.boundingBox())!;
      const b = outer ? (await outer.boundingBox())! : { x: 0, y: 0, width, height };
      expect(a.x).toBeGreaterThanOrEqual(b.x - 0.5);
      expect(a.y).toBeGreaterThanOrEqual(b.y - 0.5);
      expect(a.x + a.width).toBeLessThanOrEqual(b.x + b.width + 0.5);
      expect(a.y + a.height).toBeLessThanOrEqual(b.y + b.height + 0.5);
    };
    const ring = page.getByRole('region', { name: 'Completion ring' });
    const graph = page.getByRole('region', { name: 'Atom graph' });
    await inside(page.getByTestId('engine-status'), null);
    await inside(page.getByTestId('run-status'), null);
    await inside(ring.locator('.cr-counts'), ring);
    await inside(ring.locator('.cr-legend'), ring);
    for (const name of ['Add atom', 'Undo', 'Redo']) await inside(graph.getByRole('button', { name }), graph);
    await inside(graph.locator('.atom-legend'), graph);
    await page.screenshot({ path: `${DIR}/page-${width}x${height}.png` });
  });
}
