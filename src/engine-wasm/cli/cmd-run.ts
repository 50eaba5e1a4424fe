// `syslet run FILE`: runs a program to its end. The console goes to standard
// output (the runs a program wrote to fd 2 to standard error), `--trace` adds
// the kernel trace on standard error as strace does, `--json` prints one JSON
// object instead.
import { formatTraceLine } from '../host/trace-format.ts';
import type { ConsoleRun } from '../host/console-read.ts';
import type { Parsed } from './args.ts';
import { hasFlag } from './args.ts';
import { exitOf, loadReported, runError, oneFile, overridesOf, reportRunEnd, type Ctx } from './common.ts';
import { runProgram, type Traced } from './runner.ts';
import { optionsInForce } from './kernel-options.ts';
import { traceJson } from './trace-formats.ts';

const decoder = new TextDecoder();

function joined(runs: readonly ConsoleRun[], fd?: 1 | 2): string {
  const parts = runs.filter((r) => fd === undefined || r.fd === fd);
  const all = new Uint8Array(parts.reduce((n, r) => n + r.bytes.length, 0));
  let at = 0;
  for (const r of parts) {
    all.set(r.bytes, at);
    at += r.bytes.length;
  }
  return decoder.decode(all);
}

export async function runCommand(p: Parsed, ctx: Ctx): Promise<number> {
  const path = oneFile(p);
  const overrides = overridesOf(p);
  const json = hasFlag(p, 'json');
  const trace = hasFlag(p, 'trace');
  const loaded = await loadReported(ctx, path);
  const diagnostics = loaded.diagnostics;
  if (!loaded.program || !loaded.layout) {
    if (json) ctx.out.out(JSON.stringify({ file: loaded.file, exit: 2, status: 'invalid', diagnostics }) + '\n');
    return 2;
  }
  const k = await ctx.io.loadKernel();
  const atoms = loaded.layout.names.atoms;
  const runs: ConsoleRun[] = [];
  const traced: Traced[] = [];
  const r = runProgram(k, { program: loaded.program, layout: loaded.layout, open: loaded.open }, overrides, {
    console: json ? (run) => runs.push({ fd: run.fd, bytes: run.bytes.slice() }) : (run) => ctx.out.write(run.fd, run.bytes.slice()),
    ...(trace ? { trace: json ? (t: Traced) => traced.push(t) : (t: Traced) => ctx.out.err(formatTraceLine(t.rec) + '\n') } : {}),
  });
  reportRunEnd(ctx, loaded, r);
  const exit = exitOf(r);
  if (json) {
    const c = r.counters;
    ctx.out.out(
      JSON.stringify({
        file: loaded.file,
        exit,
        status: r.status,
        error: runError(loaded, r),
        diagnostics,
        console: joined(runs),
        stdout: joined(runs, 1),
        stderr: joined(runs, 2),
        consoleLost: r.consoleLost,
        events: r.events,
        counters: { clockNs: Number(c.clockNs), kernelEvents: c.events, atoms: c.atoms, posted: c.posted, lost: c.lost, liveThreads: c.liveThreads },
        options: optionsInForce(loaded.program, overrides),
        ...(trace ? { trace: traced.map((t) => traceJson(t, atoms)), traceLost: r.traceLost } : {}),
      }) + '\n',
    );
  }
  return exit;
}
