// Generated exercises: the same seed gives the same programs, every one
// parses and runs to its end, and each question is judged by the run.
import { beforeAll, expect, test } from 'vitest';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { EXERCISES_PER_SET, exerciseLesson, exerciseText, parseExerciseId, exerciseId } from './exercises.ts';
import { walkLesson } from './walk.ts';
import { compileSource } from '../engine/source.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

test('a seed always gives the same set, and another seed another set', () => {
  const set = (seed: string) => Array.from({ length: EXERCISES_PER_SET }, (_, n) => exerciseText(seed, n));
  expect(set('class-42')).toEqual(set('class-42'));
  expect(set('class-42')).not.toEqual(set('class-43'));
  expect(parseExerciseId(exerciseId('ab-1', 3))).toEqual({ seed: 'ab-1', n: 3 });
  expect(parseExerciseId('exercise-ab-9')).toBeNull();
});

test.each(['1', '2', '3', 'abc', 'class-42', 'zz9', 'seed-7', 'x'])('every exercise of seed %s runs to its end and its question is answered by the run', (seed) => {
  const answers = new Set<string>();
  for (let n = 0; n < EXERCISES_PER_SET; n++) {
    const lesson = exerciseLesson(seed, n);
    expect(lesson, `${seed}/${n}`).not.toBeNull();
    expect(compileSource(lesson!.program).diagnostics, `${seed}/${n}`).toEqual([]);
    const walk = walkLesson(k, lesson!);
    expect(walk.errors).toEqual([]);
    for (const o of walk.steps) {
      expect(o.problem, `${seed}/${n}`).toBeUndefined();
      expect(o.reached, `${seed}/${n}`).toBe(true);
      expect(o.answer, `${seed}/${n}`).toMatch(/^(yes|no|lost|-?\d+)$/);
      answers.add(`${n}:${o.answer}`);
    }
    const s = walk.session!;
    while (!s.finished) s.run(10_000);
    expect(s.state, `${seed}/${n}: ${s.failure?.message}`).toBe('done');
  }
  expect(answers.size).toBe(EXERCISES_PER_SET);
});
