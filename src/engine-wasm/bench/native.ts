// The C reference loop (ref-loop.c), built with the system's C compiler when there is one.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface RefLoop {
  /** How it was built, for the report. */
  readonly how: string;
  /** Runs the loop once; returns nanoseconds per atom (wall clock). */
  run(iterations: number): number;
}

/** Builds ref-loop.c with `cc -O3 -march=native`; null and why when that cannot be done. */
export function buildRefLoop(): RefLoop | { missing: string } {
  const cc = process.env.CC ?? 'cc';
  const version = spawnSync(cc, ['--version'], { encoding: 'utf8' });
  if (version.error || version.status !== 0) return { missing: `no C compiler (\`${cc}\` not found)` };
  const out = join(mkdtempSync(join(tmpdir(), 'syslet-ref-')), 'ref-loop');
  const src = fileURLToPath(new URL('./ref-loop.c', import.meta.url));
  const flags = ['-O3', '-march=native'];
  const built = spawnSync(cc, [...flags, '-o', out, src], { encoding: 'utf8' });
  if (built.status !== 0) return { missing: `\`${cc}\` could not build ref-loop.c: ${built.stderr.trim().split('\n')[0]}` };
  return {
    how: `${cc} ${flags.join(' ')} (${version.stdout.split('\n')[0]})`,
    run(iterations) {
      const r = spawnSync(out, [String(iterations), '1'], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ref-loop failed: ${r.stderr}`);
      return Number(r.stdout.trim().split(/\s+/)[0]);
    },
  };
}
