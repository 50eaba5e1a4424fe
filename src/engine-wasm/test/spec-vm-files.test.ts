// contract §4: the file syscalls (open, close, read, write, lseek, unlink, pread64,
// pwrite64), open flags, the fd table, path limits and the boot image.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm, bootFile } from './vm-helpers.ts';
import * as L from '../abi/layout.ts';
import * as F from '../abi/flags.ts';
import * as S from '../abi/syscall.ts';
import * as E from '../abi/errno.ts';

let vm: Vm;
beforeAll(async () => {
  vm = await Vm.load();
});
beforeEach(() => vm.fresh());
afterEach(() => vm.restoreOptions());

const decoder = new TextDecoder();
const CREATE = F.O_CREAT | F.O_RDWR;

/** Creates path holding text; returns an O_RDWR fd at offset 0. */
function makeFile(path: string, text: string): number {
  const fd = vm.open(path, CREATE);
  expect(fd).toBeGreaterThanOrEqual(0);
  expect(vm.write(fd, text)).toBe(text.length);
  expect(vm.lseek(fd, 0, F.SEEK_SET)).toBe(0);
  return fd;
}

/** The whole content of path, read through a fresh fd. */
function slurp(path: string): string {
  const fd = vm.open(path);
  expect(fd).toBeGreaterThanOrEqual(0);
  const { r, text } = vm.read(fd, 1 << 16);
  expect(r).toBeGreaterThanOrEqual(0);
  expect(vm.close(fd)).toBe(0);
  return text;
}

