// A trace record's fields read in context: records are fed in order, and what
// the ones before say changes what a field means (the exports and the page's
// trace log apply it; a small module of its own, so the page's main bundle
// needs no more of the trace exporters than this).
import type { TraceRec } from './records.ts';
import * as S from '../abi/syscall.ts';

/**
 * A block, wake or deadlock record of the user task names the atom the task
 * walked last, also when it waits in a direct call (nanosleep, async_wait):
 * the kernel leaves the field as it was. Fed the records in order, this drops
 * that atom (0) outside async_exec, so no view says an atom waits that does
 * not. Before the first syscall record of the user task it cannot tell, and
 * keeps the field.
 */
export class AtomContext {
  /** The user task's call in progress: its number, 0 for none, -1 not known yet. */
  private call = -1;

  fix(r: TraceRec): TraceRec {
    if (r.tid !== 0) return r;
    if (r.kind === 'syscall') this.call = r.nr;
    else if (r.kind === 'sysret') this.call = 0;
    else if ((r.kind === 'block' || r.kind === 'wake' || r.kind === 'deadlock') && r.atom !== 0 && this.call !== -1 && this.call !== S.SYS_async_exec) {
      return { ...r, atom: 0 };
    }
    return r;
  }
}

/** The records with AtomContext applied (the same objects where nothing changes). */
export function withAtomContext(records: readonly TraceRec[]): TraceRec[] {
  const c = new AtomContext();
  return records.map((r) => c.fix(r));
}
