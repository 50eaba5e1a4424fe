// contract §5: the pinned engine ABI of build/release.wasm.
import { describe, expect, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { wasmPath, loadKernelNode } from '../host/node.ts';
import { ABI_EXPORTS } from '../host/instantiate.ts';

describe('§5 engine ABI', () => {
  test('release.wasm imports only env.abort', async () => {
    const module = await WebAssembly.compile(await readFile(wasmPath('release')));
    const imports = WebAssembly.Module.imports(module);
    expect(imports.every((i) => i.module === 'env' && i.name === 'abort')).toBe(true);
  });

  test('release.wasm exports memory and the six ABI functions', async () => {
    const module = await WebAssembly.compile(await readFile(wasmPath('release')));
    const exports = new Map(WebAssembly.Module.exports(module).map((e) => [e.name, e.kind]));
    for (const name of ABI_EXPORTS) expect(exports.get(name), name).toBe(name === 'memory' ? 'memory' : 'function');
  });

  test('user region starts at or above 4096 and holds at least 1 MiB', async () => {
    const k = await loadKernelNode('release');
    expect(k.userBase).toBeGreaterThanOrEqual(4096);
    expect(k.userEnd - k.userBase).toBeGreaterThanOrEqual(1 << 20);
    expect(k.userEnd).toBeLessThanOrEqual(k.memory.buffer.byteLength);
  });
});
