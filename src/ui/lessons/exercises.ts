// Generated exercises, in the manner of OSTEP's simulators: a seed gives a
// set of small random programs, each with a question, and the same seed always
// gives the same set (so a link with the seed gives a class the same
// exercises). Each exercise is written as a lesson file and goes through the
// same parser; its answer is never generated here: the page takes it from the
// run, like every lesson's.
import { parseLesson, type Lesson } from './format.ts';

export const EXERCISES_PER_SET = 5;
export const EXERCISE_PREFIX = 'exercise-';
/** A seed as typed: letters, digits and dashes. */
export const SEED_PATTERN = /^[A-Za-z0-9-]{1,24}$/;

/** A small, seeded generator (mulberry32 over an FNV-1a hash of the seed): the same seed, the same numbers. */
function rng(seed: string): () => number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193);
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T,>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** The word list has 6 pages of 4096 bytes: distinct pages are distinct disk reads. */
const WORD_PAGES = 6;

function lesson(title: string, intro: string, program: string[], steps: string[]): string {
  return ['---', `title: ${title}`, '---', intro, '', '```syslet', ...program, '```', '', ...steps].join('\n');
}

function cachedOrNot(r: Rand): string {
  const page = int(r, 0, WORD_PAGES - 1);
  const warm = r() < 0.5;
  const off = page * 4096 + int(r, 0, 7) * 512;
  return lesson(
    'Cached or not?',
    warm ? 'The driver reads the page once itself before submitting the atom.' : 'Nothing has read the word list before this atom.',
    [
      'ring 4',
      '',
      'var fd = open("/usr/share/dict/words", O_RDONLY)',
      'buffer b[512]',
      'var bufp = b',
      'var count = 512',
      `var off = ${off}`,
      'var n = 0',
      '',
      'atom rd = pread64(&fd, &bufp, &count, &off) ret n',
      '',
      ...(warm ? [`pread64(fd, b, 512, ${off})  # a direct read first`] : []),
      'var r = async_exec(rd)',
      'async_wait(1)',
      'print "async_exec returned ", r, "; read ", n, " bytes\\n"',
    ],
    ['## Predict', 'Answer, then Step or Run until async_exec returns.', 'wait: async_exec returns', 'ask: null'],
  );
}

function countLoop(r: Rand): string {
  const times = int(r, 2, 7);
  const step = int(r, 2, 9);
  return lesson(
    'A loop inside the kernel',
    'Two `umem_add` atoms form a loop: `add` adds `step` to `total`, `dec` counts `left` down and stops at zero.',
    [
      'ring 4',
      '',
      'var total = 0',
      `var step = ${step}`,
      `var left = ${times}`,
      'var minus = -1',
      'var ptotal = &total',
      'var pleft = &left',
      '',
      'atom add = umem_add(&ptotal, &step) next dec',
      'atom dec = umem_add(&pleft, &minus) flags SYSLET_STOP_ON_ZERO next add',
      '',
      'async_exec(add)',
      'print "total = ", total, "\\n"',
    ],
    ['## Predict', 'Answer, then Run to the end.', 'wait: the program ends', 'ask: value total'],
  );
}

function coldReads(r: Rand, count: number): { decls: string[]; atoms: string[]; names: string[] } {
  const pages = Array.from({ length: WORD_PAGES }, (_, i) => i);
  for (let i = pages.length - 1; i > 0; i--) {
    const j = int(r, 0, i);
    [pages[i], pages[j]] = [pages[j], pages[i]];
  }
  const decls: string[] = [];
  const atoms: string[] = [];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    decls.push(`var off${i + 1} = ${pages[i] * 4096}`, `var n${i + 1} = 0`);
    atoms.push(`atom s${i + 1} = pread64(&fd, &bufp, &count, &off${i + 1}) ret n${i + 1}`);
    names.push(`s${i + 1}`);
  }
  return { decls, atoms, names };
}

