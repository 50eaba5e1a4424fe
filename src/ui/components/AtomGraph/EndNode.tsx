import { memo } from 'react';
import { Handle, Position, type NodeProps } from '@xyflow/react';
import type { EndNode as EndNodeType } from './graph.ts';

const TITLES = {
  end: 'The syslet ends here: this is the final atom',
  past: 'u + 44 is not an atom',
  more: 'Atoms past the ones drawn: the text has them all',
} as const;

function EndNodeView({ data }: NodeProps<EndNodeType>) {
  return (
    <div className={`end-node kind-${data.kind}`} title={TITLES[data.kind]}>
      <Handle type="target" position={Position.Top} id="in" isConnectable={data.kind === 'end'} className="handle-in" />
      <span className="end-mark" aria-hidden="true" />
      {data.label}
    </div>
  );
}

export const EndNode = memo(EndNodeView);
