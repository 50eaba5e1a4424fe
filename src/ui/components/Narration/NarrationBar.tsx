// The latest sentence, large, under the toolbar: what just happened, for the back row.
import { useStore, type Store } from '../../store/index.ts';
import { useMemo } from 'react';
import { useFitText } from './useFitText.ts';
import { useNarrateContext } from './useSentences.ts';
import { formatTime, barSentence } from './narrate.ts';
import './narration.css';

const selectEvents = (s: Store) => s.snap?.events ?? 0;
const selectNarration = (s: Store) => s.snap?.narration;
const selectFlatOut = (s: Store) => s.playing && s.speed === Infinity;
const selectPause = (s: Store) => s.pauseReason;

/** At speed "max" events pass faster than anyone can read: the bar says what is live instead. */
const IDLE = 'Press Run or Step: every event is explained here in one sentence.';
const FLAT_OUT = 'Full speed: ring and event count live; other panes update every 2 s and when the run stops.';

export function NarrationBar() {
  const events = useStore(selectEvents);
  const entries = useStore(selectNarration);
  const flatOut = useStore(selectFlatOut);
  const pauseReason = useStore(selectPause);
  const ctx = useNarrateContext();
  // Told from the current event's own entries: the same after a step back or a seek as on the way forward.
  const sentence = useMemo(() => (ctx ? barSentence(entries ?? [], events, ctx) : undefined), [ctx, entries, events]);
  const shownText = flatOut ? FLAT_OUT : sentence ? sentence.text : IDLE;
  const { bar, body, text } = useFitText(`${flatOut ? '' : (pauseReason ?? '')}\n${shownText}`);
  if (flatOut) {
    return (
      <div className="narration-bar tone-driver" data-testid="narration-bar" ref={bar}>
        <span className="narration-bar-when">max speed</span>
        <div className="narration-bar-body" ref={body}>
          <p className="narration-bar-text" aria-live="polite" ref={text}>
            {FLAT_OUT}
          </p>
        </div>
      </div>
    );
  }
  return (
    <div className={`narration-bar tone-${sentence?.tone ?? 'driver'}`} data-testid="narration-bar" ref={bar}>
      <span className="narration-bar-when" aria-hidden={!sentence}>
        {sentence ? (
          <>
            <span className="narration-bar-event">#{sentence.event.toLocaleString('en')}</span>
            <span className="narration-bar-time">{formatTime(sentence.time)}</span>
          </>
        ) : (
          'ready'
        )}
      </span>
      <div className="narration-bar-body" ref={body}>
        {pauseReason && (
          <p className="narration-bar-pause" role="status" data-testid="pause-reason">
            {pauseReason}
          </p>
        )}
        <p className="narration-bar-text" aria-live="polite" ref={text}>
          {shownText}
        </p>
      </div>
    </div>
  );
}
