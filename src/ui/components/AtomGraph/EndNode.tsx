import { memo, useContext } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { EndNode as EndNodeType } from './graph.ts';
import { useStore } from '../../store/index.ts';
import { GraphActionsContext } from './context.ts';

const TITLES = {
  end: 'The syslet ends here: this is the final atom',
  past: 'u + 44 is not an atom',
  more: 'Atoms past the ones drawn: the text has them all',
} as const;

/** A window's summary node: its atoms in one line, the one the last kernel event concerned named, and a way there. */
function SummaryView({ data }: { data: EndNodeType['data'] }) {
  const { page } = useContext(GraphActionsContext);
  const side = data.side!;
  // Only this node re-renders when the run's atom changes (a string from the snapshot).
  const active = useStore((s) => s.snap?.activeAtomName);
  const here = active !== undefined && data.atoms?.has(active) ? active : undefined;
  const go = side === 'before' ? 'Show the earlier atoms' : 'Show the next atoms';
  return (
    <div className="end-node kind-more" title={`${TITLES.more}. ${go} (Enter)`}>
      <Handle type="target" position={Position.Top} id="in" isConnectable={false} className="handle-in" />
      <span className="end-mark" aria-hidden="true" />
      <span>{data.label}</span>
      {here && (
        <span className="more-active" data-testid={`more-active-${side}`}>
          {' '}· the last kernel event: <b>{here}</b>
        </span>
      )}
      <button type="button" className="btn more-go nodrag" onClick={() => page(side)} aria-label={`${go} (${data.label})`}>
        {side === 'before' ? '↑ show' : '↓ show'}
      </button>
    </div>
  );
}

function EndNodeView({ data }: NodeProps<EndNodeType>) {
  if (data.kind === 'more' && data.side) return <SummaryView data={data} />;
  return (
    <div className={`end-node kind-${data.kind}`} title={TITLES[data.kind]}>
      <Handle type="target" position={Position.Top} id="in" isConnectable={data.kind === 'end'} className="handle-in" />
      <span className="end-mark" aria-hidden="true" />
      {data.label}
    </div>
  );
}

export const EndNode = memo(EndNodeView);
