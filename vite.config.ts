/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { syslEngine } from './src/engine-wasm/vite-plugin-engine.ts';

export default defineConfig({
  base: './',
  plugins: [react(), syslEngine()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  // The C toolchain finds its wasm and resources next to its own module (new URL(…, import.meta.url)):
  // pre-bundling would move the module away from them. The build copies them as assets (docs/c.md).
  optimizeDeps: { exclude: ['@yowasp/clang'] },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  worker: { format: 'es' },
  build: {
    chunkSizeWarningLimit: 5000,
    assetsInlineLimit: (file) => (file.endsWith('.wasm') ? false : undefined),
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  test: {
    // `npm run bench` (SYSLET_BENCH=1) runs the figure-printing bench files instead.
    include: process.env.SYSLET_BENCH ? ['src/**/*.bench-run.ts'] : ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
