// Builds what the `syslet` command runs, each part only when it is missing or
// older than its sources: the kernel (build.mjs: build/release.wasm) and the
// command itself, bundled from the TypeScript sources into build/cli.mjs by
// Vite's build API (SSR mode, Node 20). The bundle's module list is kept
// beside it (build/cli.deps.json), so checking it costs one stat per source.
//
// bin.mjs calls ensureCli() on every start; `npm install` / `npm ci` run this
// file ahead as the `prepare` script. Messages go to stderr, only when it builds.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildEngine } from '../build.mjs';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../../..');
const BUILD = resolve(here, '../build');
export const BUNDLE = join(BUILD, 'cli.mjs');
export const WASM = join(BUILD, 'release.wasm');
const DEPS = join(BUILD, 'cli.deps.json');
const ENTRY = join(here, 'main.ts');

const mtime = (p) => statSync(p).mtimeMs;

/** True when the bundle exists and no source it was built from (nor this file) is newer. */
function bundleFresh() {
  if (!existsSync(BUNDLE) || !existsSync(DEPS)) return false;
  let deps;
  try {
    deps = JSON.parse(readFileSync(DEPS, 'utf8'));
  } catch {
    return false;
  }
  const built = mtime(BUNDLE);
  return [fileURLToPath(import.meta.url), ...deps.map((d) => join(ROOT, d))].every((f) => existsSync(f) && mtime(f) <= built);
}

async function buildBundle() {
  const { build } = await import('vite');
  const tmp = join(BUILD, `.cli-${process.pid}-${Date.now()}`);
  try {
    const result = await build({
      configFile: false,
      root: ROOT,
      logLevel: 'warn',
      publicDir: false,
      build: {
        ssr: ENTRY,
        outDir: tmp,
        emptyOutDir: true,
        target: 'node20',
        minify: false,
        copyPublicDir: false,
        reportCompressedSize: false,
        // The C toolchain stays in node_modules: it finds its 100 MB of wasm beside its own module.
        rolldownOptions: { external: ['@yowasp/clang'], output: { entryFileNames: 'cli.mjs' } },
      },
      ssr: { noExternal: true, target: 'node' },
    });
    const chunk = (Array.isArray(result) ? result[0] : result).output.find((c) => c.type === 'chunk' && c.fileName === 'cli.mjs');
    const root = ROOT.split(sep).join('/') + '/'; // module ids use forward slashes on every system
    const deps = chunk.moduleIds.filter((id) => id.startsWith(root) && !id.includes('/node_modules/')).map((id) => id.slice(root.length));
    // Finished files are renamed into build/, so a concurrent start never reads half a bundle.
    writeFileSync(join(tmp, 'cli.deps.json'), JSON.stringify(deps, null, 1) + '\n');
    renameSync(join(tmp, 'cli.mjs'), BUNDLE);
    renameSync(join(tmp, 'cli.deps.json'), DEPS);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** Builds what is stale; returns the paths the launcher needs. */
export async function ensureCli({ say = (m) => process.stderr.write(`syslet: ${m}\n`) } = {}) {
  const t0 = Date.now();
  let built = false;
  await buildEngine({
    quiet: true,
    onBuild: () => {
      built = true;
      say('building the kernel (src/engine-wasm/build/release.wasm)…');
    },
  });
  if (!bundleFresh()) {
    built = true;
    say('building the command (src/engine-wasm/build/cli.mjs)…');
    mkdirSync(BUILD, { recursive: true });
    await buildBundle();
  }
  if (built) say(`built in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return { bundle: BUNDLE, wasm: WASM, root: ROOT };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  ensureCli().catch((e) => {
    process.stderr.write(`syslet: the build failed: ${e.message}\n`);
    process.exit(1);
  });
}
