import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from '../../lang/parse.ts';
import { applyTextEdits } from '../../lang/textedit.ts';
import { atoms } from '../../lang/ast.ts';
import { changeAtom, findAtom, freshAtomName, sortFlags } from './edits.ts';
import {
  addAtomEdits, changeAtomEdits, deleteAtomsEdits, moveAtomEdits, setNextEdits, usesOf, type TextEdit,
} from './textedits.ts';
import { changeAtomWithNewVar } from './newvar.ts';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');
const errors = (text: string) => parse(text).diagnostics.filter((d) => d.severity === 'error');
const run = (text: string, edits: TextEdit[] | null) => {
  expect(edits).not.toBeNull();
  return applyTextEdits(text, edits!);
};
const names = (text: string) => atoms(parse(text).program).map((a) => a.name.name);

/** A program written the way people write: odd spacing, comments, blank lines. */
const MESSY = `#  my program   (not canonical)
ring   4


var   path="/etc/motd"   # where
var oflags = O_RDONLY
var fd=-1
var n
buffer b[64]
var bp = b

atom op = open( &path,&oflags )   ret fd   flags SYSLET_STOP_ON_NEGATIVE    # opens
atom rd=read(&fd,&bp,&n)

# drive it
var done   =   async_exec(op)
if !done {
    async_wait(1)   # wait
}
print  "fd ", fd ,"\\n"
`;

