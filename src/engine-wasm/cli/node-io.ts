// The command's Io in Node: process streams, the file system, and the kernel
// from release.wasm in the engine's build folder.
import { readFile, writeFile } from 'node:fs/promises';
import { writeSync } from 'node:fs';
import { Kernel } from '../host/kernel.ts';
import { instantiateKernel } from '../host/instantiate.ts';
import type { Io } from './io.ts';

async function readAll(stream: NodeJS.ReadableStream): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of stream) parts.push(typeof chunk === 'string' ? new TextEncoder().encode(chunk) : chunk);
  const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    all.set(p, at);
    at += p.length;
  }
  return all;
}

const pause = new Int32Array(new SharedArrayBuffer(4));
/** Streams whose reader has gone (`syslet … | head`): further output to them is dropped. */
const closed = new Set<number>();

/** Writes all of data to fd, waiting while a non-blocking pipe is full. */
function writeAll(fd: number, data: Uint8Array): void {
  let at = 0;
  while (at < data.length && !closed.has(fd)) {
    try {
      at += writeSync(fd, data, at);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EPIPE') closed.add(fd);
      else if (code === 'EAGAIN') Atomics.wait(pause, 0, 0, 1);
      else throw e;
    }
  }
}

export function nodeIo(opts: { wasm: string; version: string }): Io {
  return {
    version: opts.version,
    write: (fd, data) => writeAll(fd, typeof data === 'string' ? new TextEncoder().encode(data) : data),
    readFile: async (path) => new Uint8Array(await readFile(path)),
    readStdin: () => readAll(process.stdin),
    writeFile: (path, data) => writeFile(path, data),
    loadKernel: async () => {
      const kernel = new Kernel(await instantiateKernel(await readFile(opts.wasm)));
      kernel.reset(1);
      return kernel;
    },
  };
}
