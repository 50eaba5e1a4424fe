// Issue #11 §3 "big programs stay responsive": figures for a program of 1,000 and 3,800
// chained atoms (e2e/big-program.ts). Prints numbers; asserts nothing about time.
import { test, expect, type Page } from '@playwright/test';
import { atomLine, bigProgram } from '../big-program.ts';

function report(name: string, value: string) {
  console.log(`${name.padEnd(66)} ${value}`);
}
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const ms = (x: number) => `${x.toFixed(1)} ms`;
const triple = (xs: number[]) => `${ms(pct(xs, 50))} / ${ms(pct(xs, 95))} / ${ms(Math.max(...xs))}`;

interface BigWindow {
  __longTasks: { start: number; duration: number }[];
  __graphAt?: number;
  __keys: number[];
}

/** Long tasks (≥ 50 ms on the main thread), as the browser reports them. */
async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as BigWindow;
    w.__longTasks = [];
    w.__keys = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
}

/** Waits until no long task has started for `quietMs`; returns the busy time (sum of long tasks) since `from`, and the longest. */
async function busySince(page: Page, from: number, quietMs = 1500) {
  return page.evaluate(
    ({ from, quietMs }) =>
      new Promise<{ busy: number; longest: number; until: number }>((resolve) => {
        const w = window as unknown as BigWindow;
        const check = () => {
          const tasks = w.__longTasks.filter((t) => t.start >= from - 1);
          const lastEnd = tasks.reduce((m, t) => Math.max(m, t.start + t.duration), from);
          if (performance.now() - lastEnd >= quietMs) {
            resolve({ busy: tasks.reduce((n, t) => n + t.duration, 0), longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0), until: lastEnd - from });
          } else setTimeout(check, 200);
        };
        setTimeout(check, 200);
      }),
    { from, quietMs },
  );
}

