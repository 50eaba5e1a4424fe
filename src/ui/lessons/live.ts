// Lessons on the page. Which lesson is open and at which step lives in the
// store (`lesson: {id, step}`), so a link that sets it opens the lesson there;
// this module follows that field: it judges the step's wait at every event the
// page shows (and stops a Run there), reveals the run's answer to a question,
// and keeps progress and scores in the browser.
import { create } from 'zustand';
import { useStore } from '../store/index.ts';
import { currentSession, setRunWatch } from '../engine/runtime.ts';
import type { RunSession as Session } from '../engine/run-session.ts';
import { replaceProgram, showNotice } from '../share/actions.ts';
import { pageAutosave } from '../share/autosave.ts';
import { encodeHash, decodeHash } from '../share/codec.ts';
import { crc32Hex } from '../share/crc32.ts';
import { readFiles } from '../../engine-wasm/host/records.ts';
import { barSentence } from '../components/Narration/narrate.ts';
import { answerAt, atNow, normalAnswer, reached, waitText } from './conditions.ts';
import { parseLesson, type Lesson } from './format.ts';
import { LESSONS } from './index.ts';
import { exerciseLesson, parseExerciseId, EXERCISES_PER_SET, exerciseId, SEED_PATTERN } from './exercises.ts';
import { keepCustom, noteProgress, noteScore, readCustom } from './progress.ts';
import { questionsLesson } from './program-questions.ts';
import { currentSource } from '../editing.ts';

export const LESSON_PREFIX = '#lesson/';

export interface Reveal {
  /** The run's answer, or why the run could not answer. */
  readonly run?: string;
  readonly error?: string;
  /** The kernel's own sentence for the event (the narration bar's). */
  readonly sentence?: string;
  readonly right?: boolean;
}

export interface LessonView {
  /** The session event the step opened at: its wait is judged at later events. */
  openedAt: number;
  reached: boolean;
  /** Why the wait cannot be judged in this program (a name it lacks…). */
  problem: string | null;
  /** The answer given before the reveal. */
  given: string | null;
  reveal: Reveal | null;
}

const FRESH: LessonView = { openedAt: 0, reached: false, problem: null, given: null, reveal: null };
export const useLessonView = create<LessonView>()(() => ({ ...FRESH }));

/** Lessons opened from a file or a link this session (also kept in localStorage). */
const custom = new Map<string, Lesson>();

/** The lesson an id names: shipped, an exercise, or one opened from a file or link. */
export function lessonById(id: string): Lesson | null {
  const shipped = LESSONS.find((l) => l.id === id);
  if (shipped) return shipped;
  const ex = parseExerciseId(id);
  if (ex) return exerciseLesson(ex.seed, ex.n);
  const mine = custom.get(id);
  if (mine) return mine;
  if (id.startsWith(QUESTIONS_PREFIX)) return programQuestionsById(id);
  const kept = readCustom().find((c) => c.id === id);
  if (!kept) return null;
  const r = parseLesson(kept.text, id);
  if (!r.ok) return null;
  custom.set(id, r.lesson);
  return r.lesson;
}

export function currentLesson(): Lesson | null {
  const at = useStore.getState().lesson;
  return at ? lessonById(at.id) : null;
}

/** Opens a lesson at a step, with its program in the editor (edited work stays in Recover). */
export function openLesson(id: string, step = 0): void {
  const lesson = lessonById(id);
  if (!lesson) return;
  const kept = replaceProgram(lesson.program, null);
  showNotice(kept ? { kind: 'info', text: `Opened the lesson “${lesson.title}”. ${kept}` } : null);
  useStore.setState({ lesson: { id, step: Math.max(0, Math.min(step, lesson.steps.length - 1)) } });
  pageAutosave()?.setUrlText(lesson.program);
}

