// Every shipped lesson against a real run: it parses, its program compiles
// with no diagnostics, each step's wait is reached walking forward with Step
// (a question is never already answered when its step opens), and each stated
// answer is the run's own.
import { beforeAll, describe, expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { parseLesson } from './format.ts';
import { walkLesson } from './walk.ts';
import { compileSource } from '../engine/source.ts';
import { lessonIdOf } from './index.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const dir = new URL('./', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.lesson')).sort();

test('the course covers the design document', () => {
  expect(files.length).toBeGreaterThanOrEqual(13);
});

describe.each(files)('%s', (file) => {
  const text = readFileSync(new URL(file, dir), 'utf8');
  test('walks to its end with every wait reached and every stated answer the run’s', () => {
    const r = parseLesson(text, lessonIdOf(file));
    if (!r.ok) throw new Error(r.errors.join('\n'));
    const lesson = r.lesson;
    expect(compileSource(lesson.program).diagnostics).toEqual([]);
    const walk = walkLesson(k, lesson);
    expect(walk.errors).toEqual([]);
    for (const [i, st] of lesson.steps.entries()) {
      const o = walk.steps[i];
      const where = `${file} step ${i + 1} “${st.title}”`;
      expect(o.problem, where).toBeUndefined();
      expect(o.reached, `${where}: wait not reached`).toBe(true);
      if (st.ask) {
        expect(o.event, `${where}: the question is answered when its step opens`).toBeGreaterThan(o.opened);
        expect(st.expect, `${where}: a shipped question states its answer`).toBeDefined();
        expect(o.answer, `${where}: the run's answer`).toBe(st.expect);
      }
    }
    expect(walk.session?.state, `${file}: the program ends without an error`).toBe('done');
  });
});
