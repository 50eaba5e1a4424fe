import { useEffect, useRef } from 'react';
import type { CSSProperties } from 'react';
import { useStore } from '../../store/index.ts';

type Streams = readonly { readonly fd: 1 | 2; readonly text: string }[];
const NONE: Streams = [];
const selectStreams = (s: { shown: { console: { consoleStreams: Streams } | null } }) => s.shown.console?.consoleStreams ?? NONE;

// stderr is told apart by a visible "stderr" tag and a bar, not by colour alone.
const STDERR: CSSProperties = {
  color: 'var(--bad)',
  background: 'color-mix(in srgb, var(--bad) 10%, transparent)',
  borderLeft: '3px solid var(--bad)',
  paddingLeft: 4,
};
const TAG: CSSProperties = {
  font: '600 11px/1 var(--sans)',
  letterSpacing: '0.04em',
  border: '1px solid currentColor',
  borderRadius: 3,
  padding: '1px 4px',
  marginRight: 6,
  verticalAlign: '1px',
  userSelect: 'none',
};

export function ConsolePane() {
  const streams = useStore(selectStreams);
  const end = useRef<HTMLPreElement>(null);
  // Each snapshot brings new stream objects; only more text is worth a scroll (and the layout it reads).
  let size = streams.length;
  for (const s of streams) size += s.text.length;
  useEffect(() => {
    // Scrolled at the next frame, when layout is clean: reading scrollHeight now would lay out the whole page mid-commit.
    const id = requestAnimationFrame(() => end.current?.scrollTo({ top: end.current.scrollHeight }));
    return () => cancelAnimationFrame(id);
  }, [size]);
  return (
    <section className="pane console-pane" aria-label="Console">
      <header className="pane-title">
        Console <span className="pane-hint">fds 1 and 2; fd 2 tagged stderr</span>
      </header>
      <pre className="console-output" data-testid="console-output" ref={end}>
        {streams.length === 0 ? (
          <span className="muted">Nothing written yet.</span>
        ) : (
          streams.map((run, i) =>
            run.fd === 2 ? (
              <span key={i} className="console-stderr" data-testid="console-stderr" style={STDERR}>
                <span style={TAG}>stderr</span>
                {run.text}
              </span>
            ) : (
              <span key={i} data-testid="console-stdout">{run.text}</span>
            ),
          )
        )}
      </pre>
    </section>
  );
}
