// UI figures for issue #4 §9 and issue #11 §4: initial JS size, first paint of
// the graph, jumping back 100,000 events (load bench); Step latency on two
// examples (step bench); the ring view's frame times while "stress" runs at max,
// with a Chromium trace of where each frame's main-thread time goes (ring bench).
// Each is its own test: `npx playwright test -c e2e/bench/playwright.bench.config.ts -g ring`.
import { test, expect, type Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import LZString from 'lz-string';
import { crc32Hex } from '../../src/ui/share/crc32.ts';
import { FrameTrace, MARK } from './frame-trace.ts';

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

/** A page-side helper: runs `act`, resolves with the ms until `el`'s text changes. */
async function installTimeChange(page: Page) {
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
}

interface TimedRun {
  /** Each frame's length while it runs (from the frame that shows "running" to the one that shows "done"). */
  readonly frames: number[];
  /** The frames' requestAnimationFrame timestamps (page clock), the first one included. */
  readonly times: number[];
  /** The five frames after "done" (the panes catching up). */
  readonly after: number[];
  /** performance.mark(MARK)'s startTime, made just before the run. */
  readonly mark: number;
}

/**
 * Clicks Run and times every frame in the page, so no DevTools round trips
 * (Playwright's polling) land in the frames being measured.
 */
async function timedRun(page: Page): Promise<TimedRun> {
  return page.evaluate(
    (mark) =>
      new Promise<TimedRun>((resolve) => {
        const frames: number[] = [];
        const times: number[] = [];
        const after: number[] = [];
        const status = document.querySelector('[data-testid="run-status"]')!;
        let phase: 'wait' | 'run' | 'after' = 'wait';
        let last = 0;
        const markAt = performance.mark(mark).startTime;
        const tick = (t: number) => {
          const now = status.textContent;
          if (phase === 'wait' && now === 'running') {
            phase = 'run';
            times.push(t);
          } else if (phase === 'run') {
            frames.push(t - last);
            times.push(t);
            if (now === 'done') phase = 'after';
          } else if (phase === 'after') {
            after.push(t - last);
            if (after.length === 5) return resolve({ frames, times, after, mark: markAt });
          }
          last = t;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        document.querySelector<HTMLButtonElement>('button[aria-label="Run"]')!.click();
      }),
    MARK,
  );
}

/** Clicks Step `n` times, each once the page is idle; times each click in the page. */
async function stepClicks(page: Page, n: number) {
  return page.evaluate(
    async ([mark, n]) => {
      const btn = document.querySelector<HTMLButtonElement>('button[aria-label="Step"]')!;
      const count = document.querySelector('[data-testid="event-count"]')!;
      const timeChange = (window as unknown as { __timeChange: (el: Element, act: () => void) => Promise<number> }).__timeChange;
      const dom: number[] = [];
      const frame: number[] = [];
      const idle: number[] = [];
      const clicks: number[] = [];
      const markAt = performance.mark(mark).startTime;
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        clicks.push(t0);
        dom.push(await timeChange(count, () => btn.click()));
        await new Promise((r) => requestAnimationFrame(() => r(null)));
        frame.push(performance.now() - t0);
        // The page is idle once a frame has passed and nothing else is queued: every pane drawn.
        await new Promise((r) => requestAnimationFrame(() => requestIdleCallback(() => r(null), { timeout: 1000 })));
        idle.push(performance.now() - t0);
      }
      clicks.push(performance.now());
      return { dom, frame, idle, clicks, markAt };
    },
    [MARK, n] as const,
  );
}

// Step click to updated DOM, 100 clicks on each of two examples, then 30 under a Chromium trace. Each click
// waits for the page to go idle after the one before (a person clicks Step a few times a second at
// most): a frame, then an idle callback.
test('step bench', async ({ page }) => {
  console.log('\nStep (Chromium, 1440x900, production build)\n');
  await installTimeChange(page);
  for (const example of ['fio-batch', 'stress']) {
    await page.goto(`/?example=${example}`);
    await ready(page);
    await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
    await page.waitForTimeout(500);
    const steps = await stepClicks(page, 100);
    const events = await page.getByTestId('event-count').textContent();
    report(`Step click to updated DOM, ${example} (median / p95 / max of 100)`, `${ms(pct(steps.dom, 50))} / ${ms(pct(steps.dom, 95))} / ${ms(Math.max(...steps.dom))}  [${events}]`);
    report(`Step click to the next painted frame, ${example} (median / p95)`, `${ms(pct(steps.frame, 50))} / ${ms(pct(steps.frame, 95))}`);
    report(`Step click to the main thread idle, ${example} (median / p95)`, `${ms(pct(steps.idle, 50))} / ${ms(pct(steps.idle, 95))}`);
    // 30 more under a Chromium trace (tracing costs time of its own): where a Step's time goes.
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await page.waitForTimeout(300);
    const trace = new FrameTrace();
    await trace.start(page);
    const traced = await stepClicks(page, 30);
    await trace.stop();
    console.log(`  (30 more Steps after Reset, traced; each "Step" below runs from one click to the next)`);
    for (const line of trace.summary(traced.clicks, traced.markAt, 'Step')) console.log(`  ${line}`);
  }
});

// The ring view's frame times while "stress" (66,004 events) runs at speed max: a warm-up run
// (the page's code still warming up in the JIT), three measured runs after Reset, then one more
// under a Chromium trace (tracing costs time of its own) to say where each frame's time goes.
test('ring bench', async ({ page }) => {
  console.log('\nRing view, "stress" at speed max (Chromium, 1440x900, production build, --disable-gpu)\n');
  await page.goto('/?example=stress');
  await ready(page);
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await page.getByLabel('Speed', { exact: true }).selectOption('Infinity');
  await page.waitForTimeout(500);
  const p95s: number[] = [];
  for (const which of ['warm-up', 'run 1', 'run 2', 'run 3', 'traced run']) {
    if (which !== 'warm-up') {
      await page.getByRole('button', { name: 'Reset', exact: true }).click();
      await page.waitForTimeout(500);
    }
    const trace = which === 'traced run' ? new FrameTrace() : null;
    if (trace) await trace.start(page);
    const run = await timedRun(page);
    if (trace) await trace.stop();
    const { frames, after } = run;
    const events = await page.getByTestId('event-count').textContent();
    const p95 = pct(frames, 95);
    if (which.startsWith('run ')) p95s.push(p95);
    report(`frame time, ${which} (p50 / p95 / max of ${frames.length})`, `${ms(pct(frames, 50))} / ${ms(p95)} / ${ms(Math.max(...frames))}  [${events}]`);
    console.log(`  (every frame while it runs, ms: ${frames.map((f) => f.toFixed(0)).join(' ')}; the 5 frames after "done": ${after.map((f) => f.toFixed(0)).join(' ')})`);
    if (trace) for (const line of trace.summary(run.times, run.mark)) console.log(`  ${line}`);
  }
  report('frame time p95 of the 3 measured runs (best / median / worst)', [...p95s].sort((a, b) => a - b).map(ms).join(' / '));
});

test('load bench', async ({ page }) => {
  console.log('\nSyslet Playground UI bench (Chromium, 1440x900, production build)\n');

  // Initial JS without the Monaco chunk: index.html's scripts and their modulepreloads.
  const html = readFileSync('dist/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\.\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const gz = (f: string) => gzipSync(readFileSync(`dist/${f}`)).length;
  const initialGz = initial.reduce((n, f) => n + gz(f), 0);
  const monaco = readdirSync('dist/assets').filter((f) => /^MonacoEditor.*\.js$/.test(f));
  report('initial JS (gzip), without the Monaco chunk', `${(initialGz / 1024).toFixed(1)} KB (${initial.join(', ')})`);
  report('Monaco chunk (gzip, loaded lazily)', `${(monaco.reduce((n, f) => n + gz(`assets/${f}`), 0) / 1024).toFixed(1)} KB`);

  await installTimeChange(page);

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

  // Jump back 100,000 events: a longer stress run, then the scrubber.
  await page.goto('/?example=stress');
  await ready(page);
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
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
  await installTimeChange(page);
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
