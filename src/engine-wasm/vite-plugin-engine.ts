// Vite plugin: builds the AssemblyScript kernel before Vite (dev, build, vitest)
// needs build/release.wasm, and rebuilds + reloads the page when kernel sources change.
import type { Plugin } from 'vite';
import { fileURLToPath } from 'node:url';
// @ts-expect-error: plain ES module without types
import { buildEngine } from './build.mjs';

const ENGINE_DIR = fileURLToPath(new URL('.', import.meta.url));
const WATCHED = ['assembly/', 'abi/', 'boot/'].map((d) => ENGINE_DIR + d);

export function syslEngine(): Plugin {
  return {
    name: 'syslet-engine',
    async buildStart() {
      await buildEngine({ quiet: true });
    },
    async hotUpdate({ file }) {
      if (!WATCHED.some((d) => file.startsWith(d)) || file.endsWith('.gen.ts')) return;
      try {
        await buildEngine({ quiet: true });
        this.environment.hot.send({ type: 'full-reload' });
      } catch (e) {
        this.environment.logger.error(String((e as Error).message));
      }
      return [];
    },
  };
}
