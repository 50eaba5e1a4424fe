// Prints the machine code V8's optimising compiler (TurboFan) makes of a kernel function,
// by default the walk's plain loop: node src/engine-wasm/bench/walk-code.mjs [function-name]
// It runs the countdown loop (bench/kernel.bench-run.ts) until the function is optimised, then
// prints the code V8 printed for it (--print-wasm-code). The release build has no name section,
// so the function's index is read from build/release.wat, in which functions appear in order.
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const build = fileURLToPath(new URL('../build/', import.meta.url));
const name = process.argv[2] ?? 'src/engine-wasm/assembly/atom/walkPlain';

if (process.env.WALK_CODE_CHILD) {
  // The child: instantiate, run 3 countdowns of 10,000,000 atoms with the trace off.
  const { instance } = await WebAssembly.instantiate(readFileSync(`${build}release.wasm`), { env: { abort() { throw new Error('abort'); } } });
  const x = instance.exports;
  for (let k = 0; k < 3; k++) {
    x.kernel_reset(1);
    x.kernel_set_option(3, 0); // OPT_TRACE off
    const v = new DataView(x.memory.buffer);
    const ub = x.user_base();
    const count = ub, pcount = ub + 4, minus = ub + 8, atom = ub + 16, ahu = ub + 64, ring = ub + 128;
    v.setUint32(pcount, count, true);
    v.setUint32(minus, 0xffffffff, true);
    v.setUint32(atom, 0x10, true); // SYSLET_STOP_ON_ZERO
    v.setUint32(atom + 4, 322, true); // umem_add
    v.setUint32(atom + 12, atom, true); // next: itself
    v.setUint32(atom + 16, pcount, true);
    v.setUint32(atom + 20, minus, true);
    v.setUint32(ahu + 8, ring, true);
    v.setUint32(ahu + 12, 16, true);
    v.setUint32(count, 10_000_000, true);
    if (x.syscall(320, atom, ahu, 0, 0, 0, 0) === 0) while (v.getUint32(count, true) !== 0 && x.syscall(321, 1, 0, ahu, 0, 0, 0) < 0);
  }
} else {
  const funcs = [...readFileSync(`${build}release.wat`, 'utf8').matchAll(/^ \(func \$(\S+)/gm)].map((m) => m[1]);
  const index = funcs.indexOf(name);
  if (index < 0) {
    console.error(`no function ${name} in build/release.wat (npm run build:engine first)`);
    process.exit(1);
  }
  const r = spawnSync(process.execPath, ['--print-wasm-code', fileURLToPath(import.meta.url)], {
    env: { ...process.env, WALK_CODE_CHILD: '1' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const block = r.stdout.split('--- WebAssembly code ---').find((b) => new RegExp(`^index: ${index}$`, 'm').test(b) && /compiler: TurboFan/.test(b));
  if (!block) {
    console.error(`V8 printed no optimised code for ${name} (function ${index})`);
    process.exit(1);
  }
  console.log(`${name} (wasm function ${index}), as TurboFan compiled it:\n${block}`);
}
