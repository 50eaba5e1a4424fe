import { useEffect, useRef } from 'react';
import { useStore } from '../../store/index.ts';

const selectConsole = (s: { snap: { console: string } | null }) => s.snap?.console ?? '';

export function ConsolePane() {
  const text = useStore(selectConsole);
  const end = useRef<HTMLPreElement>(null);
  useEffect(() => {
    // Scrolled at the next frame, when layout is clean: reading scrollHeight now would lay out the whole page mid-commit.
    const id = requestAnimationFrame(() => end.current?.scrollTo({ top: end.current.scrollHeight }));
    return () => cancelAnimationFrame(id);
  }, [text]);
  return (
    <section className="pane console-pane" aria-label="Console">
      <header className="pane-title">Console <span className="pane-hint">fds 1 and 2</span></header>
      <pre className="console-output" data-testid="console-output" ref={end}>
        {text === '' ? <span className="muted">Nothing written yet.</span> : text}
      </pre>
    </section>
  );
}
