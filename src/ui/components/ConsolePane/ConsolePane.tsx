import { useStore } from '../../store/index.ts';

export function ConsolePane() {
  const lines = useStore((s) => s.consoleLines);
  return (
    <section className="pane console-pane" aria-label="Console">
      <header className="pane-title">Console <span className="pane-hint">fds 1 and 2</span></header>
      <pre className="console-output" data-testid="console-output">
        {lines.length === 0 ? <span className="muted">Nothing written yet.</span> : lines.map((l) => l.text).join('')}
      </pre>
    </section>
  );
}
