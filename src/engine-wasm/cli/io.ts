// What the commands need from the world, passed in: Node's streams and files
// for the real command (node-io.ts), buffers for the in-process tests.
import type { Kernel } from '../host/kernel.ts';

export interface Io {
  /** `syslet --version` prints it (package.json's version). */
  readonly version: string;
  /** Writes to standard output (1) or standard error (2). */
  write(fd: 1 | 2, data: string | Uint8Array): void;
  /** A file's bytes; throws a Node-style error (with `code`) when it cannot be read. */
  readFile(path: string): Promise<Uint8Array>;
  readStdin(): Promise<Uint8Array>;
  writeFile(path: string, data: string | Uint8Array): Promise<void>;
  /** A fresh kernel (release.wasm). */
  loadKernel(): Promise<Kernel>;
}

const encoder = new TextEncoder();

/**
 * Output in large writes: text for one stream collects until it is big or the
 * other stream is written, so stdout and stderr keep their order on a terminal.
 */
export class Output {
  private fd: 1 | 2 = 1;
  private parts: (string | Uint8Array)[] = [];
  private size = 0;

  constructor(private readonly io: Io) {}

  write(fd: 1 | 2, data: string | Uint8Array): void {
    if (data.length === 0) return;
    if (fd !== this.fd) this.flush();
    this.fd = fd;
    this.parts.push(data);
    this.size += data.length;
    if (this.size >= 1 << 16) this.flush();
  }

  out(text: string): void {
    this.write(1, text);
  }

  err(text: string): void {
    this.write(2, text);
  }

  flush(): void {
    if (!this.parts.length) return;
    const chunks = this.parts.map((p) => (typeof p === 'string' ? encoder.encode(p) : p));
    const all = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
    let at = 0;
    for (const c of chunks) {
      all.set(c, at);
      at += c.length;
    }
    this.parts = [];
    this.size = 0;
    this.io.write(this.fd, all);
  }
}

const ERRNO_TEXT: Readonly<Record<string, string>> = {
  ENOENT: 'no such file or directory',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
};

/** "no such file or directory" for a Node error, else its message. */
export function ioErrorText(e: unknown): string {
  const code = (e as { code?: string }).code;
  return (code && ERRNO_TEXT[code]) ?? (e as Error).message ?? String(e);
}
