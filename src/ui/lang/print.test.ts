import { describe, expect, test } from 'vitest';
import { parse } from './parse.ts';
import { print } from './print.ts';
import { withoutSpans } from './ast.ts';
import { EXAMPLES } from '../examples/index.ts';

function roundTrip(text: string): string {
  const first = parse(text);
  expect(first.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const printed = print(first.program);
  const second = parse(printed);
  expect(second.diagnostics).toEqual(first.diagnostics.length ? second.diagnostics : []);
  expect(withoutSpans(second.program)).toEqual(withoutSpans(first.program));
  expect(print(second.program)).toBe(printed);
  return printed;
}

/** Hand-written programs in non-canonical form: odd spacing, comments everywhere. */
const PROGRAMS: string[] = [
  '',
  '# only a comment\n',
  '\n\n  # indented comment\n\n\n# another\n',
  'ring   8\nvar   x=1+2*3\nvar y=(1+2)*3\nvar z = -(-1)\nvar w = - - 1\nvar h = 0xFF|0x1\n',
  'var a\nvar b\na = b - (a - b)\na = (a - b) - b\na = a * (b + 1) % 3\na = !(a == b) && (a || b)\na = ~a << 2 >> 1 ^ a & b\n',
  'var s = "tab\\there \\"q\\" back\\\\slash nul\\0 \\x01\\x7f\\xff é ✓ 😀"\nvar n = len("\\n")\n',
  '   var fd=open( "/etc/motd" ,O_RDONLY)   # open it\nassert fd>=0\nclose( fd )\n',
  'var x\natom a = close(&x)   next b   ret x\natom b = read( &x,&x ) flags SYSLET_SKIP_TO_NEXT_ON_STOP|SYSLET_STOP_ON_ZERO|SYSLET_ASYNC\natom c = getpid()\n',
  'var x\nif x { x = 1 }\nif x {\n} else {\n}\nif x == 1 { print 1 } else if x == 2 { print 2 } else { print 3 }\n',
  'var x\nif x {\n    if !x {\n        # deep\n        x = 2\n    } else {\n        while x < 10 {\n            x = x + 1\n        }\n    }\n}\n',
  'var x\nif x {  # open\n\n    # lead\n\n    x = 1  # trail\n    # end of block\n}  # close\nwhile x {  # w\n}  # after w\n',
  'var x\nif x {\n} else {\n    if x {\n        x = 1\n    }\n}\nif x {\n} else {  # kept: a comment stops else-if\n    if x {\n    }\n}\n',
  'atom a = getpid()\nvar v = async_exec(a)\nv = ring[user_idx]\nv = ring[kernel_idx - 1]\nv = a.flags + a.nr + a.ret + a.next\na.next = 0\nprint "v=", v, "\\n"\n',
  '#no space\n#\n    #   spaced   \nvar x\n',
  'var big = 4294967295\nvar hex = 0xffffffff\nvar neg = -2147483648\n',
];

describe('round trip: parse(print(p)) == p and print is idempotent', () => {
  test.each(PROGRAMS.map((p, i) => [i, p]))('program %i', (_i, text) => {
    roundTrip(text as string);
  });
  test.each(Object.entries(EXAMPLES))('example %s', (_name, text) => {
    roundTrip(text);
  });
});

describe('canonical form', () => {
  const canon = (text: string) => print(parse(text).program);
  test('spacing, one item per line, 4-space indents', () => {
    expect(canon('var   x=1+2*3\nif x>1{print "a",x}\n')).toBe('var x = 1 + 2 * 3\nif x > 1 {\n    print "a", x\n}\n');
  });
  test('the fewest parentheses', () => {
    expect(canon('var x = ((1 + 2)) * (3) - (4 - 5) + (-(6))\n')).toBe('var x = (1 + 2) * 3 - (4 - 5) + -6\n');
  });
  test('flags in ascending bit order, deduplicated, clauses as ret flags next', () => {
    expect(canon('var x\natom a = close(&x) next a flags SYSLET_SKIP_TO_NEXT_ON_STOP | SYSLET_STOP_ON_ZERO | SYSLET_ASYNC ret x\n'))
      .toBe('var x\natom a = close(&x) ret x flags SYSLET_ASYNC | SYSLET_STOP_ON_ZERO | SYSLET_SKIP_TO_NEXT_ON_STOP next a\n');
  });
  test('hex stays hex, decimal stays decimal', () => {
    expect(canon('var x = 0XfF + 010\n')).toBe('var x = 0xff + 10\n');
  });
  test('blank lines collapse to one; none at the start of a block', () => {
    expect(canon('\n\nvar x\n\n\n\nvar y\nif x {\n\n    y = 1\n}\n')).toBe('var x\n\nvar y\nif x {\n    y = 1\n}\n');
  });
  test('else { if … } without comments prints as else if', () => {
    expect(canon('var x\nif x {\n} else {\n    if x {\n    }\n}\n')).toBe('var x\nif x {\n} else if x {\n}\n');
  });
  test('strings: escapes for control bytes, UTF-8 kept', () => {
    expect(canon('var s = "\\x41\\x0a\\x09\\x00\\x22\\x5c\\x1b\\xc3\\xa9\\xff"\n')).toBe('var s = "A\\n\\t\\0\\"\\\\\\x1bé\\xff"\n');
  });
  test('comments keep their text and place', () => {
    const text = '# head\n\n# lead\nvar x  # trail\n\n# tail\n';
    expect(canon(text)).toBe(text);
  });
});
