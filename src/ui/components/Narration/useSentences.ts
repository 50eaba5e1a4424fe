// The narration of the current snapshot as sentences, memoized per snapshot,
// and the context (program names, files) both the log and the bar tell it with.
import { useMemo } from 'react';
import { useStore, type Store } from '../../store/index.ts';
import { narrateAll, type NarrateContext, type Sentence } from './narrate.ts';

const selectNarration = (s: Store) => s.snap?.narration;
const selectFiles = (s: Store) => s.snap?.files;
const selectLayout = (s: Store) => s.layout;

const NONE: readonly Sentence[] = [];

/** Names and files to tell the trace with; null before a program is laid out. */
export function useNarrateContext(): NarrateContext | null {
  const files = useStore(selectFiles);
  const lay = useStore(selectLayout);
  return useMemo(() => (lay ? { names: lay.names, files: files ?? [] } : null), [lay, files]);
}

export function useSentences(): readonly Sentence[] {
  const narration = useStore(selectNarration);
  const ctx = useNarrateContext();
  return useMemo(() => (ctx && narration ? narrateAll(narration, ctx) : NONE), [ctx, narration]);
}
