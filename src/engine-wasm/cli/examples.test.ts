// `syslet run` of every shipped example prints exactly the page's console for
// it: the same source pipeline, Session and kernel, run the page's way.
import { beforeAll, expect, test } from 'vitest';
import { loadKernelNode } from '../host/node.ts';
import type { Kernel } from '../host/kernel.ts';
import { EXAMPLES, EXAMPLE_NAMES } from '../../ui/examples/index.ts';
import { cli, pageRun } from './test-helpers.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

test('the examples are all here', () => {
  expect(EXAMPLE_NAMES.length).toBeGreaterThanOrEqual(9);
});

test.each(EXAMPLE_NAMES)('run %s prints the page\'s console and exits 0', async (name) => {
  const page = pageRun(k, EXAMPLES[name]);
  expect(page.status).toBe('done');
  expect(page.stdout.length).toBeGreaterThan(0);
  const r = await cli(k, ['run', `src/ui/examples/${name}.syslet`]);
  expect(r.code).toBe(0);
  expect(r.out).toBe(page.stdout);
  expect(r.err).toBe(page.stderr);
});
