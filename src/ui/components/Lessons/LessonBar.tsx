import { useState } from 'react';
import { useStore } from '../../store/index.ts';
import { play, step as stepRun } from '../../engine/runtime.ts';
import { askChoices, askText, waitText } from '../../lessons/conditions.ts';
import { closeLesson, giveAnswer, gotoStep, lessonById, nextExercise, openLesson, reloadProgram, useLessonView } from '../../lessons/live.ts';
import { LESSONS } from '../../lessons/index.ts';
import { parseExerciseId, EXERCISES_PER_SET } from '../../lessons/exercises.ts';
import { readScore } from '../../lessons/progress.ts';
import { Welcome } from './Welcome.tsx';
import { ProgramQuestions } from './ProgramQuestions.tsx';
import { Md, inline } from './Md.tsx';
import './lessons.css';

/** The open lesson's step under the narration bar (or, with none open, the first-visit note). */
export function LessonBar() {
  const at = useStore((s) => s.lesson);
  const ringEntries = useStore((s) => s.layout?.ringEntries ?? 0);
  const view = useLessonView();
  const [typed, setTyped] = useState('');
  // Presenting to a class, the first-visit note would take the projector's room: it waits for the normal layout.
  const presenter = useStore((s) => s.presenter);
  if (!at) return presenter ? null : <ProgramQuestions fallback={<Welcome />} />;
  const lesson = lessonById(at.id);
  if (!lesson) {
    return (
      <section className="lesson-bar" aria-label="Lesson">
        <p className="lesson-problem">There is no lesson “{at.id.slice(0, 40)}” here.</p>
        <button type="button" className="btn" onClick={closeLesson}>Close</button>
      </section>
    );
  }
  const st = lesson.steps[at.step];
  const last = at.step === lesson.steps.length - 1;
  const ex = parseExerciseId(at.id);
  const course = LESSONS.findIndex((l) => l.id === at.id);
  const nextLesson = ex ? nextExercise() : course >= 0 && course + 1 < LESSONS.length ? LESSONS[course + 1].id : null;
  const score = ex ? readScore(ex.seed) : null;
  const choices = st.ask ? askChoices(st.ask, ringEntries) : null;
  const locked = view.given !== null || view.reveal !== null;
  const where = ex ? `Exercise set “${ex.seed}” · ${ex.n + 1} of ${EXERCISES_PER_SET}` : course >= 0 ? `Lesson ${course + 1} of ${LESSONS.length}` : 'Lesson';

  return (
    <section className="lesson-bar" aria-label="Lesson" key={`${at.id}/${at.step}`}>
      <div className="lesson-main">
        <p className="lesson-where">
          {where} · <strong>{ex ? lesson.title.replace(/^Exercise \d+ of \d+ · /, '') : lesson.title}</strong> · step {at.step + 1} of {lesson.steps.length}
          {score && <span className="lesson-score"> · score {Object.values(score).filter((m) => m === 'right').length} of {Object.keys(score).length} answered</span>}
        </p>
        <h2 className="lesson-title">{st.title}</h2>
        {at.step === 0 && lesson.intro && <div className="lesson-text lesson-intro"><Md text={lesson.intro} /></div>}
        <div className="lesson-text"><Md text={st.text} /></div>
        {st.ask && (
          <div className="lesson-ask" role="group" aria-label="Question">
            <p className="lesson-q">{inline(askText(st.ask))}</p>
            {choices ? (
              <div className="lesson-choices">
                {choices.map((c) => (
                  <button key={c} type="button" className={`btn${view.given === c ? ' chosen' : ''}`} disabled={locked} aria-pressed={view.given === c} onClick={() => giveAnswer(c)}>
                    {c}
                  </button>
                ))}
              </div>
            ) : (
              <form className="lesson-choices" onSubmit={(e) => (e.preventDefault(), giveAnswer(typed))}>
                <input aria-label="Your answer" className="lesson-input" value={view.given ?? typed} disabled={locked} onChange={(e) => setTyped(e.target.value)} inputMode="numeric" />
                <button type="submit" className="btn" disabled={locked || typed.trim() === ''}>Answer</button>
              </form>
            )}
            {view.given !== null && !view.reveal && <p className="lesson-note">Answer kept. Now Step or Run: the run will tell.</p>}
            {view.reveal && <RevealLine reveal={view.reveal} given={view.given} expect={st.expect} why={st.why} />}
          </div>
        )}
      </div>
      <div className="lesson-side">
        {st.wait && (
          <p className={`lesson-wait${view.reached ? ' done' : ''}`} aria-live="polite">
            {view.reached ? '✓ Reached: ' : 'Step or Run until '}
            {inline(waitText(st.wait))}
          </p>
        )}
        {view.problem && <p className="lesson-problem">{inline(view.problem)}</p>}
        <div className="lesson-buttons">
          {st.wait && !view.reached && (
            <>
              <button type="button" className="btn" onClick={stepRun}>Step</button>
              <button type="button" className="btn" onClick={play}>Run</button>
            </>
          )}
          <button type="button" className="btn" disabled={at.step === 0} onClick={() => gotoStep(at.step - 1)}>Back</button>
          {!last && (
            <button type="button" className="btn primary" disabled={!view.reached} onClick={() => gotoStep(at.step + 1)}>Next</button>
          )}
          {last && nextLesson && (
            <button type="button" className="btn primary" disabled={!view.reached} onClick={() => openLesson(nextLesson)}>{ex ? 'Next exercise' : 'Next lesson'}</button>
          )}
          {last && !nextLesson && view.reached && <span className="lesson-end">{ex ? 'End of the set' : 'End of the course'}</span>}
          <button type="button" className="btn" onClick={reloadProgram} title="Put the lesson's program back in the editor (edited work stays in Recover)">Restore program</button>
          <button type="button" className="btn" onClick={closeLesson}>Close lesson</button>
        </div>
      </div>
    </section>
  );
}

function RevealLine({ reveal, given, expect, why }: { reveal: NonNullable<ReturnType<typeof useLessonView.getState>['reveal']>; given: string | null; expect?: string; why?: string }) {
  if (reveal.error) return <p className="lesson-reveal bad">The run could not answer here: {inline(reveal.error)}</p>;
  const verdict = reveal.right === undefined ? `You went past it before answering. The run says: ${reveal.run}.` : reveal.right ? `Right: ${reveal.run}.` : `Not quite: you said ${given}, the run says ${reveal.run}.`;
  // The lesson's own explanation is shown only when its stated answer is the run's (shipped lessons are tested for it).
  const trusted = why && (expect === undefined || expect === reveal.run);
  return (
    <div className={`lesson-reveal ${reveal.right === false ? 'bad' : reveal.right ? 'ok' : ''}`} role="status">
      <p><strong>{verdict}</strong> {trusted && inline(why)}</p>
      {expect !== undefined && expect !== reveal.run && <p className="lesson-note">The lesson expected {expect}; this run gives {reveal.run} (the program may have been edited). The run is right.</p>}
      {reveal.sentence && <p className="lesson-kernel">The kernel at this event: {reveal.sentence}</p>}
    </div>
  );
}
