// A phone (390×844): a read-only viewer, one pane at a time with tabs, the playback controls
// and the narration always on the screen, touch targets of 44 px, nothing wider than the screen.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

const W = 390;

/** Elements reaching past the screen's right edge that nothing clips (an ancestor with overflow or paint containment inside the screen). */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('body *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || r.right <= width + 0.5) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden') continue;
      let clipped = false;
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
        const s = getComputedStyle(a);
        const clips = s.overflowX !== 'visible' || /paint|strict|content/.test(s.contain);
        if (clips && a.getBoundingClientRect().right <= width + 0.5) {
          clipped = true;
          break;
        }
      }
      if (!clipped) out.push(`${el.tagName.toLowerCase()}.${String(el.className).slice(0, 40)} right=${Math.round(r.right)}`);
    }
    return out;
  }, W);
}

/** Visible controls smaller than 44 × 44 px (Monaco's own input area excluded). */
async function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    for (const el of document.querySelectorAll<HTMLElement>('button, select, input, a[href], [role="tab"], [role="option"], [role="separator"][tabindex]')) {
      if (el.closest('.monaco-editor') || el.closest('[hidden]')) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (r.width < 43.5 || r.height < 43.5) out.push(`${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}" ${Math.round(r.width)}×${Math.round(r.height)}`);
    }
    return out;
  });
}

test('the phone viewer: tabs, controls and narration in reach, nothing wider than the screen, 44 px targets', async ({ page }) => {
  await page.goto('/?example=full-ring');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  const tabs = page.getByRole('tablist', { name: 'Panes' });
  await expect(tabs.getByRole('tab', { name: 'Ring' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: 'Completion ring', exact: true })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Editor', exact: true })).toBeHidden();
  // Step a few events with the touch-sized controls.
  for (let i = 1; i <= 3; i++) {
    await page.getByRole('button', { name: 'Step', exact: true }).tap();
    await expect(page.getByTestId('event-count')).toContainText(`event ${i} /`);
  }
  mkdirSync('test-results/screenshots', { recursive: true });
  await page.screenshot({ path: 'test-results/screenshots/phone-390x844.png' });

  for (const [tab, check] of [
    ['Ring', page.getByRole('region', { name: 'Completion ring', exact: true })],
    ['Threads', page.getByRole('region', { name: 'Threads', exact: true })],
    ['Graph', page.getByRole('region', { name: 'Atom graph', exact: true })],
    ['Console', page.getByRole('region', { name: 'Console', exact: true })],
    ['Inspect', page.getByRole('tablist', { name: 'Inspector' })],
    ['Code', page.getByRole('region', { name: 'Editor', exact: true })],
  ] as const) {
    await tabs.getByRole('tab', { name: tab }).tap();
    await expect(check).toBeVisible();
    expect(await page.evaluate(() => document.documentElement.scrollWidth), tab).toBeLessThanOrEqual(W);
    expect(await overflowing(page), tab).toEqual([]);
    expect(await smallTargets(page), tab).toEqual([]);
    // The narration and the controls stay on the screen.
    for (const box of [await page.getByTestId('narration-bar').boundingBox(), await page.getByRole('button', { name: 'Step', exact: true }).boundingBox()]) {
      expect(box!.y, tab).toBeGreaterThanOrEqual(0);
      expect(box!.y + box!.height, tab).toBeLessThanOrEqual(844);
    }
  }
  // A viewer: the text is read-only and the graph offers no edits.
  await expect(page.getByRole('region', { name: 'Editor', exact: true })).toContainText('read-only');
  await page.screenshot({ path: 'test-results/screenshots/phone-code-390x844.png' });
  await tabs.getByRole('tab', { name: 'Graph' }).tap();
  await expect(page.getByRole('button', { name: 'Add atom' })).toBeHidden();
  await page.screenshot({ path: 'test-results/screenshots/phone-graph-390x844.png' });
  // The tabs by keyboard.
  await tabs.getByRole('tab', { name: 'Graph' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(tabs.getByRole('tab', { name: 'Console' })).toHaveAttribute('aria-selected', 'true');
  await expect(tabs.getByRole('tab', { name: 'Console' })).toBeFocused();
});
