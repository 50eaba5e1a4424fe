import { BaseEdge, type EdgeProps } from '@xyflow/react';
import type { GraphEdge } from './graph.ts';

const R = 12;

/**
 * A `next` that points back (or at the atom itself): out of the source's
 * right side, up a rail right of every node it passes, into the target's
 * right side. The loop stays visible instead of cutting through the chain.
 */
export function LoopEdge(props: EdgeProps<GraphEdge>) {
  const { id, sourceX: sx, sourceY: sy, targetX: tx, targetY: ty, data, markerEnd, style, label } = props;
  const x = Math.max(data?.railX ?? 0, sx + 40, tx + 40);
  const dir = ty < sy ? -1 : 1;
  const path = [
    `M ${sx} ${sy}`,
    `L ${x - R} ${sy}`,
    `Q ${x} ${sy} ${x} ${sy + dir * R}`,
    `L ${x} ${ty - dir * R}`,
    `Q ${x} ${ty} ${x - R} ${ty}`,
    `L ${tx} ${ty}`,
  ].join(' ');
  return (
    <BaseEdge
      id={id}
      path={path}
      markerEnd={markerEnd}
      style={style}
      label={label}
      labelX={x}
      labelY={(sy + ty) / 2}
      labelShowBg
      labelBgPadding={[6, 3]}
      labelBgBorderRadius={4}
    />
  );
}