/** The address of the open lesson and step (a reload reopens it there), or the bare page. */
function keepAddress(): void {
  const at = useStore.getState().lesson;
  const q = at ? `?lesson=${encodeURIComponent(at.id)}${at.step > 0 ? `&step=${at.step}` : ''}` : '';
  window.history.replaceState(null, '', window.location.pathname + q);
}

/** Puts the lesson's program back (to retry after editing). */
export function reloadProgram(): void {
  const lesson = currentLesson();
  if (lesson) replaceProgram(lesson.program, null);
}

export function gotoStep(step: number): void {
  const at = useStore.getState().lesson;
  const lesson = currentLesson();
  if (!at || !lesson) return;
  useStore.setState({ lesson: { id: at.id, step: Math.max(0, Math.min(step, lesson.steps.length - 1)) } });
}

export function closeLesson(): void {
  useStore.setState({ lesson: null });
}

/** The answer the student gives before the run reveals it. */
export function giveAnswer(answer: string): void {
  if (normalAnswer(answer) === '') return;
  useLessonView.setState({ given: normalAnswer(answer) });
  check();
}

const QUESTIONS_PREFIX = 'questions-';

/** The questions of the program in the editor, when `id` names that very text. */
function programQuestionsById(id: string): Lesson | null {
  const text = currentSource();
  if (id !== QUESTIONS_PREFIX + crc32Hex(text)) return null;
  const r = questionsLesson(text, id);
  if (!r.ok) return null;
  custom.set(id, r.lesson);
  return r.lesson;
}

/**
 * Asks the questions the program in the editor writes in its `#?` comments
 * (program-questions.ts), over the program as it is: the text is not replaced.
 */
export function openProgramQuestions(): boolean {
  const text = currentSource();
  const id = QUESTIONS_PREFIX + crc32Hex(text);
  const r = questionsLesson(text, id);
  if (!r.ok) {
    showNotice({ kind: 'error', text: `The program's questions cannot be asked: ${r.errors.slice(0, 3).join('; ')}` });
    return false;
  }
  custom.set(id, r.lesson);
  useStore.setState({ lesson: { id, step: 0 } });
  return true;
}

/** Opens a lesson file's text (from a file or a link): the lesson is kept so a reload finds it. */
export function openLessonText(text: string, what: string): boolean {
  const id = `custom-${crc32Hex(text)}`;
  const r = parseLesson(text, id);
  if (!r.ok) {
    showNotice({ kind: 'error', text: `${what} is not a lesson this playground can open: ${r.errors.slice(0, 3).join('; ')}` });
    return false;
  }
  custom.set(id, r.lesson);
  keepCustom({ id, text });
  openLesson(id);
  return true;
}

/** A link that opens the current lesson: shipped lessons and exercises by id, others with their whole text. */
export function lessonLink(): string | null {
  const at = useStore.getState().lesson;
  const lesson = currentLesson();
  if (!at || !lesson) return null;
  const base = window.location.origin + window.location.pathname;
  const ex = parseExerciseId(at.id);
  if (ex) return `${base}?exercises=${encodeURIComponent(ex.seed)}`;
  if (LESSONS.some((l) => l.id === at.id)) return `${base}?lesson=${encodeURIComponent(at.id)}`;
  return base + encodeHash(LESSON_PREFIX, lesson.source);
}

/** At start-up: a `#lesson/…`, `?lesson=` or `?exercises=` address opens what it names. */
export function openLessonFromAddress(): void {
  const { hash, search } = window.location;
  if (hash.startsWith(LESSON_PREFIX)) {
    const d = decodeHash(LESSON_PREFIX, hash);
    if (d && d.ok) openLessonText(d.text, 'This link');
    else showNotice({ kind: 'error', text: `${d && !d.ok ? d.error.replace('program', 'lesson') : 'This lesson link is damaged.'} No lesson was opened.` });
    return;
  }
  const q = new URLSearchParams(search);
  const id = q.get('lesson');
  const seed = q.get('exercises');
  if (id !== null) {
    if (lessonById(id)) openLesson(id, Number.parseInt(q.get('step') ?? '0', 10) || 0);
    else showNotice({ kind: 'error', text: `There is no lesson named “${id.slice(0, 40)}”.` });
  } else if (seed !== null) {
    if (SEED_PATTERN.test(seed)) openLesson(exerciseId(seed, 0));
    else showNotice({ kind: 'error', text: 'An exercise seed is 1 to 24 letters, digits or dashes.' });
  }
}

