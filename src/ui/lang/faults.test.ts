// The fault and latency lab in the language: `fault …` clauses on atoms and
// `latency` lines parse, print back canonically, are judged with clear
// diagnostics, and become the kernel's injection tables (injectionsOf).
import { describe, expect, test } from 'vitest';
import { parse } from './parse.ts';
import { print } from './print.ts';
import { layout } from './layout.ts';
import { atoms, latencies, withoutSpans } from './ast.ts';
import { faultMeaning, faultWords, injectionsOf } from './faults.ts';
import * as L from '../../engine-wasm/abi/layout.ts';
import * as E from '../../engine-wasm/abi/errno.ts';

const show = (text: string) =>
  parse(text).diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity === 'warning' ? 'W ' : ''}${d.message}`);

const PROGRAM = `ring 4
latency "/usr/share/dict/words" = 20ms
latency "/usr/share/dict/words" page 3 = 1s
var fd = 3
var buf = 0
var n = 16
atom r = read(&fd, &buf, &n) ret n fault EIO nth 3
atom w = write(&fd, &buf, &n) flags SYSLET_STOP_ON_NEGATIVE fault short 4
atom s = getpid() next r fault block 5ms
atom c = close(&fd) fault cached
`;

describe('syntax', () => {
  test('every fault kind, nth and both latency forms parse without diagnostics and print back as written', () => {
    const { program, diagnostics } = parse(PROGRAM);
    expect(diagnostics).toEqual([]);
    expect(print(program)).toBe(PROGRAM);
    const [r, w, s, c] = atoms(program);
    expect(withoutSpans(r.fault)).toEqual({ spec: { kind: 'errno', errno: { name: 'EIO' } }, nth: 3 });
    expect(w.fault?.spec).toEqual({ kind: 'short', bytes: 4 });
    expect(s.fault?.spec).toEqual({ kind: 'block', value: 5, unit: 'ms' });
    expect(c.fault?.spec).toEqual({ kind: 'cached' });
    expect(latencies(program).map((l) => [l.page, l.value, l.unit])).toEqual([[undefined, 20, 'ms'], [3, 1, 's']]);
  });

  test('the clause may come anywhere among the atom\'s clauses; the canonical form puts it last', () => {
    const { program, diagnostics } = parse('var x\natom a = close(&x) fault EPERM ret x next a');
    expect(diagnostics).toEqual([]);
    expect(print(program)).toBe('var x\natom a = close(&x) ret x next a fault EPERM\n');
    expect(withoutSpans(parse(print(program)).program)).toEqual(withoutSpans(program));
  });

  test('`fault` and `latency` are keywords: no declaration may take them', () => {
    expect(show('var fault\nvar latency')).toEqual([
      '1:5-1:10 `fault` is a keyword and cannot be used as a name after `var`',
      '2:5-2:12 `latency` is a keyword and cannot be used as a name after `var`',
    ]);
    // The words after `fault` are not reserved.
    expect(show('var block = 1\nvar short\nvar cached\nvar nth\nvar page')).toEqual([]);
  });
});

describe('diagnostics', () => {
  const CASES: [string, string, string[]][] = [
    ['an unknown fault, with a suggestion', 'var x\natom a = read(&x) fault shrot 3\natom b = close(&x) fault EIOO', [
      '2:25-2:30 `shrot` is not a fault: write `fault EIO`, `fault short 16`, `fault block 5ms` or `fault cached` — did you mean `short`?',
      '3:26-3:30 `EIOO` is not a fault: write `fault EIO`, `fault short 16`, `fault block 5ms` or `fault cached` — did you mean `EIO`?',
    ]],
    ['a negated errno', 'var x\natom a = close(&x) fault -EIO', ['2:26-2:30 write the errno\'s name without the minus: `fault EIO` (the atom\'s result is then -EIO)']],
    ['nothing after fault', 'var x\natom a = close(&x) fault\n', ['2:25-2:26 `fault` takes `fault EIO`, `fault short 16`, `fault block 5ms` or `fault cached`; found the end of the line']],
    ['short on a call without a count', 'var x\natom a = close(&x) fault short 3', ['2:20-2:33 `fault short` clamps the count of read, write, pread64, pwrite64; `close` has no count']],
    ['short with a unit, block without one, block out of range', 'var x\natom a = read(&x) fault short 3ms\natom b = read(&x) fault block 5\natom c = read(&x) fault block 2s\natom d = read(&x) fault block 0ms', [
      '2:31-2:34 `fault short` is a plain number, without a unit, as in `fault short 16`',
      '3:31-3:32 `fault block` is a duration: give it a unit (ns, us, ms or s), as in `5ms`',
      '4:31-4:33 `fault block` is 1ns to 1s, not 2s',
      '5:31-5:34 `fault block` is 1ns to 1s, not 0ms',
    ]],
    ['nth 0 and a fault given twice', 'var x\natom a = read(&x) fault EIO nth 0 fault cached', [
      '2:33-2:34 `nth` is at least 1, not 0',
      '2:35-2:40 `fault` is given twice in this atom',
    ]],
    ['fault outside an atom', 'fault EIO', ['1:1-1:6 `fault` belongs in an atom declaration, after the syscall\'s arguments']],
    ['a latency without quotes, a relative path, a page past the file, no unit, twice', 'latency /etc/motd = 1ms\nlatency "etc/motd" = 1ms\nlatency "/etc/motd" page 64 = 1ms\nlatency "/etc/motd" = 5\nlatency "/a" = 1ms\nlatency "/a" = 2ms', [
      '1:9-1:10 `latency` takes a file\'s path in quotes, as in `latency "/usr/share/dict/words" = 20ms`; found `/`',
      '2:9-2:19 a latency names a file by its absolute path, starting with `/`',
      '3:26-3:28 a file has pages 0 to 63 (4 KiB each), not 64',
      '4:23-4:24 `latency` is a duration: give it a unit (ns, us, ms or s), as in `5ms`',
      '6:1-6:19 `latency "/a"` is already set at line 5',
    ]],
    ['latency inside a block', 'if 1 {\n    latency "/a" = 1ms\n}', ['2:5-2:12 declarations go at the top level, not inside a block']],
  ];
  test.each(CASES)('%s', (_, text, expected) => {
    expect(show(text)).toEqual(expected);
  });

  test('the kernel\'s table sizes: at most 64 faulted atoms and 16 latency lines', () => {
    const many = ['var x', ...Array.from({ length: L.NFAULT + 1 }, (_, i) => `atom a${i} = close(&x) fault EIO`)].join('\n');
    expect(show(many)).toEqual([`${L.NFAULT + 2}:22-${L.NFAULT + 2}:31 at most ${L.NFAULT} atoms may carry a fault (the kernel's table)`]);
    const lats = Array.from({ length: L.NLATENCY + 1 }, (_, i) => `latency "/f${i}" = 1ms`).join('\n');
    expect(show(lats)).toEqual([`${L.NLATENCY + 1}:1-${L.NLATENCY + 1}:${`latency "/f${L.NLATENCY}" = 1ms`.length + 1} at most ${L.NLATENCY} latency lines (the kernel's table)`]);
  });
});

