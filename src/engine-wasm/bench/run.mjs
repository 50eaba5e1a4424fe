// npm run bench: runs the *.bench-run.ts files with Vitest (so they can use the
// TypeScript host layer) and prints their figures.
import { spawnSync } from 'node:child_process';

const r = spawnSync('node_modules/.bin/vitest', ['run', '--silent=false', '--reporter=default'], {
  stdio: 'inherit',
  env: { ...process.env, SYSLET_BENCH: '1' },
});
process.exit(r.status ?? 1);
