// Nothing lost, nothing bricked: failing panes, programs that crash the page,
// damaged links, work replaced by examples, two tabs.
import { test, expect } from './fixtures.ts';
import { shareLink } from './share-helpers.ts';
import type { Page } from '@playwright/test';

const viewLines = (page: Page) => page.locator('.monaco-editor .view-lines');

async function typeAtEnd(page: Page, text: string): Promise<void> {
  await expect(viewLines(page)).toContainText('ring', { timeout: 30_000 });
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(text);
}

/** The text saved for this tab (its newest history entry). */
const savedOfTab = (page: Page) =>
  page.evaluate(() => {
    const tab = sessionStorage.getItem('syslet-playground:tab');
    const list = JSON.parse(localStorage.getItem('syslet-playground:history') ?? '[]') as { id: string; time: number; text: string }[];
    return list.filter((e) => e.id.startsWith(tab + ':')).sort((a, b) => b.time - a.time)[0]?.text ?? null;
  });

async function runToDone(page: Page): Promise<void> {
  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 30_000 });
}

test('a pane that fails shows why, the rest keeps working, and Try again brings it back', async ({ page, guard }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('failed-once')) window.__sysletFailPanes = ['Atom graph'];
  });
  await page.goto('/');
  const failed = page.getByRole('alert', { name: 'Atom graph failed' });
  await expect(failed).toContainText('This pane failed: Atom graph was asked to fail');
  await expect(viewLines(page)).toContainText('Hello Syslet World', { timeout: 30_000 });
  await runToDone(page);
  await expect(page.getByTestId('console-output')).toContainText('Hello Syslet World!');
  await page.evaluate(() => {
    window.__sysletFailPanes = [];
    sessionStorage.setItem('failed-once', '1');
  });
  await failed.getByRole('button', { name: 'Try again' }).click();
  await expect(failed).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Atom graph', exact: true })).toBeVisible();
  // React reports the caught error to the console: that one, and only that one, is expected.
  const expected = guard.problems.filter((p) => p.includes('Atom graph was asked to fail'));
  expect(expected.length).toBeGreaterThan(0);
  guard.problems.splice(0, guard.problems.length, ...guard.problems.filter((p) => !expected.includes(p)));
});

