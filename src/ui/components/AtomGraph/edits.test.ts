import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from '../../lang/parse.ts';
import { print } from '../../lang/print.ts';
import { addAtom, deleteAtoms, findAtom, freshAtomName, setNext, sortFlags, updateAtom } from './edits.ts';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');
const ok = (text: string) => {
  const r = parse(text);
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.program;
};
const atomLine = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`atom ${name} `));

describe('graph edits', () => {
  it('setNext replaces next and can clear it, without touching the input', () => {
    const p = ok(example('read-loop'));
    const before = print(p);
    const q = setNext(p, 'cnt', 'op');
    expect(atomLine(print(q), 'cnt')).toBe('atom cnt = umem_add(&pchunks, &one) next op');
    expect(atomLine(print(setNext(q, 'cnt', undefined)), 'cnt')).toBe('atom cnt = umem_add(&pchunks, &one)');
    expect(print(p)).toBe(before);
    ok(print(q));
  });

  it('deleteAtoms removes the atom and every next that pointed at it', () => {
    const text = print(deleteAtoms(ok(example('read-loop')), ['cnt']));
    expect(atomLine(text, 'cnt')).toBeUndefined();
    expect(atomLine(text, 'rd')).toBe('atom rd = read(&fd, &bufp, &count) ret n flags SYSLET_STOP_ON_NON_POSITIVE | SYSLET_SKIP_TO_NEXT_ON_STOP');
    ok(text);
  });

  it('addAtom adds `atom aN = getpid()` right after the last atom', () => {
    const p = ok(example('hello'));
    const { program, name } = addAtom(p);
    expect(name).toBe('a1');
    const lines = print(program).split('\n');
    expect(lines[lines.indexOf('atom hello = write(&fd_out, &buf, &size)') + 1]).toBe('atom a1 = getpid()');
    ok(print(program));
    expect(freshAtomName(program)).toBe('a2');
  });

  it('addAtom works in a program without atoms', () => {
    const { program } = addAtom(ok('var x = 1\nprint x\n'));
    expect(print(program)).toBe('var x = 1\natom a1 = getpid()\nprint x\n');
  });

  it('updateAtom sets flags in bit order and drops arguments a new syscall cannot take', () => {
    const p = ok(example('read-loop'));
    const q = updateAtom(p, 'rd', { flags: ['SYSLET_SKIP_TO_NEXT_ON_STOP', 'SYSLET_ASYNC', 'SYSLET_STOP_ON_ZERO'] });
    expect(findAtom(q, 'rd')?.flags.map((f) => f.name)).toEqual(['SYSLET_ASYNC', 'SYSLET_STOP_ON_ZERO', 'SYSLET_SKIP_TO_NEXT_ON_STOP']);
    const r = updateAtom(q, 'rd', { syscall: 'close' });
    expect(atomLine(print(r), 'rd')).toBe('atom rd = close(&fd) ret n flags SYSLET_ASYNC | SYSLET_STOP_ON_ZERO | SYSLET_SKIP_TO_NEXT_ON_STOP next cnt');
    ok(print(r));
    expect(sortFlags(['SYSLET_SYNC', 'NOPE', 'SYSLET_ASYNC'])).toEqual(['SYSLET_ASYNC', 'SYSLET_SYNC']);
  });
});
