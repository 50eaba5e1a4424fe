// The console shows what a program wrote to fd 2 apart from fd 1: in order,
// with a visible "stderr" tag (not colour alone).
import LZString from 'lz-string';
import { test, expect } from './fixtures.ts';

const PROGRAM = `# stdout and stderr
ring 4
print "before\\n"
write(2, "oops\\n", 5)
print "after\\n"
`;

test('what the driver writes to fd 2 is shown apart, as stderr, in order', async ({ page }) => {
  await page.goto(`/#code/${LZString.compressToEncodedURIComponent(PROGRAM)}`);
  await expect(page.getByTestId('run-status')).toHaveText('ready', { timeout: 20_000 });
  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 20_000 });
  const out = page.getByTestId('console-output');
  const stderr = out.getByTestId('console-stderr');
  await expect(stderr).toHaveCount(1);
  await expect(stderr).toHaveText('stderroops\n', { useInnerText: false });
  await expect(stderr).toContainText('stderr');
  await expect(out.getByTestId('console-stdout')).toHaveText(['before\n', 'after\n']);
  // In the order written: stdout, stderr, stdout.
  const order = await out.locator('> span').evaluateAll((spans) => spans.map((s) => s.getAttribute('data-testid')));
  expect(order).toEqual(['console-stdout', 'console-stderr', 'console-stdout']);
  // Told apart by more than colour: the tag is visible, and the run carries a bar.
  await expect(stderr.getByText('stderr', { exact: true })).toBeVisible();
  expect(await stderr.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('solid');
  await page.getByRole('region', { name: 'Console' }).screenshot({ path: 'test-results/console-stderr.png' });
});