/** A program of cold reads submitted one after another into a ring of `ring`, then `tail`. */
function coldReadProgram(ring: number, c: { decls: string[]; atoms: string[]; names: string[] }, tail: string[]): string[] {
  return [
    `ring ${ring}`,
    '',
    'var fd = open("/usr/share/dict/words", O_RDONLY)',
    'buffer scratch[512]',
    'var bufp = scratch',
    'var count = 512',
    ...c.decls,
    '',
    ...c.atoms,
    '',
    ...c.names.map((n) => `async_exec(${n})`),
    ...tail,
  ];
}

function fullRing(r: Rand): string {
  const ring = int(r, 1, 3);
  const reads = Math.min(WORD_PAGES, ring + int(r, 1, 3));
  const c = coldReads(r, reads);
  return lesson(
    'How many are lost?',
    `${reads} reads of different cold pages go out at once into a ring of ${ring}; nothing is reaped until all are done.`,
    coldReadProgram(ring, c, [`var filled = async_wait(${reads})`, 'print "the ring holds ", filled, "\\n"']),
    ['## Predict', 'Answer, then Run to the end.', 'wait: the program ends', 'ask: lost'],
  );
}

function whichSlot(r: Rand): string {
  const reads = int(r, 3, 5);
  const c = coldReads(r, reads);
  const target = pick(r, c.names);
  return lesson(
    'Which slot?',
    `${reads} reads of different cold pages go out at once into a ring of 8. The disk serves them in its own order.`,
    coldReadProgram(8, c, [`async_wait(${reads})`]),
    ['## Predict', `Answer, then Run until \`${target}\` is posted.`, `wait: ${target} is posted`, `ask: slot ${target}`],
  );
}

function stopOrGo(r: Rand): string {
  const exists = r() < 0.5;
  const flag = pick(r, ['SYSLET_STOP_ON_NEGATIVE', 'SYSLET_STOP_ON_ZERO', 'SYSLET_STOP_ON_NON_POSITIVE']);
  const path = exists ? '/etc/motd' : '/etc/no-such-file';
  return lesson(
    'Does the chain go on?',
    `\`op\` opens \`${path}\` with \`${flag}\`; its \`next\` is \`say\`, a write of 6 bytes.`,
    [
      'ring 4',
      '',
      `var path = "${path}"`,
      'var oflags = O_RDONLY',
      'var fd = -1',
      'var out = 1',
      'var msg = "went!\\n"',
      'var size = 6',
      'var said = -1',
      '',
      `atom op = open(&path, &oflags) ret fd flags ${flag} next say`,
      'atom say = write(&out, &msg, &size) ret said',
      '',
      'async_exec(op)',
      'print "fd = ", fd, ", said = ", said, "\\n"',
    ],
    ['## Predict', 'Answer, then Run to the end.', 'wait: the program ends', 'ask: value said'],
  );
}

const KINDS = [cachedOrNot, countLoop, fullRing, whichSlot, stopOrGo] as const;

/** The text of exercise `n` (0-based) of a seed's set. */
export function exerciseText(seed: string, n: number): string {
  const r = rng(`${seed}#${n}`);
  // Each set has one exercise of every kind, in an order the seed picks.
  const order = KINDS.map((_, i) => i);
  const shuffle = rng(seed);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(shuffle() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return KINDS[order[n % KINDS.length]](r);
}

export const exerciseId = (seed: string, n: number): string => `${EXERCISE_PREFIX}${seed}-${n}`;

/** Seed and number of an exercise id, or null. */
export function parseExerciseId(id: string): { seed: string; n: number } | null {
  const m = /^exercise-([A-Za-z0-9-]{1,24})-(\d+)$/.exec(id);
  if (!m || !SEED_PATTERN.test(m[1])) return null;
  const n = Number(m[2]);
  return n < EXERCISES_PER_SET ? { seed: m[1], n } : null;
}

export function exerciseLesson(seed: string, n: number): Lesson | null {
  if (!SEED_PATTERN.test(seed) || n < 0 || n >= EXERCISES_PER_SET) return null;
  const r = parseLesson(exerciseText(seed, n), exerciseId(seed, n));
  if (!r.ok) return null;
  const lesson = r.lesson;
  return { ...lesson, title: `Exercise ${n + 1} of ${EXERCISES_PER_SET} · ${lesson.title}` };
}

/** A fresh seed for a new set (any seed will do: the set is a function of it). */
export function newSeed(): string {
  return Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, '0');
}
