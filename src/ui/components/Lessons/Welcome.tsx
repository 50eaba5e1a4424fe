import { useState } from 'react';
import { dismissWelcome, welcomeDismissed } from '../../lessons/progress.ts';
import { openLesson } from '../../lessons/live.ts';
import { LESSONS } from '../../lessons/index.ts';
import { openHelp } from './help-state.ts';

/** The first-visit note: what a syslet is and where to start; dismissed once, for good. */
export function Welcome() {
  const [shown, setShown] = useState(() => !welcomeDismissed());
  if (!shown) return null;
  const close = () => {
    dismissWelcome();
    setShown(false);
  };
  return (
    <section className="lesson-bar welcome" aria-label="Welcome">
      <div className="lesson-main">
        <h2 className="lesson-title">New here? A syslet is a system call program the kernel runs for you.</h2>
        <p className="lesson-text">
          User space writes <strong>atoms</strong> (one system call each, chained by <code>next</code>) into its memory and submits them with one{' '}
          <code>async_exec</code>. If no call blocks it returns at once; if one blocks it returns NULL, and a cachemiss thread finishes the chain and
          posts its last atom into a <strong>completion ring</strong>. Press <strong>Step</strong> to watch, or start the course.
        </p>
      </div>
      <div className="lesson-side">
        <div className="lesson-buttons">
          <button type="button" className="btn primary" onClick={() => (close(), openLesson(LESSONS[0].id))}>Start the first lesson</button>
          <button type="button" className="btn" onClick={() => openHelp()}>Help and glossary</button>
          <button type="button" className="btn" onClick={close}>Dismiss</button>
        </div>
      </div>
    </section>
  );
}
