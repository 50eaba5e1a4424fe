// The recent sentences, newest at the bottom; follows the end unless the user
// scrolled up. Every line carries its own event number; clicking a line (or
// Enter on it) goes to that event.
import { useEffect, useRef } from 'react';
import { useSentences } from './useSentences.ts';
import { formatTime } from './narrate.ts';
import { seek } from '../../engine/runtime.ts';
import { copyEventLink } from '../../share/actions.ts';
import { useStore, type Store } from '../../store/index.ts';
import './narration.css';

const selectEvents = (s: Store) => s.shown.inspect?.events ?? 0;

const SHOWN = 300;

export function NarrationLog() {
  const all = useSentences();
  const events = useStore(selectEvents);
  const shown = all.length > SHOWN ? all.slice(-SHOWN) : all;
  const list = useRef<HTMLOListElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    // At the next frame, when layout is clean (see ConsolePane).
    const id = requestAnimationFrame(() => {
      const el = list.current;
      if (el && pinned.current) el.scrollTop = el.scrollHeight;
    });
    return () => cancelAnimationFrame(id);
  }, [shown]);
  const onScroll = () => {
    const el = list.current;
    if (el) pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
  };
  return (
    <section className="narration-log" aria-label="Narration">
      {shown.length === 0 ? (
        <p className="pane-empty">Nothing has happened yet. Press Run or Step.</p>
      ) : (
        <ol className="narration-list" ref={list} onScroll={onScroll} tabIndex={0} aria-label="Narration, oldest first">
          {shown.map((s) => (
            <li key={s.key} className={`narration-item tone-${s.tone}${s.event === events ? ' current' : ''}`} aria-current={s.event === events ? 'step' : undefined}>
              <button type="button" className="narration-seek" onClick={() => seek(s.event)} title={`Go to event ${s.event.toLocaleString('en')}`}>
                <span className="narration-meta">
                  <span className="narration-event">#{s.event.toLocaleString('en')}</span>
                  <span className="narration-time">{formatTime(s.time)}</span>
                </span>
                <span className="narration-text">{s.text}</span>
              </button>
              <button
                type="button"
                className="narration-link"
                onClick={() => void copyEventLink(s.event)}
                aria-label={`Copy a link to event ${s.event.toLocaleString('en')}`}
                title={`Copy a link that opens the program at event ${s.event.toLocaleString('en')}`}
              >
                <span aria-hidden="true">link</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
