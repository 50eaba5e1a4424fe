// contract §4: the page cache and the disk. Boot files start cold, a read of a
// cold page waits a disk latency (OPT_DISK_LATENCY_NS + jitter below
// OPT_DISK_JITTER_NS), written pages are cached, drop_caches evicts, and fsync
// waits only for pages written since the last sync.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { Vm, bootFile } from './vm-helpers.ts';
import { readFiles } from '../host/records.ts';
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

const LAT = 3_000_000;
const decoder = new TextDecoder();
const WORDS = '/usr/share/dict/words';

/** pread64(fd, buf, n, off) timed: result, virtual time taken and the bytes. */
function pread(fd: number, n: number, off: number): { r: number; dt: bigint; text: string } {
  const buf = vm.buf(n);
  const { r, dt } = vm.timed(() => vm.k.syscall(S.SYS_pread64, fd, buf, n, off, 0));
  return { r, dt, text: r > 0 ? vm.text(buf, r) : '' };
}

function dropCaches(value: string): number {
  const fd = vm.open('/proc/sys/vm/drop_caches', F.O_WRONLY);
  expect(fd).toBeGreaterThanOrEqual(0);
  const r = vm.write(fd, value);
  expect(vm.close(fd)).toBe(0);
  return r;
}

describe('§4 page cache', () => {
  test('§4 files of the boot image start cold: none of their pages is cached', () => {
    const files = readFiles(vm.k).filter((f) => f.kind === 'file');
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['/etc/motd', WORDS]));
    for (const f of files) {
      expect(f.pages.length, f.path).toBe(Math.ceil(f.size / L.PAGE_BYTES));
      expect(f.pages.every((p) => p === 'cold'), f.path).toBe(true);
    }
  });

  test('§4 read of a cold page waits one disk latency, then the page is cached', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open('/etc/motd');
    const motd = decoder.decode(bootFile('/etc/motd'));
    const buf = vm.buf(100);
    const first = vm.timed(() => vm.k.syscall(S.SYS_read, fd, buf, 100));
    expect(first).toEqual({ r: 100, dt: vm.syscallNs + BigInt(LAT) });
    expect(vm.text(buf, 100)).toBe(motd.slice(0, 100));
    expect(vm.file('/etc/motd').pages).toEqual(['cached']);
    // The second read of the page is a cache hit: no wait.
    const second = vm.timed(() => vm.k.syscall(S.SYS_read, fd, buf, 100));
    expect(second).toEqual({ r: 100, dt: vm.syscallNs });
    expect(vm.text(buf, 100)).toBe(motd.slice(100, 200));
  });

  test('§4 the disk latency is OPT_DISK_LATENCY_NS plus a seeded jitter below OPT_DISK_JITTER_NS', () => {
    vm.k.setOption(L.OPT_DISK_LATENCY_NS, 1_000_000);
    vm.k.setOption(L.OPT_DISK_JITTER_NS, 1_000);
    const fd = vm.open(WORDS);
    const waits: bigint[] = [];
    for (let pg = 0; pg < 4; pg++) {
      const { r, dt } = pread(fd, 1, pg * L.PAGE_BYTES);
      expect(r).toBe(1);
      waits.push(dt - vm.syscallNs);
    }
    for (const w of waits) {
      expect(w).toBeGreaterThanOrEqual(1_000_000n);
      expect(w).toBeLessThan(1_001_000n);
    }
    expect(new Set(waits).size).toBeGreaterThan(1);
  });

  test('§4 pread64 of a cold page waits too, and only the pages it touches become cached', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open(WORDS);
    const words = decoder.decode(bootFile(WORDS));
    const off = 2 * L.PAGE_BYTES + 10;
    const first = pread(fd, 20, off);
    expect(first).toEqual({ r: 20, dt: vm.syscallNs + BigInt(LAT), text: words.slice(off, off + 20) });
    expect(vm.file(WORDS).pages.slice(0, 4)).toEqual(['cold', 'cold', 'cached', 'cold']);
    expect(pread(fd, 20, off).dt).toBe(vm.syscallNs);
  });

  test('§4 a read touching several cold pages waits one disk latency in all', () => {
    // Kernel choice (the contract: "waits a disk latency"): the cold pages of one read are fetched together.
    vm.fixedDisk(LAT);
    const fd = vm.open(WORDS);
    const words = decoder.decode(bootFile(WORDS));
    const n = 2 * L.PAGE_BYTES + 100;
    const first = pread(fd, n, 100);
    expect(first.r).toBe(n);
    expect(first.dt).toBe(vm.syscallNs + BigInt(LAT));
    expect(first.text).toBe(words.slice(100, 100 + n));
    expect(vm.file(WORDS).pages.slice(0, 4)).toEqual(['cached', 'cached', 'cached', 'cold']);
  });

  test('§4 pages written by syscalls are cached: reading them back does not wait', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open('/tmp/w', F.O_CREAT | F.O_RDWR);
    const text = 'w'.repeat(2 * L.PAGE_BYTES + 100);
    expect(vm.timed(() => vm.write(fd, text)).dt).toBe(vm.syscallNs);
    expect(vm.file('/tmp/w').pages).toEqual(['cached', 'cached', 'cached']);
    const back = pread(fd, text.length, 0);
    expect(back).toEqual({ r: text.length, dt: vm.syscallNs, text });
    // Writing into a cold page of a boot file caches that page; the write itself does not wait.
    const words = vm.open(WORDS, F.O_RDWR);
    const src = vm.data('XY');
    const w = vm.timed(() => vm.k.syscall(S.SYS_pwrite64, words, src.ptr, 2, L.PAGE_BYTES + 5, 0));
    expect(w).toEqual({ r: 2, dt: vm.syscallNs });
    expect(vm.file(WORDS).pages.slice(0, 3)).toEqual(['cold', 'cached', 'cold']);
    const hit = pread(words, 4, L.PAGE_BYTES + 4);
    expect(hit.dt).toBe(vm.syscallNs);
    expect(hit.text.slice(1, 3)).toBe('XY');
  });

  test('§4 writing "1" or "3" to /proc/sys/vm/drop_caches evicts every page', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open('/etc/motd');
    expect(pread(fd, 10, 0).dt).toBe(vm.syscallNs + BigInt(LAT));
    expect(dropCaches('1')).toBe(1);
    expect(vm.file('/etc/motd').pages).toEqual(['cold']);
    expect(pread(fd, 10, 0).dt).toBe(vm.syscallNs + BigInt(LAT));
    expect(vm.file('/etc/motd').pages).toEqual(['cached']);
    // "3" with a trailing newline, as `echo 3 > drop_caches` writes it.
    expect(dropCaches('3\n')).toBe(2);
    expect(vm.file('/etc/motd').pages).toEqual(['cold']);
    expect(pread(fd, 10, 0).dt).toBe(vm.syscallNs + BigInt(LAT));
    expect(dropCaches('1\n')).toBe(2);
    expect(dropCaches('3')).toBe(1);
    expect(readFiles(vm.k).every((f) => f.pages.every((p) => p !== 'cached'))).toBe(true);
  });

  test('§4 writing "2" to drop_caches is accepted and evicts nothing', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open('/etc/motd');
    expect(pread(fd, 10, 0).dt).toBe(vm.syscallNs + BigInt(LAT));
    expect(dropCaches('2')).toBe(1);
    expect(dropCaches('2\n')).toBe(2);
    expect(vm.file('/etc/motd').pages).toEqual(['cached']);
    expect(pread(fd, 10, 0).dt).toBe(vm.syscallNs);
    // Other values are refused (kernel choice; Linux refuses 0 as well).
    expect(dropCaches('0')).toBe(-E.EINVAL);
    expect(vm.file('/etc/motd').pages).toEqual(['cached']);
  });

  test('§4 file data survives drop_caches', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open('/tmp/keep', F.O_CREAT | F.O_RDWR);
    const text = 'k'.repeat(L.PAGE_BYTES) + 'tail';
    expect(vm.write(fd, text)).toBe(text.length);
    expect(dropCaches('3')).toBe(1);
    expect(vm.file('/tmp/keep').pages).toEqual(['cold', 'cold']);
    const back = pread(fd, text.length, 0);
    expect(back).toEqual({ r: text.length, dt: vm.syscallNs + BigInt(LAT), text });
    const words = vm.open(WORDS);
    expect(pread(words, 64, 0).text).toBe(decoder.decode(bootFile(WORDS).slice(0, 64)));
  });
});