describe('text edits: only the touched lines change', () => {
  it('the messy program parses cleanly (the fixture is valid)', () => {
    expect(errors(MESSY)).toEqual([]);
  });

  it('setting, changing and clearing a fault rewrites only its atom\'s line, keeping the other clauses and the comment', () => {
    const set = run(MESSY, changeAtomEdits(MESSY, 'op', { fault: { spec: { kind: 'errno', errno: { name: 'ENOENT', span: { line: 0, col: 0, endLine: 0, endCol: 0 } } }, nth: 2 } }));
    const before = MESSY.split('\n');
    const after = set.split('\n');
    expect(after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0)).toEqual([11]);
    expect(after[11]).toBe('atom op = open(&path, &oflags) ret fd flags SYSLET_STOP_ON_NEGATIVE fault ENOENT nth 2    # opens');
    expect(errors(set)).toEqual([]);
    const block = run(set, changeAtomEdits(set, 'op', { fault: { spec: { kind: 'block', value: 250, unit: 'us' } } }));
    expect(block.split('\n')[11]).toBe('atom op = open(&path, &oflags) ret fd flags SYSLET_STOP_ON_NEGATIVE fault block 250us    # opens');
    const cleared = run(block, changeAtomEdits(block, 'op', { fault: null }));
    expect(cleared.split('\n')[11]).toBe('atom op = open(&path, &oflags) ret fd flags SYSLET_STOP_ON_NEGATIVE    # opens');
    // Another change to the atom keeps its fault.
    const kept = run(set, changeAtomEdits(set, 'op', { flags: [] }));
    expect(kept.split('\n')[11]).toBe('atom op = open(&path, &oflags) ret fd fault ENOENT nth 2    # opens');
  });

  it('setting next rewrites the one declaration and keeps its trailing comment', () => {
    const out = run(MESSY, setNextEdits(MESSY, 'op', 'rd'));
    const before = MESSY.split('\n');
    const after = out.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.map((l, i) => (l === before[i] ? -1 : i)).filter((i) => i >= 0);
    expect(changed).toEqual([11]);
    expect(after[11]).toBe('atom op = open(&path, &oflags) ret fd flags SYSLET_STOP_ON_NEGATIVE next rd    # opens');
    expect(errors(out)).toEqual([]);
    // Clearing it again changes only that line back to canonical text.
    const cleared = run(out, setNextEdits(out, 'op', undefined));
    expect(cleared.split('\n')[11]).toBe('atom op = open(&path, &oflags) ret fd flags SYSLET_STOP_ON_NEGATIVE    # opens');
  });

  it('an unchanged atom gives no edit; an unknown atom gives null', () => {
    const text = 'var x\natom a = getpid()\n';
    expect(changeAtomEdits(text, 'a', { flags: [] })).toEqual([]);
    expect(changeAtomEdits(text, 'zz', { flags: [] })).toBeNull();
  });

  it('adding an atom inserts one line after the last atom, byte for byte elsewhere', () => {
    const { edits, name } = addAtomEdits(MESSY);
    const out = run(MESSY, edits);
    expect(name).toBe('a1');
    const lines = MESSY.split('\n');
    lines.splice(13, 0, 'atom a1 = getpid()');
    expect(out).toBe(lines.join('\n'));
    expect(addAtomEdits('').edits).toEqual([{ line: 1, col: 1, endLine: 1, endCol: 1, text: 'atom a1 = getpid()\n' }]);
    expect(run('', addAtomEdits('').edits)).toBe('atom a1 = getpid()\n');
    expect(run('var x = 1\nprint x\n', addAtomEdits('var x = 1\nprint x\n').edits)).toBe('var x = 1\natom a1 = getpid()\nprint x\n');
  });

  it('arguments, ret, syscall and flags: one line; a new var is declared after the last var in the same edit list', () => {
    const out = run(MESSY, changeAtomWithNewVar(MESSY, 'rd', { args: ['fd', 'bp', 'count'], ret: 'n' }, 'count'));
    expect(errors(out)).toEqual([]);
    const lines = MESSY.split('\n');
    lines[12] = 'atom rd = read(&fd, &bp, &count) ret n';
    lines.splice(10, 0, 'var count = 0');
    expect(out).toBe(lines.join('\n'));
    const flags = run(out, changeAtomEdits(out, 'rd', { flags: ['SYSLET_SKIP_TO_NEXT_ON_STOP', 'SYSLET_STOP_ON_NON_POSITIVE'], ret: null }));
    expect(flags.split('\n')[13]).toBe('atom rd = read(&fd, &bp, &count) flags SYSLET_STOP_ON_NON_POSITIVE | SYSLET_SKIP_TO_NEXT_ON_STOP');
    const close = run(flags, changeAtomEdits(flags, 'rd', { syscall: 'close' }));
    expect(close.split('\n')[13]).toBe('atom rd = close(&fd) flags SYSLET_STOP_ON_NON_POSITIVE | SYSLET_SKIP_TO_NEXT_ON_STOP');
  });

  it('moving an atom swaps whole lines (with their comments); the ends give null', () => {
    const out = run(MESSY, moveAtomEdits(MESSY, 'rd', -1));
    expect(names(out)).toEqual(['rd', 'op']);
    const lines = MESSY.split('\n');
    [lines[11], lines[12]] = [lines[12], lines[11]];
    expect(out).toBe(lines.join('\n'));
    expect(moveAtomEdits(MESSY, 'op', -1)).toBeNull();
    expect(moveAtomEdits(MESSY, 'rd', 1)).toBeNull();
  });

  it('uses of an atom are listed with their lines', () => {
    const text = example('read-loop');
    const uses = usesOf(text, ['cl']);
    expect(uses.map((u) => [u.kind, u.text])).toEqual([['statement', 'assert reap() == cl']]);
    expect(text.split('\n')[uses[0].line - 1]).toBe('assert reap() == cl');
    expect(usesOf(text, ['rd']).map((u) => u.text)).toEqual(['op: next rd', 'cnt: next rd']);
    expect(usesOf(MESSY, ['op']).map((u) => u.line)).toEqual([16]);
  });

  it('delete atom only removes its line; with uses also the nexts and statements', () => {
    const only = run(MESSY, deleteAtomsEdits(MESSY, ['op'], false));
    const lines = MESSY.split('\n');
    expect(only).toBe([...lines.slice(0, 11), ...lines.slice(12)].join('\n'));
    const withUses = run(MESSY, deleteAtomsEdits(MESSY, ['op'], true));
    lines[15] = 'var done';
    expect(withUses).toBe([...lines.slice(0, 11), ...lines.slice(12)].join('\n'));
    expect(errors(withUses)).toEqual([]);

    const loop = example('read-loop');
    const out = run(loop, deleteAtomsEdits(loop, ['rd'], true));
    expect(names(out)).toEqual(['op', 'cl', 'cnt']);
    expect(findAtom(parse(out).program, 'op')?.next).toBeUndefined();
    expect(findAtom(parse(out).program, 'cnt')?.next).toBeUndefined();
    expect(errors(out)).toEqual([]);
    expect(out.split('\n').filter((l) => !l.startsWith('atom')).join('\n')).toBe(loop.split('\n').filter((l) => !l.startsWith('atom')).join('\n'));
  });

  it('a use inside an if block removes that statement; a use in the condition removes the whole if', () => {
    const text = 'atom a = getpid()\nvar x = 1\nif x {\n    async_exec(a)\n    print "ok"\n}\nif a.nr == 1 {\n    print "y"\n}\n';
    const out = run(text, deleteAtomsEdits(text, ['a'], true));
    expect(out).toBe('var x = 1\nif x {\n    print "ok"\n}\n');
    expect(errors(out)).toEqual([]);
  });

  it('the last line without a newline is removed cleanly', () => {
    const text = 'var x\natom a = getpid()';
    expect(run(text, deleteAtomsEdits(text, ['a'], false))).toBe('var x');
  });

  it('the text may have errors elsewhere: the atom still gets edited', () => {
    const text = 'var x\natom a = getpid()\natom b = getpid()\nprint (\n';
    expect(errors(text).length).toBeGreaterThan(0);
    const out = run(text, setNextEdits(text, 'a', 'b'));
    expect(out).toBe('var x\natom a = getpid() next b\natom b = getpid()\nprint (\n');
  });
});

describe('AST helpers', () => {
  it('changeAtom drops arguments a new syscall cannot take and sorts flags', () => {
    const a = findAtom(parse(example('read-loop')).program, 'rd')!;
    const b = changeAtom(a, { syscall: 'close', flags: ['SYSLET_SKIP_TO_NEXT_ON_STOP', 'SYSLET_ASYNC'] });
    expect(b.args.map((x) => x.name)).toEqual(['fd']);
    expect(b.flags.map((f) => f.name)).toEqual(['SYSLET_ASYNC', 'SYSLET_SKIP_TO_NEXT_ON_STOP']);
    expect(a.args).toHaveLength(3);
    expect(sortFlags(['SYSLET_SYNC', 'NOPE', 'SYSLET_ASYNC'])).toEqual(['SYSLET_ASYNC', 'SYSLET_SYNC']);
    expect(freshAtomName(parse('atom a1 = getpid()\nvar a2\n').program)).toBe('a3');
  });
});
