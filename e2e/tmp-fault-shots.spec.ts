import { test, expect } from './fixtures.ts';

for (const [w, h] of (process.env.SHOTS === 'all' ? [[1440, 900], [1280, 720], [1024, 768]] : [[1440, 900]]) as [number, number][]) {
  test(`fault shots ${w}x${h}`, async ({ page }) => {
    test.setTimeout(180_000);
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?example=injected-faults');
    await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
    await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
    const bar = page.getByTestId('narration-bar');
    for (let i = 0; i < 60; i++) {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      const t = await bar.textContent();
      if (t && /blocked for 5\.000 ms/.test(t)) break;
    }
    await page.screenshot({ path: `test-results/screenshots/faults-step-${w}.png` });
    const graph = page.getByRole('region', { name: 'Atom graph' });
    await graph.getByTestId('atom-node-r2').dblclick();
    await expect(graph.getByRole('dialog', { name: 'Edit atom r2' })).toBeVisible();
    await page.screenshot({ path: `test-results/screenshots/faults-editor-${w}.png` });
    const dlg = graph.getByRole('dialog', { name: 'Edit atom r2' });
    await dlg.getByRole('group', { name: 'Fault injection' }).scrollIntoViewIfNeeded();
    await dlg.screenshot({ path: `test-results/screenshots/faults-editor-row-${w}.png` });
    await page.keyboard.press('Escape');
    for (let i = 0; i < 60; i++) {
      await page.getByRole('button', { name: 'Step', exact: true }).click();
      const t = await bar.textContent();
      if (t && /r4/.test(t) && /blocked/.test(t)) break;
    }
    await page.getByRole('tab', { name: 'Log' }).click();
    await page.screenshot({ path: `test-results/screenshots/faults-latency-${w}.png` });
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
    await page.getByRole('tab', { name: 'Files' }).click();
    await page.locator('.file[data-path="/usr/share/doc/syslet/chapter4.txt"]').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screenshots/faults-files-${w}.png` });
    await page.getByRole('tab', { name: 'Log' }).click();
    await page.screenshot({ path: `test-results/screenshots/faults-log-${w}.png` });
    await page.getByRole('button', { name: /Light theme|light/i }).first().click();
    await page.waitForTimeout(300);
    await page.screenshot({ path: `test-results/screenshots/faults-light-${w}.png` });
  });
}
