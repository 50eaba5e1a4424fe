// What the run says about one atom, read from the snapshot: cheap scans of
// the narration the snapshot already holds (its newest few hundred events).
import type { Snapshot } from '../../engine/snapshot.ts';
import type { Layout } from '../../lang/layout.ts';

/** The result of the atom's newest completion in the narration window, if any. */
export function lastResult(snap: Snapshot | null, lay: Layout | null, name: string): number | undefined {
  const addr = lay?.symbols.get(name);
  if (!snap || !addr || addr.kind !== 'atom') return undefined;
  for (let i = snap.narration.length - 1; i >= 0; i--) {
    const t = snap.narration[i].trace;
    if (t?.kind === 'atom' && t.atom === addr.addr) return t.result;
  }
  return undefined;
}
