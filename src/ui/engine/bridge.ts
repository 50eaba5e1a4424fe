// Connects the kernel (host layer) to the store. Module-level actions, no hooks.
import { loadKernel } from '../../engine-wasm/host/browser.ts';
import type { Kernel } from '../../engine-wasm/host/index.ts';
import { SYS_write } from '../../engine-wasm/abi/syscall.ts';
import { useStore } from '../store/index.ts';

let kernel: Kernel | null = null;

function hex(n: number): string {
  return '0x' + n.toString(16).padStart(6, '0');
}

/** Loads the kernel once and reports its status; a failure is shown, never thrown. */
export async function startEngine(): Promise<void> {
  const { setEngine, appendConsole } = useStore.getState();
  try {
    kernel = await loadKernel(1);
    const banner = 'syslet kernel: booted, virtual clock at 0 ns\n';
    const ptr = kernel.userBase;
    const len = kernel.writeString(ptr, banner, false);
    kernel.syscall(SYS_write, 1, ptr, len);
    appendConsole({ source: 'kernel', text: kernel.consoleText() });
    setEngine('ready', `user memory ${hex(kernel.userBase)}–${hex(kernel.userEnd)}`);
  } catch (e) {
    setEngine('error', `the kernel did not load: ${(e as Error).message}`);
  }
}

export function currentKernel(): Kernel | null {
  return kernel;
}
