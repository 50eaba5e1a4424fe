#!/usr/bin/env node
// `syslet`: the package's command (package.json "bin"). Node cannot run the
// TypeScript sources, so this launcher makes sure the kernel and the bundled
// command are built and current (build-cli.mjs), then runs the bundle with
// the same release.wasm the page loads. Usage: syslet --help; docs/cli.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { ensureCli } from './build-cli.mjs';

let paths;
try {
  paths = await ensureCli();
} catch (e) {
  process.stderr.write(`syslet: the command could not be built: ${e.message}\n`);
  process.exit(2);
}
// `syslet run prog.c` compiles with LLVM as 75 MB of wasm: V8's baseline tier alone compiles it in
// half the time, and one compile never repays the optimising tier (docs/c.md, Cost).
setFlagsFromString('--liftoff-only');
const { main, nodeIo } = await import(pathToFileURL(paths.bundle).href);
const { version } = JSON.parse(readFileSync(join(paths.root, 'package.json'), 'utf8'));
process.exitCode = await main(process.argv.slice(2), nodeIo({ wasm: paths.wasm, version }));