describe('§4 open, close, read, write, lseek, unlink', () => {
  test('§4 open returns the lowest free fd and read returns the file bytes', () => {
    expect(vm.open('/etc/motd')).toBe(3);
    expect(vm.open('/etc/motd')).toBe(4);
    expect(vm.close(3)).toBe(0);
    expect(vm.open('/etc/motd')).toBe(3);
    const motd = decoder.decode(bootFile('/etc/motd'));
    const { r, text } = vm.read(3, 4096);
    expect(r).toBe(motd.length);
    expect(text).toBe(motd);
    expect(vm.read(3, 4096).r).toBe(0); // end of file
  });

  test('§4 open of a missing path gives -ENOENT unless O_CREAT; any absolute path can be created', () => {
    expect(vm.open('/no/such/dir/file')).toBe(-E.ENOENT);
    expect(vm.open('/no/such/dir/file', F.O_RDWR)).toBe(-E.ENOENT);
    // No directories: the path is created as it stands.
    const fd = vm.open('/no/such/dir/file', CREATE);
    expect(fd).toBe(3);
    expect(vm.lseek(fd, 0, F.SEEK_END)).toBe(0);
    expect(vm.write(fd, 'x')).toBe(1);
    expect(slurp('/no/such/dir/file')).toBe('x');
    // O_CREAT on an existing file opens it as it is.
    expect(vm.open('/no/such/dir/file', CREATE)).toBeGreaterThanOrEqual(0);
    expect(slurp('/no/such/dir/file')).toBe('x');
    // The namespace is of absolute paths: an empty path names nothing (as Linux).
    expect(vm.open('', CREATE)).toBe(-E.ENOENT);
  });

  test('§4 O_TRUNC empties an existing file opened for writing', () => {
    vm.close(makeFile('/tmp/t', 'hello world'));
    const fd = vm.open('/tmp/t', F.O_WRONLY | F.O_TRUNC);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(vm.lseek(fd, 0, F.SEEK_END)).toBe(0);
    expect(vm.file('/tmp/t').size).toBe(0);
    expect(vm.write(fd, 'new')).toBe(3);
    expect(slurp('/tmp/t')).toBe('new');
    // A boot file too.
    expect(vm.open('/usr/share/dict/words', F.O_RDWR | F.O_TRUNC)).toBeGreaterThanOrEqual(0);
    expect(slurp('/usr/share/dict/words')).toBe('');
  });

  test('§4 O_APPEND writes go to the end of the file whatever the offset', () => {
    vm.close(makeFile('/tmp/a', 'abc'));
    const fd = vm.open('/tmp/a', F.O_WRONLY | F.O_APPEND);
    expect(vm.lseek(fd, 0, F.SEEK_SET)).toBe(0);
    expect(vm.write(fd, 'def')).toBe(3);
    expect(vm.lseek(fd, 1, F.SEEK_SET)).toBe(1);
    expect(vm.write(fd, 'gh')).toBe(2);
    expect(vm.lseek(fd, 0, F.SEEK_CUR)).toBe(8);
    expect(slurp('/tmp/a')).toBe('abcdefgh');
  });

  test('§4 the access mode decides what an fd allows: O_RDONLY, O_WRONLY, O_RDWR', () => {
    vm.close(makeFile('/tmp/m', 'data'));
    const { k } = vm;
    const buf = vm.buf(8);
    const ro = vm.open('/tmp/m', F.O_RDONLY);
    const wo = vm.open('/tmp/m', F.O_WRONLY);
    const rw = vm.open('/tmp/m', F.O_RDWR);
    expect(k.syscall(S.SYS_write, ro, buf, 1)).toBe(-E.EBADF);
    expect(k.syscall(S.SYS_pwrite64, ro, buf, 1, 0, 0)).toBe(-E.EBADF);
    expect(k.syscall(S.SYS_read, ro, buf, 4)).toBe(4);
    expect(k.syscall(S.SYS_read, wo, buf, 1)).toBe(-E.EBADF);
    expect(k.syscall(S.SYS_pread64, wo, buf, 1, 0, 0)).toBe(-E.EBADF);
    expect(vm.write(wo, 'D')).toBe(1);
    expect(vm.write(rw, 'X')).toBe(1);
    expect(vm.read(rw, 8).text).toBe('ata');
    expect(slurp('/tmp/m')).toBe('Xata');
  });

  test('§4 write and read move the offset; lseek sets it with SEEK_SET, SEEK_CUR and SEEK_END', () => {
    const fd = vm.open('/tmp/s', CREATE);
    expect(vm.write(fd, 'hello world')).toBe(11);
    expect(vm.lseek(fd, 0, F.SEEK_CUR)).toBe(11);
    expect(vm.lseek(fd, 6, F.SEEK_SET)).toBe(6);
    expect(vm.read(fd, 5).text).toBe('world');
    expect(vm.read(fd, 5).r).toBe(0);
    expect(vm.lseek(fd, -5, F.SEEK_END)).toBe(6);
    expect(vm.lseek(fd, -6, F.SEEK_CUR)).toBe(0);
    expect(vm.read(fd, 5).text).toBe('hello');
    // Past the end: the gap reads as zeros (Linux's sparse files).
    expect(vm.lseek(fd, 4, F.SEEK_END)).toBe(15);
    expect(vm.write(fd, '!')).toBe(1);
    expect(vm.lseek(fd, 11, F.SEEK_SET)).toBe(11);
    expect(vm.read(fd, 10).text).toBe('\0\0\0\0!');
    // Linux errors.
    expect(vm.lseek(fd, -1, F.SEEK_SET)).toBe(-E.EINVAL);
    expect(vm.lseek(fd, 0, 3)).toBe(-E.EINVAL);
    expect(vm.lseek(99, 0, F.SEEK_SET)).toBe(-E.EBADF);
    expect(vm.lseek(fd, 0, F.SEEK_CUR)).toBe(11 + 5);
  });

  test('§4 close frees the fd; a closed or never-opened fd gives -EBADF', () => {
    const fd = vm.open('/etc/motd');
    expect(vm.close(fd)).toBe(0);
    expect(vm.close(fd)).toBe(-E.EBADF);
    expect(vm.read(fd, 4).r).toBe(-E.EBADF);
    expect(vm.write(fd, 'x')).toBe(-E.EBADF);
    expect(vm.close(63)).toBe(-E.EBADF);
    expect(vm.close(64)).toBe(-E.EBADF);
    expect(vm.close(-1 >>> 0)).toBe(-E.EBADF);
    expect(vm.k.syscall(S.SYS_fsync, 40)).toBe(-E.EBADF);
  });

  test('§4 unlink removes the name; an fd still open keeps the data (as Linux)', () => {
    const fd = makeFile('/tmp/u', 'data');
    const { k } = vm;
    expect(k.syscall(S.SYS_unlink, vm.str('/tmp/u'))).toBe(0);
    expect(vm.open('/tmp/u')).toBe(-E.ENOENT);
    expect(k.syscall(S.SYS_unlink, vm.str('/tmp/u'))).toBe(-E.ENOENT);
    expect(vm.read(fd, 8).text).toBe('data');
    // The name can be created anew, empty.
    expect(vm.open('/tmp/u', CREATE)).toBeGreaterThanOrEqual(0);
    expect(slurp('/tmp/u')).toBe('');
    // Boot files can be unlinked too.
    expect(k.syscall(S.SYS_unlink, vm.str('/etc/motd'))).toBe(0);
    expect(vm.open('/etc/motd')).toBe(-E.ENOENT);
  });

  test('§4 pread64/pwrite64 take (fd, buf, count, off_lo, off_hi) and leave the file offset alone', () => {
    const { k } = vm;
    const fd = makeFile('/tmp/p', 'abcdef');
    expect(vm.read(fd, 2).text).toBe('ab');
    const src = vm.data('XYZ');
    expect(k.syscall(S.SYS_pwrite64, fd, src.ptr, 3, 5000, 0)).toBe(3);
    expect(vm.lseek(fd, 0, F.SEEK_CUR)).toBe(2);
    expect(vm.file('/tmp/p').size).toBe(5003);
    const dst = vm.buf(8);
    expect(k.syscall(S.SYS_pread64, fd, dst, 8, 4999, 0)).toBe(4);
    expect(vm.text(dst, 4)).toBe('\0XYZ');
    expect(k.syscall(S.SYS_pread64, fd, dst, 2, 3, 0)).toBe(2);
    expect(vm.text(dst, 2)).toBe('de');
    expect(vm.lseek(fd, 0, F.SEEK_CUR)).toBe(2);
    expect(vm.read(fd, 2).text).toBe('cd');
    // off_hi counts: 2^32 + 3 is far past the end of the file.
    expect(k.syscall(S.SYS_pread64, fd, dst, 2, 3, 1)).toBe(0);
    // A negative 64-bit offset is -EINVAL, a pipe -ESPIPE (Linux).
    expect(k.syscall(S.SYS_pread64, fd, dst, 2, 0, 0x80000000)).toBe(-E.EINVAL);
    const p = vm.pipe();
    expect(k.syscall(S.SYS_pread64, p.rfd, dst, 2, 0, 0)).toBe(-E.ESPIPE);
    expect(k.syscall(S.SYS_pwrite64, p.wfd, src.ptr, 2, 0, 0)).toBe(-E.ESPIPE);
  });
});

