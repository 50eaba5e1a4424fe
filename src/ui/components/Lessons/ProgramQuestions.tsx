import { useMemo, type ReactNode } from 'react';
import { useStore } from '../../store/index.ts';
import { countQuestions } from '../../lessons/program-questions.ts';
import { openProgramQuestions } from '../../lessons/live.ts';

/** With no lesson open: a program that asks questions in its `#?` comments offers them; else `fallback`. */
export function ProgramQuestions({ fallback }: { fallback: ReactNode }) {
  const source = useStore((s) => s.source);
  const count = useMemo(() => countQuestions(source), [source]);
  if (count === 0) return fallback;
  return (
    <section className="lesson-bar welcome" aria-label="This program's questions">
      <div className="lesson-main">
        <h2 className="lesson-title">
          This program asks {count === 1 ? 'a question' : `${count} questions`} about its run: predict, then let the run reveal the answer.
        </h2>
      </div>
      <div className="lesson-side">
        <div className="lesson-buttons">
          <button type="button" className="btn primary" onClick={() => openProgramQuestions()}>
            Answer {count === 1 ? 'it' : 'them'}
          </button>
        </div>
      </div>
    </section>
  );
}
