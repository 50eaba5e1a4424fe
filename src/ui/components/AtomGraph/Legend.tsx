/** What the line styles mean, under the canvas. */
export function Legend() {
  return (
    <ul className="atom-legend" aria-label="Legend">
      <li><span className="swatch next" />next</li>
      <li><span className="swatch skip" />on stop: skip</li>
      <li><span className="swatch stop" />on stop: end</li>
      <li><span className="swatch loop" />loop (next back)</li>
      <li><span className="swatch data" />data (ret → arg)</li>
      <li title="The edge the walk took after the newest atom completion in the trace"><span className="swatch taken" />taken last</li>
    </ul>
  );
}
