// The narration of the current snapshot as sentences, memoized per snapshot.
import { useMemo } from 'react';
import { useStore, type Store } from '../../store/index.ts';
import { narrateAll, type Sentence } from './narrate.ts';

const selectNarration = (s: Store) => s.snap?.narration;
const selectFiles = (s: Store) => s.snap?.files;
const selectLayout = (s: Store) => s.layout;

const NONE: readonly Sentence[] = [];

export function useSentences(): readonly Sentence[] {
  const narration = useStore(selectNarration);
  const files = useStore(selectFiles);
  const lay = useStore(selectLayout);
  const names = lay?.names ?? null;
  return useMemo(() => (names && narration ? narrateAll(narration, { names, files: files ?? [] }) : NONE), [names, narration, files]);
}
