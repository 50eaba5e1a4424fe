import { memo, useContext } from 'react';
import { Handle, NodeToolbar, Position, type NodeProps } from '@xyflow/react';
import { useStore } from '../../store/index.ts';
import { toggleBreakpoint } from '../../engine/runtime.ts';
import { formatResult } from '../../../engine-wasm/host/syscalls.ts';
import { CALL_INDENT, callRows, flagLabel, flagTone, type AtomNode as AtomNodeType } from './graph.ts';
import { badgeText } from './live.ts';
import { GraphActionsContext } from './context.ts';
import { useBadge, useComplete } from './badge-board.ts';
import { faultMeaning, faultWords } from '../../lang/faults.ts';

const hidden = { isConnectable: false, className: 'handle-hidden' } as const;

function AtomNodeView({ data, selected }: NodeProps<AtomNodeType>) {
  const { name } = data;
  const breakpoint = useStore((s) => s.breakpoints.some((b) => b.kind === 'atom' && b.atom === name && b.when === 'runs'));
  const actions = useContext(GraphActionsContext);
  const badge = useBadge(actions.board, name);
  const complete = useComplete(actions.board);
  const active = badge?.kind === 'running';
  const result = badge?.kind === 'done' ? badge.result : badge?.kind === 'running' ? badge.result : undefined;
  const argTitle = data.args.map((a, k) => `${data.params[k] ?? `arg${k}`} = &${a}`).join(', ');
  const classes = ['atom-node', active && 'is-active', badge?.kind === 'waiting' && 'is-waiting', breakpoint && 'has-breakpoint', selected && 'is-selected'];
  return (
    <div className={classes.filter(Boolean).join(' ')} data-testid={`atom-node-${name}`} aria-label={`Atom ${name}`}>
      <NodeToolbar position={Position.Top} className="atom-toolbar" isVisible={actions.editable && selected && actions.editing !== name}>
        <button type="button" className="btn" onClick={() => actions.edit(name)} disabled={!actions.editable}>
          Edit
        </button>
        <button type="button" className="btn danger" onClick={() => actions.remove(name)} disabled={!actions.editable} aria-label={`Delete atom ${name}`}>
          Delete
        </button>
      </NodeToolbar>
      <Handle type="target" position={Position.Top} id="in" isConnectableStart={false} isConnectableEnd={actions.editable} className="handle-in" />
      <Handle type="target" position={Position.Right} id="loop-in" style={{ top: '30%' }} {...hidden} />
      <Handle type="source" position={Position.Right} id="loop-out" style={{ top: '70%' }} {...hidden} />
      <Handle type="target" position={Position.Left} id="data-in" style={{ top: '30%' }} {...hidden} />
      <Handle type="source" position={Position.Left} id="data-out" style={{ top: '70%' }} {...hidden} />
      <header className="atom-head">
        <button
          type="button"
          className="bp-dot nodrag"
          aria-label={`Breakpoint on ${name}`}
          aria-pressed={breakpoint}
          title={breakpoint ? 'Remove the breakpoint' : 'Pause the run before this atom runs (more kinds in the Breakpoints tab)'}
          onClick={() => toggleBreakpoint({ kind: 'atom', atom: name, when: 'runs' })}
        />
        <span className="atom-name">{name}</span>
        {(badge?.kind === 'running' || badge?.kind === 'waiting') && (
          <span className={`atom-badge badge-${badge.kind}`} data-testid={`atom-badge-${name}`}>
            {badge.kind === 'running' ? 'running' : badgeText(badge, formatResult)}
          </span>
        )}
      </header>
      {callRows(data).map((row, r) => (
        <div key={r} className={`atom-call${r > 0 ? ' more' : ''}`} title={`${data.syscall}(${argTitle})`}>
          {r === 0 ? (
            <>
              <span className="atom-syscall">{data.syscall}</span>(
            </>
          ) : (
            ' '.repeat(CALL_INDENT)
          )}
          {row.map((k, j) => (
            <span key={k}>
              {j > 0 && ' '}
              <span className="atom-arg">{data.args[k]}</span>
              {k < data.args.length - 1 ? ',' : ')'}
            </span>
          ))}
          {data.args.length === 0 && ')'}
        </div>
      ))}
      <div className="atom-ret">
        {data.ret ? (
          <span>
            ret → <span className="atom-arg">{data.ret}</span>
          </span>
        ) : (
          <span title="No ret: the result is not stored (ret_ptr = 0)">no ret</span>
        )}
        <span
          className={`atom-result${result === undefined ? ' none' : result < 0 ? ' bad' : ''}`}
          data-testid={`atom-result-${name}`}
          title={badge?.kind === 'done' ? `Its newest completion, at event ${badge.event}` : badge?.kind === 'running' && result !== undefined ? 'Returned at this event' : 'No completion of this atom in the trace window'}
        >
          {result === undefined ? (badge?.kind === 'waiting' ? 'waiting' : complete ? 'not run yet' : 'no result in view') : badge?.kind === 'done' && badge.fault ? <>fault {formatResult(result)}</> : <>= {formatResult(result)}</>}
        </span>
      </div>
      {data.fault && (
        <div className="atom-fault" data-testid={`atom-fault-${name}`} title={faultMeaning(data.fault.spec, data.fault.nth)}>
          <span className="fault-pill">injected</span>
          <span className="fault-words">{faultWords(data.fault.spec, data.fault.nth)}</span>
        </div>
      )}
      {data.flags.length > 0 && (
        <ul className="atom-flags" aria-label="Flags">
          {data.flags.map((f) => (
            <li key={f} className={`flag-chip tone-${flagTone(f)}`} title={f}>
              {flagLabel(f)}
            </li>
          ))}
        </ul>
      )}
      <Handle type="source" position={Position.Bottom} id="skip" style={{ left: '22%' }} {...hidden} />
      <Handle type="source" position={Position.Bottom} id="next" className="handle-next" title="Drag to another atom to set next" />
    </div>
  );
}

export const AtomNode = memo(AtomNodeView);
