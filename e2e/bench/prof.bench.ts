import { test, expect } from '@playwright/test';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[]; hitCount?: number }
test('prof', async ({ page }) => {
  const mode = process.env.PROF ?? 'step';
  const ex = process.env.PROF_EX ?? 'fio-batch';
  await page.goto(`/?example=${ex}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await page.waitForTimeout(800);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  if (mode === 'ring') await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
  await cdp.send('Profiler.start');
  if (mode === 'step') {
    await page.evaluate(async () => {
      const btn = document.querySelector<HTMLButtonElement>('button[aria-label="Step"]')!;
      for (let i = 0; i < 60; i++) {
        btn.click();
        await new Promise((r) => requestIdleCallback(() => r(null), { timeout: 1000 }));
      }
    });
  } else {
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 60_000 });
    await page.waitForTimeout(300);
  }
  const { profile } = await cdp.send('Profiler.stop');
  const nodes = profile.nodes as unknown as Node[];
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const dt = (profile.endTime - profile.startTime) / 1000 / profile.samples!.length;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const n of nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const counts = new Map<number, number>();
  for (const s of profile.samples!) counts.set(s, (counts.get(s) ?? 0) + 1);
  const key = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  for (const [id, c] of counts) {
    const n = byId.get(id)!;
    self.set(key(n), (self.get(key(n)) ?? 0) + c * dt);
    const seen = new Set<string>();
    for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
      const k = key(byId.get(x)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + c * dt);
    }
  }
  console.log('SELF');
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);
  console.log('TOTAL (capitalised = components)');
  for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).filter(([k]) => /^[A-Z]/.test(k) || /take|publish|render|commit|snapshot/i.test(k)).slice(0, 50)) console.log(v.toFixed(1).padStart(8), k);
});
