// Node entry of the host layer: reads the kernel wasm from build/ (tests, bench).
import { readFile } from 'node:fs/promises';
import { Kernel } from './kernel.ts';
import { instantiateKernel } from './instantiate.ts';

export type Flavor = 'release' | 'debug';

/** Path of a built kernel: build/release.wasm or build/debug.wasm. */
export function wasmPath(flavor: Flavor = 'release'): URL {
  return new URL(`../build/${flavor}.wasm`, import.meta.url);
}

/** Reads, instantiates and resets a kernel. */
export async function loadKernelNode(flavor: Flavor = 'release', seed = 1): Promise<Kernel> {
  const kernel = new Kernel(await instantiateKernel(await readFile(wasmPath(flavor))));
  kernel.reset(seed);
  return kernel;
}
