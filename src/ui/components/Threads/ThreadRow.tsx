// One thread lifetime: who it is, its state in words and colour, what it
// waits on and its atom, beside its bar on the timeline.
import type { ThreadRec } from '../../../engine-wasm/host/records.ts';
import { atomNameOrHex, hex, type ProgramNames } from '../../lang/addresses.ts';
import type { Lane } from './timeline-model.ts';
import { STATE_WORDS, formatNs, statePill, waitWords, wakeWords, type WaitContext } from './thread-words.ts';

interface Props {
  readonly lane: Lane;
  /** The live thread, for a lane that has not ended. */
  readonly thread: ThreadRec | undefined;
  readonly names: ProgramNames | null;
  /** Files and injected latencies, so a disk wait can say its latency was injected. */
  readonly waits?: WaitContext;
  readonly now: bigint;
  /** What user space is called ("the driver", "the C program"). */
  readonly user: string;
  /** Maps virtual time to % of the bar width. */
  readonly x: (t: number) => number;
}

function atomName(names: ProgramNames | null, atom: number): string {
  if (!atom) return '';
  return names ? atomNameOrHex(names, atom) : hex(atom);
}

/** How an ended thread ended, naming the atom it posted (or lost): its last atom, not the one it started on. */
function endNote(lane: Lane, names: ProgramNames | null): string {
  const last = [...lane.marks].reverse().find((m) => m.kind !== 'exit');
  const at = lane.end === null ? '' : ` at ${formatNs(lane.end)}`;
  if (!last) return `exited${at}`;
  const atom = atomName(names, last.atom);
  return last.kind === 'post' ? `posted ${atom}${at}` : `${atom} lost, ring full${at}`;
}

export function ThreadRow({ lane, thread, names, waits, now, user, x }: Props) {
  const head = lane.tid === 0;
  const pill = thread ? statePill(thread) : null;
  // The chip is the atom the thread is on now; an ended thread says in its note what it posted.
  const atom = thread ? atomName(names, thread.atom || lane.atom) : '';
  const detail = thread ? waitWords(thread, waits) : endNote(lane, names);
  const wake = thread ? wakeWords(thread, now) : '';
  const ended = lane.end !== null;
  return (
    <li className={`th-row${ended ? ' ended' : ''}${head ? ' head' : ''}`} data-tid={lane.tid} data-state={thread?.state ?? 'exited'}>
      <div className="th-info" title={[detail, wake].filter(Boolean).join(', ') || undefined}>
        <div className="th-line">
          <span className="th-name">{head ? 'head' : `thread ${lane.tid}`}</span>
          {head && <span className="th-sub">user task</span>}
          {atom && !head && <code className="th-atom" title="current atom">{atom}</code>}
          {pill ? (
            <span className={`th-pill ${pill.state}`}>{pill.text}</span>
          ) : (
            <span className="th-pill exited">exited</span>
          )}
        </div>
        <div className={`th-detail${!thread && lane.marks.some((m) => m.kind === 'lost') ? ' bad' : ''}`}>
          {detail || (thread?.state === 'user' ? `running ${user}` : thread?.state === 'runnable' ? 'ready to run' : '')}
        </div>
      </div>
      <div className="th-bar">
        <div className="th-track" />
        {lane.segments.map((s) => (
          <span
            key={s.from}
            className={`th-seg ${s.state}`}
            style={{ left: `${x(s.from)}%`, width: `${x(s.to) - x(s.from)}%` }}
            title={`${STATE_WORDS[s.state]}: ${formatNs(s.from)} – ${formatNs(s.to)}`}
          />
        ))}
        {lane.marks
          .filter((m) => m.kind !== 'exit')
          .map((m, i) => (
            <span
              key={`${m.kind}${i}`}
              className={`th-mark ${m.kind}`}
              style={{ left: `${x(m.time)}%` }}
              title={`${m.kind === 'post' ? 'posted' : 'lost'} ${atomName(names, m.atom)} at ${formatNs(m.time)}`}
            />
          ))}
        <span className="th-now" style={{ left: `${x(Number(now))}%` }} />
      </div>
    </li>
  );
}
