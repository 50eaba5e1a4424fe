import { describe, expect, test } from 'vitest';
import { signatureAt } from './signature.ts';
import { foldingRanges } from './folding.ts';

const active = (before: string) => {
  const s = signatureAt(before);
  return s && s.label.slice(...s.params[s.active]);
};

describe('signature help', () => {
  test('an atom’s syscall, from the syscall table, with the parameter being typed', () => {
    const s = signatureAt('atom a = pread64(&fd, &bu')!;
    expect(s.label).toBe('pread64(fd, buf, count, off_lo, off_hi)');
    expect(s.params.map((p) => s.label.slice(...p))).toEqual(['fd', 'buf', 'count', 'off_lo', 'off_hi']);
    expect(s.active).toBe(1);
    expect(s.doc).toContain('&x');
    expect(active('atom a = read(')).toBe('fd');
    expect(active('atom a = read(&fd, &b, &n')).toBe('count');
  });

  test('past the last parameter nothing is marked', () => {
    const s = signatureAt('atom a = close(&fd, &x')!;
    expect(s.active).toBe(1);
    expect(s.params).toHaveLength(1);
  });

  test('driver calls and direct syscalls in the driver', () => {
    expect(signatureAt('var done = async_exec(')?.label).toBe('async_exec(atom)');
    expect(active('async_wait(')).toBe('min_events');
    expect(signatureAt('reap(')?.params).toEqual([]);
    expect(active('write(1, buf, ')).toBe('count');
    expect(signatureAt('write(1, buf, ')?.doc).toMatch(/^\*\*syscall 4\*\*, called directly/);
    expect(active('print len(')).toBe('"string"');
  });

  test('the innermost known call counts; strings, closed calls and comments do not', () => {
    expect(active('write(1, (a + b')).toBe('buf');
    expect(active('write(1, "(,,", ')).toBe('count');
    expect(signatureAt('write(1, buf, n) ')).toBeNull();
    expect(signatureAt('# read(')).toBeNull();
    expect(signatureAt('x = (1 + ')).toBeNull();
    expect(active('if write(1, buf, len("ab")) == 2 && read(fd, ')).toBe('buf');
  });
});

describe('folding', () => {
  test('comment runs and { } blocks, not single comments', () => {
    const text = ['# one', '# two', 'ring 4', '# lone', 'while x {', '    if y {', '        reap()', '    } else {', '        x = 0', '    }', '}'];
    expect(foldingRanges(text)).toEqual([
      { start: 1, end: 2, kind: 'comment' },
      { start: 5, end: 10, kind: 'block' },
      { start: 6, end: 7, kind: 'block' },
      { start: 8, end: 9, kind: 'block' },
    ]);
    expect(foldingRanges(['print "{"', '# a', '# b'])).toEqual([{ start: 2, end: 3, kind: 'comment' }]);
  });
});
