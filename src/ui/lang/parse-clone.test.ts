// A big text is parsed in a worker (parse.worker.ts) and its result copied back by postMessage:
// what the page gets must be the parse itself, for every example and for a 1,000-atom program.
import { describe, expect, it } from 'vitest';
import { parse } from './parse.ts';
import { EXAMPLES } from '../examples/index.ts';
import { bigProgram } from '../../../e2e/big-program.ts';
import { compileParsed, compileSource } from '../engine/source.ts';

describe('a parse copied as postMessage copies it', () => {
  const texts: [string, string][] = [...Object.entries(EXAMPLES), ['1,000 atoms', bigProgram(1000)], ['with errors', 'var x = \natom a = nosuch(&y)\n']];
  for (const [name, text] of texts) {
    it(name, () => {
      const r = parse(text);
      const copy = structuredClone(r);
      expect(copy).toEqual(r);
      // The page's half of the pipeline gives the same program and layout from the copy.
      const here = compileSource(text);
      const there = compileParsed(copy);
      expect(there.diagnostics).toEqual(here.diagnostics);
      expect(there.layout?.writes).toEqual(here.layout?.writes);
      expect(there.layout?.end).toEqual(here.layout?.end);
    });
  }
});
