// Diagnostics out of clang's and wasm-ld's stderr: `file:line:col: severity:
// message` lines, and the linker's undefined symbols (placed at the symbol's
// first use in the source).

export type CSeverity = 'error' | 'warning' | 'note';

export interface CDiagnostic {
  /** The file it is in: the program's own name, or syslet.h. */
  readonly file: string;
  /** 1-based; a diagnostic without a known place is put at 1:1. */
  readonly line: number;
  readonly col: number;
  readonly severity: CSeverity;
  readonly message: string;
}

const CLANG_LINE = /^(.+?):(\d+):(\d+): (fatal error|error|warning|note): (.*)$/;
const LLD_LINE = /^wasm-ld: (error|warning): (.*)$/;
const UNDEFINED = /undefined symbol: ([A-Za-z_]\w*)/;

/** Where identifier `name` is first used in `source` (1-based), or 1:1. */
export function firstUse(source: string, name: string): { line: number; col: number } {
  const m = new RegExp(`\\b${name}\\b`).exec(source);
  if (!m) return { line: 1, col: 1 };
  const before = source.slice(0, m.index);
  const line = before.split('\n').length;
  return { line, col: m.index - before.lastIndexOf('\n') };
}

/** Every diagnostic in a compile log; the linker's are given the program file and a place in `source`. */
export function parseDiagnostics(log: string, fileName: string, source: string): CDiagnostic[] {
  const out: CDiagnostic[] = [];
  for (const raw of log.split('\n')) {
    const line = raw.replace(/\r$/, '');
    const c = CLANG_LINE.exec(line);
    if (c) {
      const severity = c[4] === 'fatal error' ? 'error' : (c[4] as CSeverity);
      out.push({ file: c[1], line: Number(c[2]), col: Number(c[3]), severity, message: c[5].trim() });
      continue;
    }
    const l = LLD_LINE.exec(line);
    if (!l) continue;
    const undef = UNDEFINED.exec(l[2]);
    if (undef) {
      const name = undef[1];
      const at = firstUse(source, name);
      const message = `\`${name}\` is declared but defined nowhere: syslet.h does not provide it, and a program is one file (docs/c.md)`;
      out.push({ file: fileName, ...at, severity: l[1] as CSeverity, message });
    } else {
      out.push({ file: fileName, line: 1, col: 1, severity: l[1] as CSeverity, message: `linker: ${l[2].replace(/^[^:]*\.o: /, '')}` });
    }
  }
  return out;
}
