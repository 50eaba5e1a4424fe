import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../engine-wasm/host/node.ts';
import type { Kernel } from '../../engine-wasm/host/kernel.ts';
import { compileSource } from '../engine/source.ts';
import { countQuestions, questionLines, questionsLesson } from './program-questions.ts';
import { walkLesson } from './walk.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const fullRing = readFileSync(new URL('../examples/full-ring.syslet', import.meta.url), 'utf8');
const asking = `${fullRing}
#? wait: async_exec returns
#? ask: null
#? why: s1 waits for the disk: the head hands it to a cachemiss thread.
#? wait: a completion is lost
#? ask: lost
#? wait: the program ends
#? ask: value reaped
`;

describe('questions a program asks in its #? comments', () => {
  test('are comments to the language: the program compiles and runs as before', () => {
    expect(compileSource(asking).diagnostics).toEqual([]);
    expect(countQuestions(asking)).toBe(3);
    expect(countQuestions(fullRing)).toBe(0);
    expect(questionLines(asking)[0].lines).toEqual(['wait: async_exec returns', 'ask: null', 'why: s1 waits for the disk: the head hands it to a cachemiss thread.']);
  });

  test('become a lesson over the program itself, answered by the run', () => {
    const r = questionsLesson(asking, 'questions-test');
    if (!r.ok) throw new Error(r.errors.join('\n'));
    expect(r.lesson.program.trimEnd()).toBe(asking.trimEnd());
    expect(r.lesson.steps.map((s) => s.title)).toEqual(['Question 1', 'Question 2', 'Question 3']);
    const walk = walkLesson(k, r.lesson);
    expect(walk.errors).toEqual([]);
    expect(walk.steps.map((s) => s.problem)).toEqual([undefined, undefined, undefined]);
    // The first async_exec returns NULL (s1 blocks on the disk), the first loss is loss number 1,
    // and the driver reaps the two completions the ring kept (the example prints the same count).
    expect(walk.steps.map((s) => s.answer)).toEqual(['yes', '1', '2']);
    expect(walk.console).toContain('reaped 2 completions');
  });

  test('a question the lesson format refuses is reported, not asked', () => {
    const r = questionsLesson(`${fullRing}\n#? wait: s9 is posted somewhere\n#? ask: lost\n`, 'questions-bad');
    expect(r.ok).toBe(false);
    const fenced = questionsLesson('```\n#? wait: the program ends\n#? ask: lost\n', 'questions-fence');
    expect(fenced.ok).toBe(false);
  });
});