describe('§4 the fd table', () => {
  test('§4 fd 0 reads as empty; fds 1 and 2 write to the console', () => {
    const { k } = vm;
    const buf = vm.buf(16, 0xee);
    expect(k.syscall(S.SYS_read, 0, buf, 16)).toBe(0);
    expect(k.bytes(buf, 16).every((b) => b === 0xee)).toBe(true);
    expect(vm.write(1, 'to stdout\n')).toBe(10);
    expect(vm.write(2, 'to stderr\n')).toBe(10);
    expect(vm.write(1, '')).toBe(0);
    expect(k.consoleText()).toBe('to stdout\nto stderr\n');
  });

  test('§4 at least 64 fds can be open; beyond the table open and pipe give -EMFILE', () => {
    const fds: number[] = [0, 1, 2];
    let r = 0;
    for (let i = 0; i < 4096; i++) {
      r = vm.open('/dev/null');
      if (r < 0) break;
      fds.push(r);
    }
    expect(r).toBe(-E.EMFILE);
    expect(fds.length).toBeGreaterThanOrEqual(64);
    expect(new Set(fds).size).toBe(fds.length);
    expect(vm.pipe().r).toBe(-E.EMFILE);
    // One free fd is not enough for a pipe, and the failed pipe takes none.
    expect(vm.close(40)).toBe(0);
    expect(vm.pipe().r).toBe(-E.EMFILE);
    expect(vm.open('/dev/null')).toBe(40);
    // Two free fds are.
    expect(vm.close(7)).toBe(0);
    expect(vm.close(9)).toBe(0);
    expect(vm.pipe()).toEqual({ r: 0, rfd: 7, wfd: 9 });
  });

  test('§4 paths longer than 4096 bytes give -ENAMETOOLONG', () => {
    const { k } = vm;
    // The longest path: 4095 bytes and its NUL, 4096 bytes in all.
    const longest = '/' + 'a'.repeat(4094);
    const fd = vm.open(longest, CREATE);
    expect(fd).toBeGreaterThanOrEqual(0);
    expect(vm.write(fd, 'deep')).toBe(4);
    expect(slurp(longest)).toBe('deep');
    expect(k.syscall(S.SYS_unlink, vm.str(longest))).toBe(0);
    // 4097 bytes without the NUL: too long for open, O_CREAT and unlink.
    const tooLong = '/' + 'b'.repeat(4096);
    expect(vm.open(tooLong)).toBe(-E.ENAMETOOLONG);
    expect(vm.open(tooLong, CREATE)).toBe(-E.ENAMETOOLONG);
    expect(k.syscall(S.SYS_unlink, vm.str(tooLong))).toBe(-E.ENAMETOOLONG);
    expect(vm.open('/' + 'c'.repeat(20000), CREATE)).toBe(-E.ENAMETOOLONG);
    // Exactly 4096 bytes before the NUL: the contract's "at most 4096 bytes" read as Linux's
    // PATH_MAX, which counts the NUL, so the kernel refuses it too.
    expect(vm.open('/' + 'd'.repeat(4095), CREATE)).toBe(-E.ENAMETOOLONG);
  });
});