const WORDS = new TextEncoder().encode('/usr/share/dict/words');

describe('injectionsOf', () => {
  test('what the session hands the kernel: each faulted atom at its address, each latency in ns', () => {
    const { program } = parse(PROGRAM);
    const lay = layout(program);
    const addr = (name: string) => lay.symbols.get(name)!.addr;
    expect(injectionsOf(program, lay)).toEqual({
      faults: [
        { atom: addr('r'), name: 'r', kind: L.FK_ERRNO, value: E.EIO, nth: 3 },
        { atom: addr('w'), name: 'w', kind: L.FK_SHORT, value: 4, nth: 0 },
        { atom: addr('s'), name: 's', kind: L.FK_BLOCK, value: 5_000_000, nth: 0 },
        { atom: addr('c'), name: 'c', kind: L.FK_CACHED, value: 0, nth: 0 },
      ],
      latencies: [{ path: WORDS, ns: 20_000_000 }, { path: WORDS, page: 3, ns: 1_000_000_000 }],
    });
  });

  test('a path is handed over as the bytes the literal holds', () => {
    const { program } = parse('latency "/caf\u00e9\\x01" = 1ms');
    expect(injectionsOf(program, layout(program)).latencies[0].path).toEqual(Uint8Array.from([0x2f, 0x63, 0x61, 0x66, 0xc3, 0xa9, 0x01]));
  });

  test('a latency line takes no user memory', () => {
    const without = layout(parse('var x = 1').program);
    const withLat = layout(parse('latency "/etc/motd" = 1ms\nvar x = 1').program);
    expect(withLat.symbols.get('x')?.addr).toBe(without.symbols.get('x')?.addr);
    expect(withLat.writes).toEqual(without.writes);
  });

  test('words for the graph and its tooltip', () => {
    const [r, w, s, c] = atoms(parse(PROGRAM).program);
    expect(faultWords(r.fault!.spec, r.fault!.nth)).toBe('returns -EIO · run 3');
    expect(faultWords(w.fault!.spec)).toBe('short: 4 bytes');
    expect(faultWords(s.fault!.spec)).toBe('blocks 5ms first');
    expect(faultWords(c.fault!.spec)).toBe('never waits');
    expect(faultMeaning(s.fault!.spec)).toMatch(/hands the syslet off, as a real block would/);
  });
});
