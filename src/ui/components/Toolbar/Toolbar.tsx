import { useStore, SPEEDS, type Speed } from '../../store/index.ts';
import { play, pause, step, stepBack, reset, seek, setSpeed } from '../../engine/runtime.ts';
import { whenRunnable } from '../../engine/run-guard.ts';

const SPEED_LABEL = (s: Speed) => (s === Infinity ? 'max' : `${s}/s`);

export function Toolbar() {
  const playing = useStore((s) => s.playing);
  const speed = useStore((s) => s.speed);
  const events = useStore((s) => s.live?.events ?? 0);
  const horizon = useStore((s) => Math.max(s.live?.horizon ?? 0, s.live?.events ?? 0));
  const status = useStore((s) => s.live?.status ?? 'ready');
  const ready = useStore((s) => s.snap !== null);
  const finished = status === 'done' || status === 'error';
  const pauseReason = useStore((s) => s.pauseReason);
  // The session says 'running' from its first event to its end; stopped part-way, the run is paused.
  const shown = playing ? 'running' : status === 'running' ? 'paused' : status;
  // With errors in the text Run and Step stay clickable: they say which error to fix first.
  const errors = useStore((s) => s.diagnostics.some((d) => d.severity === 'error'));
  return (
    <div className="toolbar" role="toolbar" aria-label="Run controls">
      <button type="button" className="btn primary" aria-label="Run" onClick={() => whenRunnable(play)} disabled={(!ready && !errors) || playing} aria-keyshortcuts="F5" title="Run (F5)">
        <span aria-hidden="true">▶</span> <span className="btn-label">Run</span>
      </button>
      <button type="button" className="btn" aria-label="Pause" onClick={pause} disabled={!playing} aria-keyshortcuts="F6" title="Pause (F6)">
        <span aria-hidden="true" className="glyph-pause" /> <span className="btn-label">Pause</span>
      </button>
      <button type="button" className="btn" aria-label="Step" onClick={() => whenRunnable(step)} disabled={(!ready || finished) && !errors} aria-keyshortcuts="F10" title="Step one event (F10)">
        <span aria-hidden="true">⤼</span> <span className="btn-label">Step</span>
      </button>
      <button type="button" className="btn" aria-label="Step back" onClick={stepBack} disabled={!ready || events === 0} aria-keyshortcuts="Shift+F10" title="Step back one event (Shift+F10)">
        <span aria-hidden="true">⤺</span> <span className="btn-label">Step back</span>
      </button>
      <button type="button" className="btn" aria-label="Reset" onClick={reset} disabled={!ready} aria-keyshortcuts="Control+Shift+Backspace" title="Reset (Ctrl+Shift+Backspace)">
        <span aria-hidden="true">⟲</span> <span className="btn-label">Reset</span>
      </button>
      <label className="speed">
        <span className="speed-label">Speed</span>
        <select value={String(speed)} onChange={(e) => setSpeed(Number(e.target.value) as Speed)} aria-label="Speed">
          {SPEEDS.map((s) => (
            <option key={String(s)} value={String(s)}>
              {SPEED_LABEL(s)}
            </option>
          ))}
        </select>
      </label>
      <span className="scrubber">
        <span className="fixed-box">
          <input
            type="range"
            min={0}
            max={Math.max(horizon, 1)}
            value={events}
            onChange={(e) => seek(Number(e.target.value))}
            aria-label="Timeline: event number"
            disabled={!ready || horizon === 0}
          />
        </span>
      </span>
      <span className="event-count" data-testid="event-count">
        <span className="fixed-box">
          event {events.toLocaleString('en')} / {horizon.toLocaleString('en')}
        </span>
      </span>
      <span className={`run-status run-${shown}`} data-testid="run-status" title={pauseReason ?? undefined}>
        {shown}
      </span>
    </div>
  );
}
