// `npm test`: every check — engine build, production build, then typecheck, lint
// and unit tests side by side with e2e in real Chromium — then one plain closing line
// `N passed, N failed`. Typecheck, lint and the build count as one check each;
// unit and e2e tests count one per test. Later steps still run after a failure
// (except e2e, which needs the build), so one run shows everything that is wrong.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const root = new URL('..', import.meta.url).pathname;
process.chdir(root);
mkdirSync('reports', { recursive: true });
for (const f of ['reports/unit.json', 'reports/e2e.json']) rmSync(f, { force: true });

const bin = (name) => `node_modules/.bin/${name}`;
const steps = [];

function run(name, cmd, args, { counts = true } = {}) {
  const start = Date.now();
  console.log(`\n── ${name}: ${[cmd, ...args].join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: process.env });
  const ok = r.status === 0;
  const seconds = ((Date.now() - start) / 1000).toFixed(1);
  steps.push({ name, ok, seconds, counts });
  console.log(`── ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s`);
  return ok;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

/** Runs a step without blocking (its output goes straight through). */
function runLive(name, cmd, args, { counts = true } = {}) {
  const start = Date.now();
  console.log(`\n── ${name}: ${[cmd, ...args].join(' ')}`);
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: process.env });
    const end = (ok) => {
      const seconds = ((Date.now() - start) / 1000).toFixed(1);
      steps.push({ name, ok, seconds, counts });
      console.log(`── ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds} s`);
      resolve(ok);
    };
    child.on('error', () => end(false));
    child.on('close', (code) => end(code === 0));
  });
}

/** Runs checks side by side (they read the tree, write nothing the others read); their outputs are kept to be printed whole. */
async function runTogether(checks) {
  const start = Date.now();
  const done = await Promise.all(
    checks.map(
      ({ name, cmd, args, counts = true }) =>
        new Promise((resolve) => {
          const chunks = [];
          const child = spawn(cmd, args, { env: { ...process.env, FORCE_COLOR: process.env.FORCE_COLOR ?? '1' } });
          child.stdout.on('data', (d) => chunks.push(d));
          child.stderr.on('data', (d) => chunks.push(d));
          child.on('error', (e) => chunks.push(Buffer.from(String(e))));
          child.on('close', (code) => resolve({ name, cmd, args, counts, ok: code === 0, seconds: ((Date.now() - start) / 1000).toFixed(1), out: Buffer.concat(chunks) }));
        }),
    ),
  );
  return done;
}

function report(done) {
  for (const r of done) {
    console.log(`\n── ${r.name}: ${[r.cmd, ...r.args].join(' ')}`);
    process.stdout.write(r.out);
    console.log(`── ${r.name}: ${r.ok ? 'ok' : 'FAILED'} in ${r.seconds} s`);
    steps.push({ name: r.name, ok: r.ok, seconds: r.seconds, counts: r.counts });
  }
}

const engineOk = run('engine', 'node', ['src/engine-wasm/build.mjs']);
const buildOk = engineOk && run('build', bin('vite'), ['build']);
const browserOk = buildOk && run('chromium', 'node', ['e2e/ensure-chromium.mjs'], { counts: true });
// Typecheck, lint and unit tests run side by side, and beside the e2e suite (their output is
// printed after it): CI on two cores stays well inside its 15 minutes.
// They run at a lower priority (nice): the e2e suite is the long pole, and it keeps the CPU it
// needs while they fill the gaps it leaves.
const niced = (cmd, args) => (process.platform === 'win32' ? { cmd, args } : { cmd: 'nice', args: ['-n', '10', cmd, ...args] });
const side = runTogether([
  { name: 'typecheck', ...niced(bin('tsc'), ['--noEmit']) },
  { name: 'lint', ...niced(bin('eslint'), ['.', '--max-warnings', '0']) },
  { name: 'unit', ...niced(bin('vitest'), ['run', '--reporter=default', '--reporter=json', '--outputFile.json=reports/unit.json']), counts: false },
]);
if (browserOk) await runLive('e2e', bin('playwright'), ['test', '-c', 'e2e/playwright.config.ts'], { counts: false });
report(await side);

let passed = 0;
let failed = 0;
for (const s of steps) {
  if (!s.counts) continue;
  if (s.ok) passed++;
  else failed++;
}

const unit = readJson('reports/unit.json');
const unitStep = steps.find((s) => s.name === 'unit');
if (unit) {
  passed += unit.numPassedTests ?? 0;
  failed += unit.numFailedTests ?? 0;
  if (unitStep && !unitStep.ok && !unit.numFailedTests) failed++; // e.g. a suite that failed to load
} else if (unitStep) failed++;

const e2e = readJson('reports/e2e.json');
const e2eStep = steps.find((s) => s.name === 'e2e');
if (e2e && e2eStep) {
  passed += (e2e.stats?.expected ?? 0) + (e2e.stats?.flaky ?? 0);
  failed += e2e.stats?.unexpected ?? 0;
  if (!e2eStep.ok && !e2e.stats?.unexpected) failed++;
} else if (e2eStep || !existsSync('dist')) failed++;

// The tests that failed (and those that passed only on their retry) are named again here, next to
// the closing line: a log read from its tail says what went wrong without scrolling back.
const COLOURS = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'); // terminal colour codes
const firstLine = (text) => String(text ?? '').replace(COLOURS, '').trim().split('\n')[0].slice(0, 300);
const named = [];
for (const file of unit?.testResults ?? []) {
  for (const t of file.assertionResults ?? []) {
    if (t.status === 'failed') named.push(`unit FAILED  ${file.name.replace(root, '')} › ${t.fullName}\n    ${firstLine(t.failureMessages?.[0])}`);
  }
}
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const t of spec.tests ?? []) {
      if (t.status !== 'unexpected' && t.status !== 'flaky') continue;
      const errors = (t.results ?? []).map((r) => firstLine(r.error?.message)).filter(Boolean);
      named.push(`e2e ${t.status === 'flaky' ? 'flaky (passed on retry)' : 'FAILED'}  ${spec.file}:${spec.line} › ${spec.title}` + errors.map((e) => `\n    ${e}`).join(''));
    }
  }
  for (const inner of suite.suites ?? []) walk(inner);
};
for (const suite of e2e?.suites ?? []) walk(suite);
if (named.length) console.log('\n' + named.join('\n'));

console.log('\nsteps: ' + steps.map((s) => `${s.name} ${s.ok ? 'ok' : 'FAILED'} (${s.seconds} s)`).join(', '));
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
