// An Io for the in-process tests: files from a map (else the real disk),
// output kept as bytes per stream, one kernel shared by every run (a Session
// resets it and sets every option, as the page's runs share one kernel).
import { readFile } from 'node:fs/promises';
import type { Kernel } from '../host/kernel.ts';
import type { Io } from './io.ts';

export interface MemoryIo extends Io {
  readonly files: Map<string, string | Uint8Array>;
  stdout(): string;
  stderr(): string;
  /** Every write, in order, with its stream. */
  sequence(): { fd: 1 | 2; text: string }[];
}

export function memoryIo(kernel: () => Promise<Kernel>, files: Record<string, string> = {}, stdin = ''): MemoryIo {
  const out: Uint8Array[][] = [[], []];
  const log: { fd: 1 | 2; bytes: Uint8Array }[] = [];
  const map = new Map<string, string | Uint8Array>(Object.entries(files));
  const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');
  return {
    version: '0.0.0-test',
    files: map,
    write: (fd, data) => {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data.slice();
      out[fd - 1].push(bytes);
      log.push({ fd, bytes });
    },
    readFile: async (path) => {
      const f = map.get(path);
      if (f !== undefined) return typeof f === 'string' ? new TextEncoder().encode(f) : f;
      return new Uint8Array(await readFile(path));
    },
    readStdin: async () => new TextEncoder().encode(stdin),
    writeFile: async (path, data) => {
      if (path.startsWith('/nonexistent/')) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      map.set(path, data);
    },
    loadKernel: kernel,
    stdout: () => text(out[0]),
    stderr: () => text(out[1]),
    sequence: () => log.map((w) => ({ fd: w.fd, text: text([w.bytes]) })),
  };
}
