// Browser entry of the host layer: fetches the release kernel bundled by Vite.
import wasmUrl from '../build/release.wasm?url';
import { Kernel } from './kernel.ts';
import { instantiateKernel } from './instantiate.ts';

/** Fetches and instantiates the kernel, then resets it with `seed`. */
export async function loadKernel(seed = 1): Promise<Kernel> {
  const kernel = new Kernel(await instantiateKernel(fetch(wasmUrl)));
  kernel.reset(seed);
  return kernel;
}