/** The next exercise of the set, or null at the last. */
export function nextExercise(): string | null {
  const at = useStore.getState().lesson;
  const ex = at && parseExerciseId(at.id);
  return ex && ex.n + 1 < EXERCISES_PER_SET ? exerciseId(ex.seed, ex.n + 1) : null;
}

function sentenceAt(s: Session): string | undefined {
  const ctx = { names: s.lay.names, files: readFiles(s.k) };
  return barSentence(s.recent(), s.events, ctx)?.text;
}

/** Judges the open step at the session's current event. */
function check(): void {
  const at = useStore.getState().lesson;
  const lesson = currentLesson();
  const s = currentSession();
  if (!at || !lesson || !s) return;
  const step = lesson.steps[at.step];
  const view = useLessonView.getState();
  if (!step?.wait) {
    if (!view.reached) useLessonView.setState({ reached: true });
    return;
  }
  // Back before the step opened (a Reset, a step back): judge from there.
  if (s.events < view.openedAt) useLessonView.setState({ openedAt: s.events });
  if (view.reached || s.events <= useLessonView.getState().openedAt) return;
  const r = reached(step.wait, atNow(s));
  if (typeof r === 'string') {
    if (view.problem !== r) useLessonView.setState({ problem: r });
    return;
  }
  if (!r) return;
  const patch: Partial<LessonView> = { reached: true, problem: null };
  if (step.ask) {
    const a = answerAt(step.ask, atNow(s));
    const sentence = sentenceAt(s);
    if ('answer' in a) {
      const right = view.given === null ? undefined : view.given === a.answer;
      patch.reveal = { run: a.answer, sentence, ...(right !== undefined ? { right } : {}) };
      const ex = parseExerciseId(at.id);
      if (ex && right !== undefined) noteScore(ex.seed, String(ex.n), right ? 'right' : 'wrong');
    } else patch.reveal = { error: a.error, sentence };
  }
  useLessonView.setState(patch);
  noteProgress(at.id, at.step, at.step === lesson.steps.length - 1);
}

/** Stops a Run at the step's wait: just before it while a question waits for its answer. */
function watch(s: Session): { text: string; before: boolean } | null {
  const lesson = currentLesson();
  const at = useStore.getState().lesson;
  const view = useLessonView.getState();
  const step = at && lesson?.steps[at.step];
  if (!step?.wait || view.reached || s.events <= view.openedAt) return null;
  if (reached(step.wait, atNow(s)) !== true) return null;
  if (step.ask && view.given === null) return { text: `lesson: ${waitText(step.wait)} next — answer the question first`, before: true };
  return { text: `lesson: ${waitText(step.wait)} — reached`, before: false };
}

let installed = false;

/** Follows the store: a new lesson or step starts fresh; every published state is judged. */
export function installLessons(): void {
  if (installed) return;
  installed = true;
  useStore.subscribe((st, prev) => {
    if (st.lesson !== prev.lesson) {
      keepAddress();
      const s = currentSession();
      useLessonView.setState({ ...FRESH, openedAt: s ? s.events : 0 });
      setRunWatch(st.lesson ? watch : null);
      if (st.lesson) noteProgress(st.lesson.id, st.lesson.step, false);
      check();
    } else if (st.snap !== prev.snap && st.lesson) check();
  });
  const first = useStore.getState().lesson;
  if (first) {
    setRunWatch(watch);
    useLessonView.setState({ ...FRESH, openedAt: currentSession()?.events ?? 0 });
  }
}