test('a part loaded on first use that cannot be loaded says so, and the rest keeps working', async ({ page, guard }) => {
  await page.goto('/');
  await expect(viewLines(page)).toContainText('Hello Syslet World', { timeout: 30_000 });
  // The site changed under the open page (a new build): its later chunks are gone.
  await page.route(/\/assets\/(FilesView|HelpDialog|export-c)-[^/]*\.js$/, (route) => route.fulfill({ status: 404, body: '' }));
  await page.getByRole('tab', { name: 'Files' }).click();
  await expect(page.getByRole('alert', { name: 'Files failed' })).toContainText('This pane failed');
  await page.getByRole('tab', { name: 'Memory' }).click();
  await expect(page.getByRole('region', { name: 'Memory' })).toContainText('async_head_user');
  await page.getByRole('button', { name: 'Help', exact: true }).click();
  await expect(page.getByTestId('notice')).toContainText('Help could not be loaded');
  await expect(page.getByRole('dialog', { name: 'Help' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Share', exact: true }).click();
  await page.getByRole('listbox', { name: 'Share' }).getByRole('option', { name: /^Export C/ }).click();
  await expect(page.getByTestId('notice')).toContainText('The C exporter could not be loaded');
  // The rest still runs.
  await runToDone(page);
  await expect(page.getByTestId('console-output')).toContainText('Hello Syslet World!');
  // The browser reports each missing chunk and React each caught error: those are expected.
  const expected = guard.problems.filter((p) => /404|dynamically imported module|FilesView|HelpDialog|export-c/.test(p));
  expect(expected.length).toBeGreaterThan(0);
  guard.problems.splice(0, guard.problems.length, ...guard.problems.filter((p) => !expected.includes(p)));
});

test('a program that crashed the page last time is offered back, not loaded', async ({ page }) => {
  await page.goto('/');
  await expect(viewLines(page)).toContainText('Hello Syslet World', { timeout: 30_000 });
  // A page that crashed while loading left its marker set; leaving a page normally clears it
  // (pagehide), so the next start is another tab, with this one still open.
  await page.evaluate(() => {
    localStorage.setItem('syslet-playground:source', '# the program that crashed\nring 2\n');
    localStorage.setItem('syslet-playground:history', '[]');
    localStorage.setItem('syslet-playground:loading', '1');
  });
  const next = await page.context().newPage();
  await next.goto('/');
  const notice = next.getByTestId('notice');
  await expect(notice).toContainText('may have crashed the page last time');
  await expect(viewLines(next)).toContainText('Hello Syslet World', { timeout: 30_000 });
  await next.getByRole('button', { name: 'Recover' }).click();
  await expect(next.getByRole('listbox', { name: 'Recover' })).toContainText('# the program that crashed');
  await next.keyboard.press('Escape');
  await notice.getByRole('button', { name: 'Open it anyway' }).click();
  await expect(viewLines(next)).toContainText('# the program that crashed');
});

test('leaving a page while it loads, or another tab loading at the same moment, is not a crash', async ({ page }) => {
  await page.goto('/');
  await expect(viewLines(page)).toContainText('Hello Syslet World', { timeout: 30_000 });
  // This tab is left (a reload) while its marker is still set, as before it has drawn.
  await page.evaluate(() => {
    localStorage.setItem('syslet-playground:source', '# my own program\nring 2\n');
    const tab = sessionStorage.getItem('syslet-playground:tab');
    localStorage.setItem('syslet-playground:loading', JSON.stringify({ tab, at: Date.now() }));
  });
  await page.reload();
  await expect(viewLines(page)).toContainText('# my own program', { timeout: 30_000 });
  await expect(page.getByTestId('notice')).toHaveCount(0);
  // Another tab has just started loading (a browser restoring two tabs): a new tab opens the program too.
  await page.evaluate(() => localStorage.setItem('syslet-playground:loading', JSON.stringify({ tab: 'tab-restored-beside', at: Date.now() })));
  const next = await page.context().newPage();
  await next.goto('/');
  await expect(viewLines(next)).toContainText('# my own program', { timeout: 30_000 });
  await expect(next.getByTestId('notice')).toHaveCount(0);
});

test('a damaged link says so and keeps the saved work open', async ({ page }) => {
  await page.goto('/');
  await typeAtEnd(page, '\n# my own work');
  await shareLink(page, 'program');
  await expect(page).toHaveURL(/#code\/v1\./);
  const link = page.url();
  await typeAtEnd(page, '\n# more work');
  await expect.poll(() => savedOfTab(page)).toContain('# more work');
  const i = link.length - 5;
  const damaged = link.slice(0, i) + (link[i] === 'A' ? 'B' : 'A') + link.slice(i + 1);
  await page.goto(damaged);
  await page.reload();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('This link is damaged (checksum mismatch)');
  await expect(notice).toContainText('Your saved program is open instead');
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(viewLines(page)).toContainText('# more work');
  await expect(page).not.toHaveURL(/#code/);
});

test('an example chosen over edited work keeps it one Undo away and in Recover', async ({ page }) => {
  await page.goto('/');
  await typeAtEnd(page, '\n# work worth keeping');
  await page.getByRole('button', { name: 'Examples' }).click();
  await page.getByRole('option').filter({ has: page.locator('code', { hasText: /^pipe$/ }) }).click();
  // (The editor keeps its scroll position, so the graph, not the visible lines, shows that pipe is open.)
  await expect(page.getByRole('region', { name: 'Atom graph' }).getByTestId('atom-node-echo')).toBeVisible();
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('Your edited program is one Undo away and in “Recover earlier work”');
  await page.getByRole('button', { name: 'Recover' }).click();
  await expect(page.getByRole('listbox', { name: 'Recover' }).getByRole('option').first()).toContainText('# Hello World');
  await page.keyboard.press('Escape');
  await notice.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(viewLines(page)).toContainText('# work worth keeping');
});

test('two tabs keep their own work across reloads; each is in Recover', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto('/');
  await typeAtEnd(page, '\n# tab one');
  await expect.poll(() => savedOfTab(page)).toContain('# tab one');
  const other = await context.newPage();
  await other.goto('/');
  await expect(viewLines(other)).toContainText('Hello Syslet World', { timeout: 30_000 });
  await typeAtEnd(other, '\n# tab two');
  await expect.poll(() => savedOfTab(other)).toContain('# tab two');
  await page.reload();
  await page.getByRole('region', { name: 'Editor' }).locator('.monaco-editor').click();
  await page.keyboard.press('ControlOrMeta+End');
  await expect(viewLines(page)).toContainText('# tab one');
  await page.getByRole('button', { name: 'Recover' }).click();
  const list = page.getByRole('listbox', { name: 'Recover' });
  await expect(list.getByRole('option')).toHaveCount(2);
  await other.close();
});
