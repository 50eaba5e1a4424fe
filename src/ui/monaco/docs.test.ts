import { describe, expect, test } from 'vitest';
import { SYSCALL_NAMES, FLAG_ORDER, BUILTINS, KEYWORDS, CONSTANTS } from '../lang/names.ts';
import { BUILTIN_DOCS, FLAG_DOCS, KEYWORD_DOCS, SYSCALL_DOCS, docFor, docMarkdown } from './docs.ts';

describe('docs', () => {
  test('every syscall has its own entry', () => {
    for (const name of SYSCALL_NAMES) expect(SYSCALL_DOCS[name]?.length, name).toBeGreaterThan(30);
    expect(Object.keys(SYSCALL_DOCS).sort()).toEqual([...SYSCALL_NAMES].sort());
  });

  test('every SYSLET_* flag (and the mask) has its own entry', () => {
    const flags = [...CONSTANTS.keys()].filter((c) => c.startsWith('SYSLET_'));
    expect(flags.length).toBeGreaterThanOrEqual(9);
    for (const f of flags) expect(FLAG_DOCS[f]?.length, f).toBeGreaterThan(30);
    for (const f of FLAG_ORDER) expect(docFor(f)?.kind).toBe('flag');
  });

  test('every driver call and keyword has an entry', () => {
    for (const b of BUILTINS.keys()) expect(BUILTIN_DOCS[b], b).toBeTruthy();
    for (const k of KEYWORDS) expect(KEYWORD_DOCS[k], k).toBeTruthy();
  });

  test('driver calls win over the syscall of the same name', () => {
    expect(docFor('async_exec')?.kind).toBe('driver call');
    expect(docFor('async_exec')?.signature).toBe('async_exec(atom)');
  });

  test('signatures come from the syscall table and constants carry their values', () => {
    expect(docFor('pread64')?.signature).toMatch(/^pread64\(fd, buf, count, off_lo, off_hi\)/);
    expect(docFor('SYSLET_SKIP_TO_NEXT_ON_STOP')?.signature).toBe('SYSLET_SKIP_TO_NEXT_ON_STOP = 0x80');
    expect(docFor('ENOENT')?.text).toContain('-ENOENT');
    expect(docFor('fd_out')).toBeUndefined();
    expect(docMarkdown(docFor('read')!)).toMatch(/^\*\*syscall\*\* `read\(fd, buf, count\)/);
  });
});
