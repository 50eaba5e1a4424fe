import { create } from 'zustand';
import { EXAMPLES } from '../examples/index.ts';

export type EngineStatus = 'loading' | 'ready' | 'error';

export interface ConsoleLine {
  readonly source: 'kernel' | 'host';
  readonly text: string;
}

export interface Store {
  engineStatus: EngineStatus;
  engineDetail: string;
  source: string;
  consoleLines: readonly ConsoleLine[];
  setEngine(status: EngineStatus, detail: string): void;
  setSource(text: string): void;
  appendConsole(line: ConsoleLine): void;
}

export const INITIAL_SOURCE = EXAMPLES.hello;

export const useStore = create<Store>()((set) => ({
  engineStatus: 'loading',
  engineDetail: 'loading the kernel…',
  source: INITIAL_SOURCE,
  consoleLines: [],
  setEngine: (engineStatus, engineDetail) => set({ engineStatus, engineDetail }),
  setSource: (source) => set({ source }),
  appendConsole: (line) => set((s) => ({ consoleLines: [...s.consoleLines, line] })),
}));