describe('§4 boot image', () => {
  test('§4 the boot image holds /dev/null, /dev/zero, /dev/tty, /proc/sys/vm/drop_caches, /etc/motd and /usr/share/dict/words', () => {
    for (const path of ['/dev/null', '/dev/zero', '/dev/tty', '/proc/sys/vm/drop_caches', '/etc/motd', '/usr/share/dict/words']) {
      const fd = vm.open(path, F.O_RDONLY);
      expect(fd, path).toBeGreaterThanOrEqual(0);
      expect(vm.close(fd)).toBe(0);
    }
    expect(vm.file('/dev/null').kind).toBe('device');
    expect(vm.file('/dev/tty').kind).toBe('device');
    expect(vm.file('/etc/motd').kind).toBe('file');
  });

  test('§4 /dev/null reads empty and swallows writes; /dev/zero reads zeros; /dev/tty is the console', () => {
    const { k } = vm;
    const nul = vm.open('/dev/null', F.O_RDWR);
    expect(vm.read(nul, 16).r).toBe(0);
    expect(vm.write(nul, 'gone')).toBe(4);
    const zero = vm.open('/dev/zero');
    const buf = vm.buf(100, 0xff);
    expect(k.syscall(S.SYS_read, zero, buf, 100)).toBe(100);
    expect(k.bytes(buf, 100).every((b) => b === 0)).toBe(true);
    const tty = vm.open('/dev/tty', F.O_WRONLY);
    expect(vm.write(tty, 'via tty\n')).toBe(8);
    expect(vm.write(1, 'via fd 1\n')).toBe(9);
    expect(k.consoleText()).toBe('via tty\nvia fd 1\n');
  });

  test('§4 /etc/motd is a short text and /usr/share/dict/words a word list of at least four pages', () => {
    const motd = slurp('/etc/motd');
    expect(motd.length).toBeGreaterThan(0);
    expect(motd.length).toBeLessThan(L.PAGE_BYTES);
    expect(motd).toBe(decoder.decode(bootFile('/etc/motd')));
    const fd = vm.open('/usr/share/dict/words');
    const size = vm.lseek(fd, 0, F.SEEK_END);
    expect(size).toBeGreaterThanOrEqual(4 * L.PAGE_BYTES);
    const words = slurp('/usr/share/dict/words');
    expect(words.length).toBe(size);
    expect(words).toBe(decoder.decode(bootFile('/usr/share/dict/words')));
    const list = words.trimEnd().split('\n');
    expect(list.length).toBeGreaterThan(1000);
    expect(list.every((w) => /^\S+$/.test(w))).toBe(true);
  });
});