async function open(page: Page) {
  await page.goto('/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible();
  await page.waitForTimeout(800);
}

/** Pastes the program over the editor's text (Ctrl+V); resolves with ms from the paste to the graph pane showing its atom count. */
async function paste(page: Page, text: string, atoms: number): Promise<{ graph: number; t0: number }> {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.evaluate((t) => navigator.clipboard.writeText(t), text);
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+A');
  const label = `${atoms.toLocaleString('en-US')} atoms`;
  const t0 = await page.evaluate((label) => {
    const w = window as unknown as BigWindow;
    w.__graphAt = undefined;
    const mo = new MutationObserver(() => {
      const hint = document.querySelector('section[aria-label="Atom graph"] .pane-title .pane-hint');
      if (hint?.textContent === label && document.querySelector('section[aria-label="Atom graph"] .react-flow__node-atom')) {
        w.__graphAt = performance.now();
        mo.disconnect();
      }
    });
    mo.observe(document.body, { childList: true, subtree: true, characterData: true });
    return performance.now();
  }, label);
  await page.keyboard.press('ControlOrMeta+V');
  await page.waitForFunction(() => (window as unknown as BigWindow).__graphAt !== undefined, null, { timeout: 120_000, polling: 100 });
  const at = await page.evaluate(() => (window as unknown as BigWindow).__graphAt!);
  return { graph: at - t0, t0 };
}

/**
 * Types `chars` at the end of atom line `line`, one key every `gapMs`; each figure runs from the
 * key's input event (its timeStamp: queueing behind other work counts) to the first animation
 * frame after the editor's lines show the new text.
 */
async function typeKeys(page: Page, line: number, chars: string, gapMs: number): Promise<number[]> {
  await page.locator('.editor-pane .monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.evaluate(() => ((window as unknown as BigWindow).__keys = []));
  await page.evaluate(() => {
    const w = window as unknown as BigWindow & { __keysWatched?: boolean };
    // One listener for the page, however many series are typed (each would count every key again).
    if (w.__keysWatched) return;
    w.__keysWatched = true;
    const lines = document.querySelector('section[aria-label="Editor"] .view-lines')!;
    document.addEventListener(
      'keydown',
      (e) => {
        if (e.key.length !== 1) return;
        const at = e.timeStamp;
        const before = lines.textContent;
        const mo = new MutationObserver(() => {
          if (lines.textContent === before) return;
          mo.disconnect();
          requestAnimationFrame(() => w.__keys.push(performance.now() - at));
        });
        mo.observe(lines, { childList: true, subtree: true, characterData: true });
      },
      true,
    );
  });
  for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('End');
  await page.waitForTimeout(1500);
  for (const ch of chars) {
    await page.keyboard.type(ch);
    await page.waitForTimeout(gapMs);
  }
  await page.waitForTimeout(1500);
  return page.evaluate(() => (window as unknown as BigWindow).__keys);
}

/** rAF deltas from the frame that shows "running" to the one that shows "done". */
async function runFrames(page: Page, speed: string): Promise<{ frames: number[]; status: string }> {
  await page.locator('select[aria-label="Speed"]').selectOption(speed);
  await page.waitForTimeout(300);
  return page.evaluate(
    () =>
      new Promise<{ frames: number[]; status: string }>((resolve) => {
        const out: number[] = [];
        const status = document.querySelector('[data-testid="run-status"]')!;
        let phase: 'wait' | 'run' = 'wait';
        let last = 0;
        const started = performance.now();
        const tick = (t: number) => {
          const now = status.textContent ?? '';
          if (t - started > 120_000) return resolve({ frames: out, status: `still "${now}" after 120 s` });
          if (phase === 'wait' && now === 'running') phase = 'run';
          else if (phase === 'run') {
            out.push(t - last);
            // Done, or stopped for another reason (a failure, the call budget): the figure says which.
            if (now !== 'running') return resolve({ frames: out, status: now });
          }
          last = t;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
        document.querySelector<HTMLButtonElement>('button[aria-label="Run"]')!.click();
      }),
  );
}

for (const atoms of [1000, 3800]) {
  test(`big program: ${atoms} atoms`, async ({ page }) => {
    const text = bigProgram(atoms);
    console.log(`\nA program of ${atoms.toLocaleString('en-US')} chained atoms (${(text.length / 1024).toFixed(0)} KB; Chromium, 1440x900, production build)\n`);
    await watchLongTasks(page);
    await open(page);

    const { graph, t0 } = await paste(page, text, atoms);
    report(`[${atoms}] paste -> graph shown`, ms(graph));
    const busy = await busySince(page, t0);
    report(`[${atoms}] main thread after paste: long tasks sum / longest / last ends`, `${ms(busy.busy)} / ${ms(busy.longest)} / ${ms(busy.until)}`);

    // Typing a comment at the end of the middle atom's line: the program stays valid, so each
    // pause in typing (300 ms here, longer than the editor's 250 ms typing pause) re-judges it.
    const keys = await typeKeys(page, atomLine(Math.floor(atoms / 2)), ' # typed in the middle here, a key every 300 ms', 300);
    report(`[${atoms}] keystroke -> editor shows it (median / p95 / max of ${keys.length})`, triple(keys));
    const fast = await typeKeys(page, atomLine(Math.floor(atoms / 2) + 1), ' # and typed fast, 60 ms', 60);
    report(`[${atoms}] keystroke at 60 ms apart (median / p95 / max of ${fast.length})`, triple(fast));
    // A new line typed key by key: the text has errors until the line is complete, so each pause
    // judges a text with errors (the graph shows the atoms that parse, the problems list the error).
    const broken = await typeKeys(page, atomLine(Math.floor(atoms / 2) + 2), '\nvar typed_in_the_middle = 1234', 300);
    report(`[${atoms}] keystroke, a new line with errors until it ends (median / p95 / max of ${broken.length})`, triple(broken));
    await page.waitForTimeout(1000);

    // The run starts from the pasted program again (at 3,800 atoms the lines wrap in the pane, End
    // stops at the wrap, and the comment typed there cuts a `next` short: an error, so no run).
    await paste(page, text, atoms);
    await page.waitForTimeout(1500);
    for (const speed of ['512', 'Infinity']) {
      await page.locator('button[aria-label="Reset"]').click();
      await page.waitForTimeout(500);
      const { frames, status } = await runFrames(page, speed);
      const events = await page.getByTestId('event-count').textContent();
      if (frames.length === 0) {
        const why = await page.evaluate(() => document.querySelector('[role="alert"], .notice')?.textContent ?? '');
        report(`[${atoms}] run at ${speed === 'Infinity' ? 'max' : `${speed}/s`}`, `did not start: ${status} [${events}] ${why}`);
        continue;
      }
      report(`[${atoms}] frames while running at ${speed === 'Infinity' ? 'max' : `${speed}/s`} (p50 / p95 / max of ${frames.length})`, `${triple(frames)}  [${events}, ${status}]`);
      if (status === 'done') await expect(page.locator('.console-pane')).toContainText(`n = ${atoms}`);
    }
  });
}
