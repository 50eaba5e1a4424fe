// What the editor offers: its floating widgets are whole even at the Program pane's
// bottom, signature help, completion after `&`, the problems list, Run refused while
// the text has errors, Shift+F10, and long atom lines readable at 1440x900.
import { readFileSync, readdirSync, mkdirSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const SHOTS = 'test-results/screenshots';

function editorOf(page: Page) {
  return page.getByRole('region', { name: 'Editor' });
}

async function open(page: Page, example: string): Promise<void> {
  await page.goto(`/?example=${example}`);
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
  // Monaco loads in its own chunk after first paint: slow on a busy machine.
  await expect(editorOf(page).locator('.view-lines')).toBeVisible({ timeout: 30_000 });
}

/** The last line shown whole at the bottom of the editor: its box in page coordinates and its text. */
async function lastVisibleLine(page: Page) {
  const editor = editorOf(page).locator('.monaco-editor');
  const box = (await editor.boundingBox())!;
  const lines = await editor.locator('.view-line').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, text: e.textContent ?? '' };
    }),
  );
  const line = lines.filter((l) => l.bottom <= box.y + box.height && l.text.trim()).sort((a, b) => b.top - a.top)[0];
  expect(line.bottom, 'a line near the pane’s bottom').toBeGreaterThan(box.y + box.height - 60);
  return { ...line, left: box.x, editorBottom: box.y + box.height };
}

/** The element is inside the viewport and nothing covers or clips it: hit tests at its centre and corners land in it. */
async function expectWhole(widget: Locator): Promise<void> {
  const viewport = widget.page().viewportSize()!;
  const box = (await widget.boundingBox())!;
  expect(box.width).toBeGreaterThan(20);
  expect(box.height).toBeGreaterThan(10);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height).toBeLessThanOrEqual(viewport.height);
  const hits = await widget.evaluate((el) => {
    const r = el.getBoundingClientRect();
    const root = el.getRootNode() as Document | ShadowRoot;
    const points: [number, number][] = [
      [r.left + r.width / 2, r.top + r.height / 2],
      [r.left + 5, r.top + 5],
      [r.right - 5, r.top + 5],
      [r.left + 5, r.bottom - 5],
      [r.right - 5, r.bottom - 5],
    ];
    return points.map(([x, y]) => el.contains(root.elementFromPoint(x, y)));
  });
  expect(hits, 'hit tests at the centre and the four corners').toEqual([true, true, true, true, true]);
}

