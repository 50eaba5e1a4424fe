// The lesson file format (docs/lessons.md): Markdown a lecturer can write.
//
//   ---
//   title: Chaining with next
//   summary: one line for the lessons list
//   ---
//   Text shown before the first step (optional).
//
//   ```syslet
//   …the program…
//   ```
//
//   ## A step's title
//   The step's text.
//   wait: async_exec returns NULL
//   ask: null
//   expect: yes
//   why: one line shown with the revealed answer
//
// Pure: the text in, a lesson or every problem found (with its line) out.
import { askFitsWait, parseAsk, parseWait, normalAnswer, type Ask, type Wait } from './conditions.ts';

export interface LessonStep {
  readonly title: string;
  /** The step's text (Markdown-lite: paragraphs, `code`, **bold**). */
  readonly text: string;
  readonly wait?: Wait;
  readonly ask?: Ask;
  /** The answer the lesson states (checked against the run by the tests; the run decides in the page). */
  readonly expect?: string;
  readonly why?: string;
  /** The step's heading line in the file. */
  readonly line: number;
}

export interface Lesson {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly intro: string;
  readonly program: string;
  readonly steps: readonly LessonStep[];
  /** The file's text, as read. */
  readonly source: string;
}

export type LessonParse = { readonly ok: true; readonly lesson: Lesson } | { readonly ok: false; readonly errors: readonly string[] };

/** The longest lesson file read (the same limit as a program: it travels in links the same way). */
export const MAX_LESSON_CHARS = 200_000;
const MAX_STEPS = 60;
const KEYS = new Set(['wait', 'ask', 'expect', 'why']);

export function parseLesson(source: string, id: string): LessonParse {
  if (source.length > MAX_LESSON_CHARS) return { ok: false, errors: [`The lesson is too long (${source.length.toLocaleString('en')} characters; at most ${MAX_LESSON_CHARS.toLocaleString('en')}).`] };
  const lines = source.replace(/^\uFEFF/, '').split(/\r?\n/);
  const errors: string[] = [];
  const err = (line: number, msg: string) => errors.push(`line ${line}: ${msg}`);
  let i = 0;
  const meta = new Map<string, string>();
  if (lines[0]?.trim() === '---') {
    i = 1;
    for (; i < lines.length && lines[i].trim() !== '---'; i++) {
      const m = /^([A-Za-z]+):\s*(.*)$/.exec(lines[i]);
      if (m) meta.set(m[1].toLowerCase(), m[2].trim());
      else if (lines[i].trim() !== '') err(i + 1, 'a front-matter line is “key: value” (title, summary)');
    }
    if (i >= lines.length) err(1, 'the front matter opened with “---” is never closed by another “---”');
    i++;
  }
  const title = meta.get('title') ?? '';
  if (!title) err(1, 'the lesson needs a title (a front-matter line “title: …”)');

  const intro: string[] = [];
  let program: string | null = null;
  for (; i < lines.length && !lines[i].startsWith('## '); i++) {
    if (/^```\s*syslet\s*$/.test(lines[i])) {
      if (program !== null) err(i + 1, 'a lesson has one program: a second ```syslet block');
      const start = i + 1;
      const body: string[] = [];
      for (i++; i < lines.length && !/^```\s*$/.test(lines[i]); i++) body.push(lines[i]);
      if (i >= lines.length) err(start, 'the ```syslet block is never closed by a line ```');
      program = body.join('\n') + '\n';
    } else intro.push(lines[i]);
  }
  if (program === null) err(1, 'the lesson needs its program in a ```syslet block before the first step');

  const steps: LessonStep[] = [];
  while (i < lines.length) {
    const line = i + 1;
    const stepTitle = lines[i].slice(3).trim();
    const text: string[] = [];
    const fields = new Map<string, { value: string; line: number }>();
    for (i++; i < lines.length && !lines[i].startsWith('## '); i++) {
      const m = /^([a-z]+):\s*(.*)$/.exec(lines[i]);
      if (m && KEYS.has(m[1])) {
        if (fields.has(m[1])) err(i + 1, `a step has one “${m[1]}:” line`);
        fields.set(m[1], { value: m[2].trim(), line: i + 1 });
      } else text.push(lines[i]);
    }
    if (!stepTitle) err(line, 'a step starts with “## ” and its title');
    const w = fields.get('wait');
    const wait = w ? parseWait(w.value) : undefined;
    if (typeof wait === 'string') err(w!.line, wait);
    const a = fields.get('ask');
    const ask = a ? parseAsk(a.value) : undefined;
    if (typeof ask === 'string') err(a!.line, ask);
    else if (ask) {
      const misfit = askFitsWait(ask, typeof wait === 'string' ? undefined : wait);
      if (misfit && typeof wait !== 'string') err(a!.line, misfit);
    }
    const expect = fields.get('expect');
    if (expect && !ask) err(expect.line, '“expect:” states the answer to the step’s “ask:”, which is missing');
    const why = fields.get('why');
    if (why && !ask) err(why.line, '“why:” explains the answer to the step’s “ask:”, which is missing');
    steps.push({
      title: stepTitle,
      text: text.join('\n').trim(),
      line,
      ...(wait && typeof wait !== 'string' ? { wait } : {}),
      ...(ask && typeof ask !== 'string' ? { ask } : {}),
      ...(expect ? { expect: normalAnswer(expect.value) } : {}),
      ...(why ? { why: why.value } : {}),
    });
  }
  if (steps.length === 0) err(lines.length, 'the lesson needs at least one step (a line “## title”)');
  if (steps.length > MAX_STEPS) err(steps[MAX_STEPS].line, `a lesson has at most ${MAX_STEPS} steps`);
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    lesson: { id, title, summary: meta.get('summary') ?? '', intro: intro.join('\n').trim(), program: program ?? '', steps, source },
  };
}