describe('§4 fsync', () => {
  test('§4 fsync waits a disk latency only when pages were written since the last sync', () => {
    vm.fixedDisk(LAT);
    const { k } = vm;
    const fd = vm.open('/tmp/f', F.O_CREAT | F.O_RDWR);
    // Nothing written yet: at once.
    expect(vm.timed(() => k.syscall(S.SYS_fsync, fd))).toEqual({ r: 0, dt: vm.syscallNs });
    expect(vm.write(fd, 'dirty')).toBe(5);
    expect(vm.timed(() => k.syscall(S.SYS_fsync, fd))).toEqual({ r: 0, dt: vm.syscallNs + BigInt(LAT) });
    // Synced: the next fsync does not wait.
    expect(vm.timed(() => k.syscall(S.SYS_fsync, fd))).toEqual({ r: 0, dt: vm.syscallNs });
    // Reading does not dirty a page.
    expect(pread(fd, 5, 0).text).toBe('dirty');
    expect(vm.timed(() => k.syscall(S.SYS_fsync, fd))).toEqual({ r: 0, dt: vm.syscallNs });
    // pwrite64 dirties as write does; any fd of the file sees it.
    const src = vm.data('!');
    expect(k.syscall(S.SYS_pwrite64, fd, src.ptr, 1, 0, 0)).toBe(1);
    const other = vm.open('/tmp/f');
    expect(vm.timed(() => k.syscall(S.SYS_fsync, other))).toEqual({ r: 0, dt: vm.syscallNs + BigInt(LAT) });
    expect(vm.timed(() => k.syscall(S.SYS_fsync, fd))).toEqual({ r: 0, dt: vm.syscallNs });
  });

  test('§4 fsync of a boot file that was never written does not wait', () => {
    vm.fixedDisk(LAT);
    const fd = vm.open(WORDS);
    expect(vm.timed(() => vm.k.syscall(S.SYS_fsync, fd))).toEqual({ r: 0, dt: vm.syscallNs });
  });

  test('§4 fsync of a pipe or a device gives -EINVAL, of a bad fd -EBADF (Linux)', () => {
    const { k } = vm;
    const p = vm.pipe();
    expect(k.syscall(S.SYS_fsync, p.rfd)).toBe(-E.EINVAL);
    expect(k.syscall(S.SYS_fsync, p.wfd)).toBe(-E.EINVAL);
    expect(k.syscall(S.SYS_fsync, vm.open('/dev/null'))).toBe(-E.EINVAL);
    expect(k.syscall(S.SYS_fsync, 50)).toBe(-E.EBADF);
  });

  test('§4 an fsync atom in a cachemiss thread waits the disk latency, then completes', () => {
    vm.fixedDisk(LAT);
    const { k } = vm;
    const fd = vm.open('/tmp/g', F.O_CREAT | F.O_RDWR);
    expect(vm.write(fd, 'x')).toBe(1);
    const r = vm.img.ring(4);
    const ret = vm.img.word(0x5555);
    const a = vm.atom({ nr: S.SYS_fsync, args: vm.args(fd), ret });
    const t0 = vm.clock();
    expect(k.syscall(S.SYS_async_exec, a, r.ahu)).toBe(0);
    expect(k.u32(ret)).toBe(0x5555);
    expect(k.syscall(S.SYS_async_wait, 1, 0, r.ahu)).toBe(1);
    expect(k.i32(ret)).toBe(0);
    const done = vm.trace().find((t) => t.kind === 'atom' && t.atom === a);
    expect(done?.time).toBe(t0 + vm.syscallNs + BigInt(LAT) + vm.atomNs);
  });
});
