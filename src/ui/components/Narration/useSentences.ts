// The narration of the current snapshot as sentences, memoized per snapshot,
// and the context (program names, files) both the log and the bar tell it with.
import { useMemo } from 'react';
import { useStore, type Store } from '../../store/index.ts';
import { narrateAll, type NarrateContext, type Sentence } from './narrate.ts';
import { options } from '../../lang/ast.ts';
import { knobsOf } from '../../lang/options.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';

// The log is in the inspector and tells the inspector's copy of the snapshot; the bar tells `snap`.
const selectNarration = (s: Store) => s.shown.inspect?.narration;
const selectFiles = (s: Store) => s.snap?.files;
const selectLogFiles = (s: Store) => s.shown.inspect?.files;
const selectLayout = (s: Store) => s.layout;
const selectProgram = (s: Store) => s.program;
const selectLang = (s: Store) => s.lang;

const NONE: readonly Sentence[] = [];

/** What the narration and the Threads view call user space: a syslet program's driver, or the C file's code. */
export const USER_WORD = { syslet: 'the driver', c: 'the C program' } as const;

/** Names and files to tell the trace with; null before a program is laid out. */
export function useNarrateContext(forLog = false): NarrateContext | null {
  const files = useStore(forLog ? selectLogFiles : selectFiles);
  const lay = useStore(selectLayout);
  const program = useStore(selectProgram);
  const lang = useStore(selectLang);
  return useMemo(() => {
    if (!lay) return null;
    // The running program's thread limit (the session applied it at reset), told when it refuses a hand-off.
    const limit = program ? knobsOf(options(program)).kernel.find(([id]) => id === L.OPT_CACHEMISS_THREADS)?.[1] : undefined;
    return {
      names: lay.names,
      files: files ?? [],
      ...(limit !== undefined && limit < L.NCACHEMISS ? { threadLimit: limit } : {}),
      ...(lang === 'c' ? { user: USER_WORD.c } : {}),
    };
  }, [lay, files, program, lang]);
}

export function useSentences(): readonly Sentence[] {
  const narration = useStore(selectNarration);
  const ctx = useNarrateContext(true);
  return useMemo(() => (ctx && narration ? narrateAll(narration, ctx) : NONE), [ctx, narration]);
}
