// Shared by the command's tests: the command in-process, and a program run
// the page's way (compileSource, a Session run to its end in large batches,
// then the console and trace read from the kernel), to compare with.
import { expect } from 'vitest';
import type { Kernel } from '../host/kernel.ts';
import { readTrace, type TraceRec } from '../host/records.ts';
import { compileSource } from '../../ui/engine/source.ts';
import { Session } from '../../ui/engine/session.ts';
import { main } from './main.ts';
import { memoryIo, type MemoryIo } from './memory-io.ts';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
  readonly io: MemoryIo;
}

export async function cli(k: Kernel, args: string[], files: Record<string, string> = {}, stdin = ''): Promise<CliResult> {
  const io = memoryIo(async () => k, files, stdin);
  const code = await main(args, io);
  return { code, out: io.stdout(), err: io.stderr(), io };
}

export interface PageRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: string;
  readonly trace: TraceRec[];
  readonly session: Session;
}

/** The program run as the page runs it (Run at full speed). The trace is read at the end: keep such programs under 16,384 records. */
export function pageRun(k: Kernel, text: string): PageRun {
  const c = compileSource(text);
  expect(c.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const s = new Session(k, c.program!, c.layout!);
  const from = k.counters().traceSeq;
  while (!s.finished) s.run(100_000);
  const streams = k.consoleStreams();
  const join = (fd: 1 | 2) => streams.filter((r) => r.fd === fd).map((r) => r.text).join('');
  const { records, dropped } = readTrace(k, from);
  return { stdout: join(1), stderr: join(2), status: s.state, trace: dropped ? [] : records, session: s };
}
