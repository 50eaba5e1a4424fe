import { expect, test } from 'vitest';
import { EXAMPLES, EXAMPLE_NAMES } from '../../examples/index.ts';
import { exampleInfos, summaryOf, titleOf } from './info.ts';

test('titles come from names and summaries from the leading comment', () => {
  expect(titleOf('sync-vs-async')).toBe('Sync vs. async');
  expect(summaryOf('# one\n#  two\nring 4\n# later')).toBe('one two');
  const infos = exampleInfos(EXAMPLE_NAMES, EXAMPLES);
  expect(infos.length).toBe(EXAMPLE_NAMES.length);
  for (const i of infos) expect(i.summary.length, i.name).toBeGreaterThan(60);
  expect(infos[0]).toMatchObject({ name: 'hello', title: 'Hello' });
  expect(infos[0].summary).toMatch(/^Hello World, after Ingo Molnar/);
});
