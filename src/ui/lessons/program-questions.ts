// Questions a plain program asks, written in its own comments: a line
// `#? wait: …` opens a question, and `#? ask:`, `#? why:` (and `#? expect:`)
// lines after it complete it, with the words of the lesson format
// (docs/lessons.md). The program is then opened as a lesson of those
// questions, so the same code judges the waits and reads the answers from
// the run. To the language they are comments: the program runs unchanged.
import { parseLesson, type LessonParse } from './format.ts';

const LINE = /^\s*#\?\s*(wait|ask|expect|why):\s*(.*?)\s*$/;

interface Question {
  readonly lines: string[];
}

/** The questions the program's `#?` comment lines ask (one per `wait:`), in order. */
export function questionLines(program: string): readonly Question[] {
  const out: Question[] = [];
  for (const line of program.split('\n')) {
    const m = LINE.exec(line);
    if (!m) continue;
    if (m[1] === 'wait' || out.length === 0) out.push({ lines: [] });
    out[out.length - 1].lines.push(`${m[1]}: ${m[2]}`);
  }
  return out;
}

export const countQuestions = (program: string): number => questionLines(program).filter((q) => q.lines.some((l) => l.startsWith('ask:'))).length;

/** The lesson file for the program's questions: the program itself and one step per question. */
export function questionsLessonText(program: string): string {
  const steps = questionLines(program).map((q, i) => `## Question ${i + 1}\nPredict, then press Step or Run: the run reveals the answer.\n${q.lines.join('\n')}\n`);
  // A fence inside the program would end the block early: such a program cannot carry questions.
  return `---\ntitle: This program's questions\nsummary: Questions the program asks in its #? comments.\n---\n\`\`\`syslet\n${program.replace(/\n*$/, '\n')}\`\`\`\n\n${steps.join('\n')}`;
}

/** The program's questions as a lesson, or why they cannot be asked. */
export function questionsLesson(program: string, id: string): LessonParse {
  if (/^\s*```/m.test(program)) return { ok: false, errors: ['a line starting with ``` cannot be part of a program with questions'] };
  return parseLesson(questionsLessonText(program), id);
}
