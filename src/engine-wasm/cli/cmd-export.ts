// `syslet export trace FILE [-o OUT] [--format text|…]`: the kernel trace of a
// run, to standard output or OUT. The console is not printed (the trace shows
// each write); the run's error goes to stderr and sets exit status 1, the
// trace of the run up to the error is still written.
import type { Parsed } from './args.ts';
import { flagValue, hasFlag, UsageError } from './args.ts';
import { exportC } from '../../ui/lang/c/export.ts';
import { C_HEADER } from '../../ui/share/export-c.ts';
import { exitOf, loadReported, oneFile, overridesOf, reportRunEnd, type Ctx } from './common.ts';
import { runProgram, type Traced } from './runner.ts';
import { TRACE_FORMATS, traceFormat } from './trace-formats.ts';
import { ioErrorText } from './io.ts';

/** Writes an export to `-o OUT`, or standard output without it. An unwritable OUT is exit status 2. */
export async function writeExport(ctx: Ctx, p: Parsed, text: string): Promise<boolean> {
  const path = flagValue(p, 'output');
  if (path === undefined || path === '-') {
    ctx.out.out(text);
    return true;
  }
  try {
    await ctx.io.writeFile(path, text);
    return true;
  } catch (e) {
    ctx.out.err(`syslet: cannot write ${path}: ${ioErrorText(e)}\n`);
    return false;
  }
}

export async function exportTraceCommand(p: Parsed, ctx: Ctx): Promise<number> {
  const path = oneFile(p);
  const overrides = overridesOf(p);
  const name = flagValue(p, 'format') ?? 'text';
  const format = traceFormat(name);
  if (!format) throw new UsageError(`--format: \`${name}\` is not a trace format (${TRACE_FORMATS.map((f) => f.name).join(', ')})`);
  const loaded = await loadReported(ctx, path);
  if (!loaded.program || !loaded.layout) return 2;
  const k = await ctx.io.loadKernel();
  const records: Traced[] = [];
  const r = runProgram(k, { program: loaded.program, layout: loaded.layout, open: loaded.open }, overrides, { console: () => {}, trace: (t) => records.push(t) });
  const text = format.render(records, { file: loaded.file, atoms: loaded.layout.names.atoms });
  const written = await writeExport(ctx, p, text);
  reportRunEnd(ctx, loaded, r);
  return written ? exitOf(r) : 2;
}

/**
 * `syslet export c FILE [-o OUT]`: the program as one C file against syslet.h
 * (docs/c.md), the page's Export C. `--header` writes syslet.h itself instead.
 */
export async function exportCCommand(p: Parsed, ctx: Ctx): Promise<number> {
  if (hasFlag(p, 'header')) {
    if (p.operands.length > 0) throw new UsageError(`--header takes no FILE; also given: ${p.operands.join(' ')}`);
    return (await writeExport(ctx, p, C_HEADER.text)) ? 0 : 2;
  }
  const path = oneFile(p);
  if (!path.endsWith('.syslet') && path !== '-') throw new UsageError(`${path}: export c reads a syslet program (.syslet), or - for one on standard input`);
  const loaded = await loadReported(ctx, path);
  if (!loaded.program || !loaded.layout) return 2;
  const base = path === '-' ? 'program' : /([^/\\]*)\.syslet$/.exec(path)![1];
  const out = exportC(loaded.program, loaded.layout, { name: base.replace(/[^\w.-]+/g, '-') || 'program' });
  return (await writeExport(ctx, p, out.text)) ? 0 : 2;
}