test('completion at the pane’s bottom is whole, outside the pane, in both themes', async ({ page }) => {
  await open(page, 'fio-batch');
  const line = await lastVisibleLine(page);
  await page.mouse.click(line.left + 200, line.top + 5);
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  const widgets = page.getByTestId('editor-widgets');
  const suggest = widgets.locator('.suggest-widget');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggest).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expect(suggest).toContainText('bufp'); // the program's names come first
  await expectWhole(suggest);
  // Themed like the editor: the dark theme's widget background, then the light one's.
  const dark = await suggest.evaluate((el) => getComputedStyle(el).backgroundColor);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/editor-suggest-bottom.png` });
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Light theme' }).click();
  await expect(widgets).toHaveClass(/\bvs\b/);
  await page.mouse.click(line.left + 200, line.top + 5);
  await page.keyboard.press('End');
  await page.keyboard.type(' ');
  await expect(async () => {
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Space');
    await expect(suggest).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  const light = await suggest.evaluate((el) => getComputedStyle(el).backgroundColor);
  expect(light).not.toBe(dark);
  expect(light).not.toBe('rgba(0, 0, 0, 0)');
  await expectWhole(suggest);
  await page.screenshot({ path: `${SHOTS}/editor-suggest-bottom-light.png` });
});

test('hover docs at the pane’s bottom are whole', async ({ page }) => {
  await open(page, 'fio-batch');
  const line = await lastVisibleLine(page);
  expect(line.text.replace(/\s/g, ' ')).toMatch(/^var /);
  const hover = page.getByTestId('editor-widgets').locator('.monaco-resizable-hover').filter({ hasText: 'declares a 4-byte word' });
  // Over the keyword `var` at the line's start (the gutter is about 50 px wide).
  await expect(async () => {
    await page.mouse.move(line.left + 60, line.top + 8);
    await page.mouse.move(line.left + 64, line.top + 10);
    await expect(hover).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await expectWhole(hover);
  await page.screenshot({ path: `${SHOTS}/editor-hover-bottom.png` });
});

test('the problem peek (F8) at the pane’s bottom is whole', async ({ page }) => {
  await open(page, 'fio-batch');
  const line = await lastVisibleLine(page);
  await page.mouse.click(line.left + 200, line.top + 5);
  await page.keyboard.press('End');
  await page.keyboard.type(' +');
  const editor = editorOf(page);
  await expect(editor.locator('.squiggly-error')).toHaveCount(1);
  await page.keyboard.press('F8');
  const peek = editor.locator('.marker-widget');
  await expect(peek).toContainText('expected an expression');
  const box = (await peek.boundingBox())!;
  const pane = (await editor.locator('.monaco-editor').boundingBox())!;
  expect(box.y + box.height).toBeLessThanOrEqual(pane.y + pane.height + 0.5);
  await expectWhole(peek);
  await page.screenshot({ path: `${SHOTS}/editor-peek-bottom.png` });
});

test('Shift+F10 in the editor steps back only; right-click opens a whole context menu', async ({ page }) => {
  await open(page, 'fio-batch');
  const count = page.getByTestId('event-count');
  for (let i = 0; i < 2; i++) await page.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(count).toContainText('event 2 /');
  const line = await lastVisibleLine(page);
  await page.mouse.click(line.left + 200, line.top + 5);
  await page.keyboard.press('Shift+F10');
  await expect(count).toContainText('event 1 /');
  await expect(page.locator('.monaco-menu')).toHaveCount(0);
  await page.mouse.click(line.left + 200, line.top + 5, { button: 'right' });
  const menu = page.locator('.monaco-menu');
  await expect(menu.getByRole('menuitem', { name: /Copy/ })).toBeVisible();
  await expectWhole(menu);
  // Themed: the menu or a box around it has Monaco's menu background (it was transparent).
  const bg = await menu.evaluate((el) => {
    for (let e: Element | null = el; e; e = e.parentElement) {
      const c = getComputedStyle(e).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)') return c;
    }
    return 'none';
  });
  expect(bg).toMatch(/^rgb/);
  await page.screenshot({ path: `${SHOTS}/editor-context-menu.png` });
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(count).toContainText('event 1 /');
});

test('signature help inside an atom’s call and a driver call', async ({ page }) => {
  await open(page, 'hello');
  await editorOf(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\natom w2 = pread64(');
  const hints = page.getByTestId('editor-widgets').locator('.parameter-hints-widget');
  await expect(hints).toContainText('pread64(fd, buf, count, off_lo, off_hi)');
  await expect(hints.locator('.parameter.active')).toHaveText('fd');
  await page.keyboard.press('Escape'); // the suggestion list, if open
  await page.keyboard.type('&fd_out, &buf, ');
  await expect(hints.locator('.parameter.active')).toHaveText('count');
  await expectWhole(hints);
  await page.screenshot({ path: `${SHOTS}/editor-signature.png` });
  await page.keyboard.press('End');
  await page.keyboard.type('\nasync_wait(');
  await expect(hints).toContainText('async_wait(min_events)');
  await expect(hints.locator('.parameter.active')).toHaveText('min_events');
});

test('right after & the completion lists the vars an atom can point at', async ({ page }) => {
  await open(page, 'hello');
  await editorOf(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\natom w2 = write(&');
  const suggest = page.getByTestId('editor-widgets').locator('.suggest-widget');
  await expect(suggest).toBeVisible();
  for (const name of ['fd_out', 'buf', 'size', 'done']) await expect(suggest).toContainText(name);
  await expect(suggest).not.toContainText('SYSLET_ASYNC');
  await expect(suggest).not.toContainText('hello'); // an atom: not an atom argument
  await page.keyboard.press('Enter'); // the first, in alphabetical order
  // The var went in right after the `&` (whether Monaco auto-closed the parenthesis depends on typing speed).
  await expect(editorOf(page).locator('.view-lines')).toContainText('atom w2 = write(&buf');
  await expect(editorOf(page).locator('.view-lines')).not.toContainText('write(&&');
});

test('the problems list: every diagnostic with line:column, choosing one goes there', async ({ page }) => {
  await open(page, 'hello');
  const problems = page.getByRole('group', { name: 'Problems' });
  await expect(problems).toHaveText('No problems');
  await editorOf(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\nbogus\natom w2 = write(&fd_out) flags SYSLET_ASYNC | SYSLET_ASYNC');
  const items = problems.getByRole('button');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toHaveText(/^Error23:1this expression does nothing/);
  await expect(items.nth(1)).toHaveText(/^Error23:1`bogus` is not declared/);
  await expect(items.nth(2)).toHaveText('Warning24:47`SYSLET_ASYNC` is given twice');
  await items.nth(1).click();
  await page.keyboard.type('X');
  await expect(editorOf(page).locator('.view-lines')).toContainText('Xbogus');
  // By keyboard too.
  await items.nth(2).focus();
  await page.keyboard.press('Enter');
  await page.keyboard.type('Y');
  await expect(editorOf(page).locator('.view-lines')).not.toContainText('atom w2 = write(&fd_out) flags SYSLET_ASYNC | SYSLET_ASYNC');
});

test('Run and Step refuse a text with errors and point at the first one', async ({ page }) => {
  await open(page, 'hello');
  const count = page.getByTestId('event-count');
  await editorOf(page).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+Home');
  await page.keyboard.type('reap(1)\nvar x = \n');
  // Run at once, before the typing pause: the refusal judges the text on the screen.
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Fix line 1:1 first: `reap` takes no arguments');
  await expect(count).toContainText('event 0 /');
  // The cursor went to the error.
  await page.keyboard.type('#');
  await expect(editorOf(page).locator('.view-lines')).toContainText('#reap(1)');
  await page.keyboard.press('F10');
  await expect(notice).toContainText('Fix line 2:9 first: expected an expression');
  await expect(count).toContainText('event 0 /');
  await page.keyboard.type('1');
  await expect(notice).toHaveCount(0);
  await page.keyboard.press('F5');
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 20_000 });
  await expect(page.getByRole('region', { name: 'Console' })).toContainText('Hello Syslet World!');
});

test('every example’s atom lines are whole in the Program pane at 1440x900', async ({ page }) => {
  test.setTimeout(300_000);
  const examples = readdirSync('src/ui/examples').filter((f) => f.endsWith('.syslet'));
  expect(examples.length).toBeGreaterThanOrEqual(9);
  for (const file of examples) {
    const name = file.replace(/\.syslet$/, '');
    const atoms = readFileSync(`src/ui/examples/${file}`, 'utf8').split('\n').filter((l) => l.startsWith('atom '));
    await open(page, name);
    const editor = editorOf(page).locator('.monaco-editor');
    await editor.hover();
    const seen = new Set<string>();
    for (let step = 0; step < 40; step++) {
      const view = await editor.evaluate((el) => {
        const guard = el.querySelector('.overflow-guard')!.getBoundingClientRect();
        const bar = el.querySelector<HTMLElement>('.scrollbar.vertical');
        const slider = bar?.querySelector<HTMLElement>('.slider');
        const lines = [...el.querySelectorAll('.view-line')].map((line) => {
          const range = document.createRange();
          range.selectNodeContents(line);
          return { top: line.getBoundingClientRect().top, text: (line.textContent ?? '').replace(/\s/g, ' '), right: range.getBoundingClientRect().right };
        });
        lines.sort((a, b) => a.top - b.top);
        return {
          right: guard.right - (bar?.getBoundingClientRect().width ?? 0),
          lines,
          scrollTop: el.querySelector<HTMLElement>('.lines-content')!.style.top,
          atEnd: !slider || slider.offsetTop + slider.offsetHeight >= bar!.clientHeight - 1,
        };
      });
      for (const l of view.lines) expect(l.right, `${name}: "${l.text}" runs past the pane`).toBeLessThanOrEqual(view.right + 0.5);
      // A wrapped line goes on in the next view lines: joined, they give the whole atom line.
      const joined = view.lines.map((l) => l.text.trim()).join('\n').replace(/\n(?!atom )/g, ' ');
      for (const atom of atoms) if (joined.includes(atom)) seen.add(atom);
      if (view.atEnd) break;
      // A third less than the view's height: every line is seen whole in some view.
      await page.mouse.wheel(0, 240);
      await expect.poll(() => editor.evaluate((el) => el.querySelector<HTMLElement>('.lines-content')!.style.top)).not.toBe(view.scrollTop);
    }
    expect([...seen].sort(), `${name}: atom lines shown whole`).toEqual([...atoms].sort());
    if (name === 'read-loop') await editorOf(page).screenshot({ path: `${SHOTS}/editor-atom-lines-read-loop.png` });
  }
});
