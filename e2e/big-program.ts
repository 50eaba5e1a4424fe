// A program of N chained atoms, for e2e/big-program.spec.ts and e2e/bench/big.bench.ts:
// one syslet whose atoms each add 1 to `n` (umem_add) and go on to the next; the driver
// submits the first, waits for the syslet if it went asynchronous, and prints n (N at the end).

/** The program's text; atom i is on line ATOM_LINE0 + i (1-based lines). */
export function bigProgram(n: number): string {
  const lines = [`# ${n.toLocaleString('en-US')} chained atoms, each adding 1 to n.`, 'ring 4', 'var n = 0', 'var pn = &n', 'var one = 1'];
  for (let i = 0; i < n; i++) lines.push(`atom a${i} = umem_add(&pn, &one)${i + 1 < n ? ` next a${i + 1}` : ''}`);
  lines.push('var done = async_exec(a0)', 'if !done {', '    async_wait(1)', '    reap()', '}', 'print "n = ", n, "\\n"', '');
  return lines.join('\n');
}

/** The 1-based line of atom i. */
export const atomLine = (i: number): number => 6 + i;
