// UI figures for issue #4 §9: step latency, ring frame times under load,
// jumping back 100,000 events, first paint of the graph, initial JS size.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import LZString from 'lz-string';
import { crc32Hex } from '../../src/ui/share/crc32.ts';

function report(name: string, value: string) {
  console.log(`${name.padEnd(62)} ${value}`);
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;

async function ready(page: Page) {
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('event-count')).toBeVisible();
}

async function runToEnd(page: Page) {
  await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 240_000 });
}

test('ui bench', async ({ page }) => {
  console.log('\nSyslet Playground UI bench (Chromium, 1440x900, production build)\n');

  // Initial JS without the Monaco chunk: index.html's scripts and their modulepreloads.
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (f: string) => gzipSync(readFileSync(`dist/${f}`)).length;
  const initialGz = initial.reduce((n, f) => n + gz(f), 0);
  const monaco = readdirSync('dist/assets').filter((f) => /^MonacoEditor.*\.js$/.test(f));
  report('initial JS (gzip), without the Monaco chunk', `${(initialGz / 1024).toFixed(1)} KB (${initial.join(', ')})`);
  report('Monaco chunk (gzip, loaded lazily)', `${(monaco.reduce((n, f) => n + gz(`assets/${f}`), 0) / 1024).toFixed(1)} KB`);

  // A page-side helper: runs `act`, resolves with the ms until `el`'s text changes.
  await page.addInitScript(() => {
    (window as unknown as { __timeChange: (el: Element, act: () => void) => Promise<number> }).__timeChange = (el, act) =>
      new Promise((res) => {
        const before = el.textContent;
        const t0 = performance.now();
        const mo = new MutationObserver(() => {
          if (el.textContent !== before) {
            mo.disconnect();
            res(performance.now() - t0);
          }
        });
        mo.observe(el, { childList: true, subtree: true, characterData: true });
        act();
      });
  });

  // First paint of the example graph after navigation.
  await page.addInitScript(() => {
    const w = window as unknown as { __graphAt?: number };
    new MutationObserver((_, mo) => {
      if (document.querySelector('.react-flow__node')) {
        w.__graphAt = performance.now();
        mo.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  });
  const firstPaint: number[] = [];
  for (let i = 0; i < 5; i++) {
    await page.goto('/?example=read-loop');
    await page.waitForFunction(() => (window as unknown as { __graphAt?: number }).__graphAt !== undefined, null, { timeout: 30_000 });
    firstPaint.push(await page.evaluate(() => (window as unknown as { __graphAt: number }).__graphAt));
  }
  report('first paint of the example graph after navigation (median of 5)', ms(pct(firstPaint, 50)));

  // Step click to updated DOM.
  await page.goto('/?example=fio-batch');
  await ready(page);
  const steps = await page.evaluate(async () => {
    const btn = document.querySelector<HTMLButtonElement>('button[aria-label="Step"]')!;
    const count = document.querySelector('[data-testid="event-count"]')!;
    const dom: number[] = [];
    const frame: number[] = [];
    const timeChange = (window as unknown as { __timeChange: (el: Element, act: () => void) => Promise<number> }).__timeChange;
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      dom.push(await timeChange(count, () => btn.click()));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      frame.push(performance.now() - t0);
    }
    return { dom, frame };
  });
  report('Step click to updated DOM (median / p95 of 40)', `${ms(pct(steps.dom, 50))} / ${ms(pct(steps.dom, 95))}`);
  report('Step click to the next painted frame (median / p95)', `${ms(pct(steps.frame, 50))} / ${ms(pct(steps.frame, 95))}`);

  // Ring view frame times while the stress example runs at full speed: a first run (the
  // page's code still warming up in the JIT) and a second one after Reset.
  await page.goto('/?example=stress');
  await ready(page);
  // The page has finished loading (the editor is lazy): only the run is measured.
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await page.waitForTimeout(500);
  for (const which of ['first run', 'second run']) {
    if (which === 'second run') {
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await page.waitForTimeout(300);
    }
    // Frames are timed from the one that shows "running" to the one that shows "done"; the
    // frame after that draws every pane once with the final state, and is reported on its own.
    // All of it happens in the page, so no DevTools round trips (Playwright's polling) land
    // in the frames being measured.
    await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
    const { frames, after } = await page.evaluate(
      () =>
        new Promise<{ frames: number[]; after: number }>((resolve) => {
          const frames: number[] = [];
          const status = document.querySelector('[data-testid="run-status"]')!;
          let phase: 'wait' | 'run' | 'after' = 'wait';
          let last = 0;
          const tick = (t: number) => {
            const now = status.textContent;
            if (phase === 'wait' && now === 'running') phase = 'run';
            else if (phase === 'run') {
              frames.push(t - last);
              if (now === 'done') phase = 'after';
            } else if (phase === 'after') return resolve({ frames, after: t - last });
            last = t;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          document.querySelector<HTMLButtonElement>('button[aria-label="Run"]')!.click();
        }),
    );
    const events = await page.getByTestId('event-count').textContent();
    report(`frame time, "stress" at max speed, ${which} (p50 / p95 of ${frames.length})`, `${ms(pct(frames, 50))} / ${ms(pct(frames, 95))}  [${events}]`);
    console.log(`  (every frame while it runs, ms: ${frames.map((f) => f.toFixed(0)).join(' ')}; the frame after, drawing every pane: ${after.toFixed(0)})`);
  }

  // Jump back 100,000 events: a longer stress run, then the scrubber.
  const text = readFileSync('src/ui/examples/stress.syslet', 'utf8').replace('var total = 3000', 'var total = 6000');
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
  await page.waitForTimeout(600);
  await runToEnd(page);
  const jumps = await page.evaluate(async () => {
    const range = document.querySelector<HTMLInputElement>('input[aria-label="Timeline: event number"]')!;
    const count = document.querySelector('[data-testid="event-count"]')!;
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
    const out: number[] = [];
    const end = Number(range.max);
    const timeChange = (window as unknown as { __timeChange: (el: Element, act: () => void) => Promise<number> }).__timeChange;
    for (const target of [end - 100_000, end, end - 100_000, end, end - 100_000]) {
      out.push(
        await timeChange(count, () => {
          setter.call(range, String(target));
          range.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      );
    }
    return { out, end };
  });
  report(`jump back 100,000 events of ${jumps.end.toLocaleString('en')} (each of 3 jumps)`, [0, 2, 4].map((i) => ms(jumps.out[i])).join(', '));
  report('jump forward 100,000 events again (each of 2)', [1, 3].map((i) => ms(jumps.out[i])).join(', '));
});

// Step latency with Inspector → Trace open on a full trace (16,384 records held, each Step adding
// one): the grid draws only the rows in view, so a Step should cost about what it costs with the
// Memory tab open.
test('trace view bench', async ({ page }) => {
  console.log('\nInspector → Trace (Chromium, 1440x900, production build)\n');
  await page.addInitScript(() => {
    (window as unknown as { __timeChange: (el: Element, act: () => void) => Promise<number> }).__timeChange = (el, act) =>
      new Promise((res) => {
        const before = el.textContent;
        const t0 = performance.now();
        const mo = new MutationObserver(() => {
          if (el.textContent !== before) {
            mo.disconnect();
            res(performance.now() - t0);
          }
        });
        mo.observe(el, { childList: true, subtree: true, characterData: true });
        act();
      });
  });
  // One syslet of 40,000 atoms (a umem_add counting down), opened by a link at event 30,000: the
  // trace holds its newest 16,384 records, and every Step runs a new event, adding a record.
  const text = 'ring 4\nvar n = 40000\nvar pn = &n\nvar minus = -1\natom dec = umem_add(&pn, &minus) flags SYSLET_STOP_ON_ZERO next dec\nvar done = async_exec(dec)\n';
  const payload = LZString.compressToEncodedURIComponent(JSON.stringify({ inspectorTab: 'trace', event: 30_000, text }));
  await page.goto(`/#code/v1.${crc32Hex(payload)}.${payload}`);
  await ready(page);
  await expect(page.getByTestId('event-count')).toContainText('event 30,000 /');
  for (const tab of ['Trace', 'Memory']) {
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(300);
    const steps = await page.evaluate(async () => {
      const btn = document.querySelector<HTMLButtonElement>('button[aria-label="Step"]')!;
      const count = document.querySelector('[data-testid="event-count"]')!;
      const timeChange = (window as unknown as { __timeChange: (el: Element, act: () => void) => Promise<number> }).__timeChange;
      const dom: number[] = [];
      const frame: number[] = [];
      for (let i = 0; i < 40; i++) {
        const t0 = performance.now();
        dom.push(await timeChange(count, () => btn.click()));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        frame.push(performance.now() - t0);
      }
      return { dom, frame, rows: document.querySelectorAll('.trace-row[data-event]').length };
    });
    report(`Step click to updated DOM, ${tab} tab open (median / p95 of 40)`, `${ms(pct(steps.dom, 50))} / ${ms(pct(steps.dom, 95))}`);
    report(`Step click to the next painted frame, ${tab} tab open (median / p95)`, `${ms(pct(steps.frame, 50))} / ${ms(pct(steps.frame, 95))}`);
    if (tab === 'Trace') report('trace rows in the DOM (of 16,384 held)', String(steps.rows));
  }

  // Frame times while "stress" runs at speed max, with the Memory tab open or the Trace tab open:
  // its full snapshots (every 2 s at max) also read the records written since the last one.
  // Each on a fresh page: the first run of a program is the one that decodes its records.
  for (const tab of ['Memory', 'Trace', 'Memory', 'Trace']) {
    await page.goto('/?example=stress');
    await ready(page);
    await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
    await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
    await page.getByRole('tab', { name: tab }).click();
    await page.waitForTimeout(500);
    const frames = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const out: number[] = [];
          const status = document.querySelector('[data-testid="run-status"]')!;
          let phase: 'wait' | 'run' = 'wait';
          let last = 0;
          const tick = (t: number) => {
            const now = status.textContent;
            if (phase === 'wait' && now === 'running') phase = 'run';
            else if (phase === 'run') {
              out.push(t - last);
              if (now === 'done') return resolve(out);
            }
            last = t;
            requestAnimationFrame(tick);
          };
          requestAnimationFrame(tick);
          document.querySelector<HTMLButtonElement>('button[aria-label="Run"]')!.click();
        }),
    );
    report(`frame time, "stress" at max speed, ${tab} tab open (p50 / p95 of ${frames.length})`, `${ms(pct(frames, 50))} / ${ms(pct(frames, 95))}`);
    console.log(`  (every frame while it runs, ms: ${frames.map((f) => f.toFixed(0)).join(' ')})`);
  }
});
