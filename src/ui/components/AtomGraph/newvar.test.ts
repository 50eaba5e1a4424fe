import { describe, expect, it } from 'vitest';
import { parse } from '../../lang/parse.ts';
import { applyTextEdits } from '../../lang/textedit.ts';
import { changeAtomWithNewVar, defaultValueKind, planNewVar, type NewVarValue } from './newvar.ts';

const SRC = `ring 4
var fd = -1   # kept as written
buffer b[64]

atom rd = read(&fd)
print fd
`;
const errors = (text: string) => parse(text).diagnostics.filter((d) => d.severity === 'error');
const withVar = (name: string, value: NewVarValue, src = SRC) => {
  const edits = changeAtomWithNewVar(src, 'rd', { args: ['fd', name] }, name, value);
  expect(edits).not.toBeNull();
  return applyTextEdits(src, edits!);
};

describe('a new var from the node editor', () => {
  it('takes a number or a constant, written after the last var', () => {
    expect(withVar('count', { kind: 'number', text: '4096' })).toBe(SRC.replace('buffer b[64]\n', 'buffer b[64]\nvar count = 4096\n').replace('read(&fd)', 'read(&fd, &count)'));
    expect(withVar('oflags', { kind: 'number', text: 'O_RDONLY' })).toContain('var oflags = O_RDONLY\n');
    expect(withVar('x', { kind: 'number', text: '  ' })).toContain('var x = 0\n');
  });

  it('takes a string, escapes as in the language', () => {
    const out = withVar('path', { kind: 'string', text: '/tmp/a b\\n' });
    expect(out).toContain('var path = "/tmp/a b\\n"\n');
    expect(errors(out)).toEqual([]);
  });

  it('takes the address of a var (&x), a buffer or an atom (the name), and declares a new pointee', () => {
    expect(withVar('p', { kind: 'address', of: 'fd' })).toContain('var p = &fd\n');
    expect(withVar('p', { kind: 'address', of: 'b' })).toContain('var p = b\n');
    expect(withVar('p', { kind: 'address', of: 'rd' })).toContain('var p = rd\n');
    const fresh = withVar('pchunks', { kind: 'address', of: 'chunks' });
    expect(fresh).toContain('buffer b[64]\nvar chunks = 0\nvar pchunks = &chunks\n');
    expect(errors(fresh)).toEqual([]);
  });

  it('makes a new buffer and points the var at it', () => {
    const out = withVar('bufp', { kind: 'buffer', name: 'chunk', size: '4096' });
    expect(out).toContain('buffer b[64]\nbuffer chunk[4096]\nvar bufp = chunk\n');
    expect(errors(out)).toEqual([]);
  });

  it('goes at the top when the program starts with atoms, and keeps everything else byte for byte', () => {
    const src = 'atom a = getpid()\n\n# tail  comment\n';
    const out = applyTextEdits(src, changeAtomWithNewVar(src, 'a', { ret: 'r' }, 'r', { kind: 'number', text: '7' })!);
    expect(out).toBe('var r = 7\natom a = getpid() ret r\n\n# tail  comment\n');
  });

  it('refuses with the language\'s own words, and writes nothing', () => {
    const bad: [string, NewVarValue, RegExp][] = [
      ['fd', { kind: 'number', text: '1' }, /already declared/],
      ['2x', { kind: 'number', text: '1' }, /letters, digits/],
      ['x', { kind: 'number', text: '1 +' }, /./],
      ['x', { kind: 'number', text: 'NO_SUCH_CONSTANT' }, /NO_SUCH_CONSTANT/],
      ['x', { kind: 'string', text: 'a"b' }, /./],
      ['x', { kind: 'string', text: 'bad \\q escape' }, /unknown escape/],
      ['x', { kind: 'address', of: '' }, /name the var/],
      ['x', { kind: 'address', of: 'x' }, /itself/],
      ['x', { kind: 'address', of: 'print' }, /print/],
      ['x', { kind: 'buffer', name: 'b', size: '8' }, /already declared/],
      ['x', { kind: 'buffer', name: 'x', size: '8' }, /name of its own/],
      ['x', { kind: 'buffer', name: 'y', size: '0' }, /./],
      ['x', { kind: 'buffer', name: 'y', size: 'lots' }, /./],
    ];
    for (const [name, value, why] of bad) {
      const plan = planNewVar(SRC, name, value);
      expect(plan.problem, `${name} = ${JSON.stringify(value)}`).toMatch(why);
      expect(changeAtomWithNewVar(SRC, 'rd', { ret: name }, name, value)).toBeNull();
    }
  });

  it('suggests the form a parameter usually takes', () => {
    expect(defaultValueKind('path')).toBe('string');
    expect(defaultValueKind('buf')).toBe('buffer');
    expect(defaultValueKind('uptr')).toBe('address');
    expect(defaultValueKind('count')).toBe('number');
    expect(defaultValueKind(undefined)).toBe('number');
  });
});
