// `syslet check FILE [--expect EXPECT]`, for autograders: runs the program and
// prints one line per check, `ok` or `FAIL` (with what the run gave), then a
// summary. The first check is the program's own asserts (it ran to its end),
// unless the expectations file says what `exit` should be.
import type { Parsed } from './args.ts';
import { flagValue, UsageError } from './args.ts';
import { errorAt, exitOf, loadReported, oneFile, overridesOf, type Ctx } from './common.ts';
import { formatDiagnostic, readText } from './program.ts';
import { runProgram } from './runner.ts';
import { parseExpectations, type Expectation } from './expect.ts';
import { judgeCheck, type Observed } from './checks.ts';
import type { Diagnostic } from '../../ui/lang/ast.ts';
import type { Loaded } from './program.ts';

/** Bytes as a string of one char per byte (as the language's string literals hold them). */
function byteString(parts: readonly Uint8Array[]): string {
  let s = '';
  for (const p of parts) for (let i = 0; i < p.length; i += 8192) s += String.fromCharCode(...p.subarray(i, i + 8192));
  return s;
}

async function readExpectations(ctx: Ctx, path: string, loaded: Loaded): Promise<{ file: string; checks: readonly Expectation[] } | null> {
  const src = await readText(ctx.io, path, 'expectations file');
  const parsed = parseExpectations(src.text);
  const diagnostics: Diagnostic[] = [...parsed.diagnostics];
  for (const c of parsed.checks) {
    if (c.kind !== 'var') continue;
    const sym = loaded.layout?.symbols.get(c.name);
    if (sym?.kind !== 'var') {
      const n = c.nameSpan;
      const what = sym ? `is ${sym.kind === 'atom' ? 'an atom' : `a ${sym.kind}`}, not a var,` : 'is not declared';
      diagnostics.push({ line: n.line, column: n.col, endLine: n.endLine, endColumn: n.endCol, severity: 'error', message: `\`${c.name}\` ${what} in ${loaded.file}` });
    }
  }
  diagnostics.sort((a, b) => a.line - b.line || a.column - b.column);
  for (const d of diagnostics) ctx.out.err(formatDiagnostic(src.file, d) + '\n');
  return diagnostics.length ? null : { file: src.file, checks: parsed.checks };
}

export async function checkCommand(p: Parsed, ctx: Ctx): Promise<number> {
  const path = oneFile(p);
  const overrides = overridesOf(p);
  const expectPath = flagValue(p, 'expect');
  if (path === '-' && expectPath === '-') throw new UsageError('the program and the expectations cannot both come from standard input');
  const loaded = await loadReported(ctx, path);
  if (!loaded.program || !loaded.layout) return 2;
  const expected = expectPath === undefined ? { file: '', checks: [] } : await readExpectations(ctx, expectPath, loaded);
  if (!expected) return 2;

  const k = await ctx.io.loadKernel();
  const out: Uint8Array[][] = [[], [], []];
  const r = runProgram(k, { program: loaded.program, layout: loaded.layout, open: loaded.open }, overrides, {
    console: (run) => {
      out[0].push(run.bytes.slice());
      out[run.fd].push(run.bytes.slice());
    },
  });
  const exit = exitOf(r);
  const at = errorAt(loaded, r);
  const symbols = loaded.layout.symbols;
  const observed: Observed = {
    exit,
    console: byteString(out[0]),
    stdout: byteString(out[1]),
    stderr: byteString(out[2]),
    error: r.error?.message ?? '',
    numbers: { exit, posted: r.counters.posted, lost: r.counters.lost, atoms: r.counters.atoms, events: r.events, clock: Number(r.counters.clockNs), threads: r.counters.liveThreads },
    varValue: (name) => {
      const sym = symbols.get(name);
      return sym?.kind === 'var' ? k.i32(sym.addr) : undefined;
    },
  };

  const lines: string[] = [];
  let failed = 0;
  const say = (ok: boolean, text: string) => {
    if (!ok) failed++;
    lines.push(`${ok ? 'ok  ' : 'FAIL'} ${text}`);
  };
  const stopped = at && r.error ? `the program stopped at ${at}: ${r.error.message}` : '';
  if (!expected.checks.some((c) => c.kind === 'number' && c.subject === 'exit')) {
    say(exit === 0, exit === 0 ? `${loaded.file}: the program ran to its end and its asserts held` : `${at}: the program stopped: ${r.error?.message}`);
  }
  for (const c of expected.checks) {
    const v = judgeCheck(c, observed);
    const where = `${expected.file}:${c.line}:${c.column}: ${c.text}`;
    const why = c.kind === 'number' && c.subject === 'exit' && stopped ? ` (${stopped})` : '';
    say(v.ok, v.ok ? where : `${where}: got ${v.got}${why}`);
  }
  const total = lines.length;
  ctx.out.out(lines.join('\n') + `\n${total - failed} ok, ${failed} failed (${total} check${total === 1 ? '' : 's'})\n`);
  if (r.consoleLost) ctx.out.err(`syslet: ${r.consoleLost} bytes of console output were lost before they could be checked\n`);
  return failed ? 1 : 0;
}
