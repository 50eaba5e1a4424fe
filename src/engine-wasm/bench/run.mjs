// npm run bench: runs the *.bench-run.ts files with Vitest (so they can use the
// TypeScript host layer), one file at a time, and prints their figures.
// With `taskset` (Linux), everything runs on one CPU: the kernel and the C
// reference loop then share a core (a VM's cores can differ in speed by 1.5x).
import { spawnSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

const cpu = availableParallelism() - 1;
const pin = cpu > 0 && spawnSync('taskset', ['-c', String(cpu), 'true']).status === 0;
const vitest = ['node_modules/.bin/vitest', 'run', '--silent=false', '--reporter=default', '--no-file-parallelism'];
console.log(pin ? `bench: on CPU ${cpu} (taskset), one file at a time` : 'bench: one file at a time (no taskset: runs on any CPU)');
const r = spawnSync(pin ? 'taskset' : vitest[0], pin ? ['-c', String(cpu), ...vitest] : vitest.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, SYSLET_BENCH: '1' },
});
process.exit(r.status ?? 1);
