import { expect, test } from 'vitest';
import { C_HEADER, programToC } from './export-c.ts';
import { SYSLET_H } from '../../engine-wasm/c/header.ts';

test('a program without errors exports as <name>.c; one with errors is refused, naming the first', () => {
  const ok = programToC('var x = 1\nprint x\n', 'hello');
  expect(ok).toMatchObject({ ok: true, fileName: 'hello.c' });
  expect(ok.ok && ok.text).toContain('printf("%ld", x);');
  expect(programToC('var x = 1\n', 'my prog/../x')).toMatchObject({ ok: true, fileName: 'my-prog-..-x.c' });
  expect(programToC('var x = 1\natom a = reed(&x)\n', 'p')).toEqual({ ok: false, error: expect.stringMatching(/^The program has errors, so it cannot be exported to C: line 2: /) });
  expect(C_HEADER).toEqual({ fileName: 'syslet.h', text: SYSLET_H });
});
