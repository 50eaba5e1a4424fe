// The shipped lessons (*.lesson beside this file), in file-name order (the
// number in front of each name is the course's order). Vite inlines the texts.
import { parseLesson, type Lesson } from './format.ts';

const files = import.meta.glob<string>('./*.lesson', { query: '?raw', import: 'default', eager: true });

/** Lesson id from a file name: `03-arguments.lesson` → `arguments`. */
export const lessonIdOf = (path: string): string => path.replace(/^.*\/|\.lesson$/g, '').replace(/^\d+-/, '');

function load(): Lesson[] {
  const out: Lesson[] = [];
  for (const path of Object.keys(files).sort()) {
    const r = parseLesson(files[path], lessonIdOf(path));
    // A shipped lesson that does not parse is caught by lessons.test.ts; the page lists the rest.
    if (r.ok) out.push(r.lesson);
  }
  return out;
}

export const LESSONS: readonly Lesson[] = load();
