// What the browser keeps for lessons (localStorage, through share/storage.ts
// so a refusing browser only costs the saved copy): each lesson's furthest
// step and whether it was finished, the exercise scores by seed, lessons
// opened from files or links (so a reload finds them), and the first-visit note.
import { pageStorage, readItem, writeItem, type StorageLike } from '../share/storage.ts';

export const PROGRESS_KEY = 'syslet-playground:lesson-progress';
export const SCORE_KEY = 'syslet-playground:exercise-score';
export const CUSTOM_KEY = 'syslet-playground:custom-lessons';
export const WELCOME_KEY = 'syslet-playground:welcome-dismissed';
const CUSTOM_KEPT = 8;

export interface Progress {
  /** The furthest step opened (0-based). */
  readonly step: number;
  readonly done: boolean;
}

function readJson<T>(storage: StorageLike | null, key: string, valid: (v: unknown) => v is T, fallback: T): T {
  const raw = readItem(storage, key);
  if (raw === null) return fallback;
  try {
    const v: unknown = JSON.parse(raw);
    return valid(v) ? v : fallback;
  } catch {
    return fallback;
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function readProgress(storage: StorageLike | null = pageStorage()): Record<string, Progress> {
  const all = readJson(storage, PROGRESS_KEY, isRecord, {});
  const out: Record<string, Progress> = {};
  for (const [id, p] of Object.entries(all)) {
    if (isRecord(p) && typeof p.step === 'number' && Number.isInteger(p.step) && p.step >= 0) out[id] = { step: p.step, done: p.done === true };
  }
  return out;
}

/** Notes that a lesson reached `step` (and maybe its end); never lowers what was reached before. */
export function noteProgress(id: string, step: number, done: boolean, storage: StorageLike | null = pageStorage()): void {
  const all = readProgress(storage);
  const before = all[id];
  all[id] = { step: Math.max(step, before?.step ?? 0), done: done || before?.done === true };
  writeItem(storage, PROGRESS_KEY, JSON.stringify(all));
}

export type Mark = 'right' | 'wrong';

/** Answers given to the exercises of a seed: exercise number → right or wrong (the first answer counts). */
export function readScore(seed: string, storage: StorageLike | null = pageStorage()): Record<string, Mark> {
  const all = readJson(storage, SCORE_KEY, isRecord, {});
  const mine = all[seed];
  const out: Record<string, Mark> = {};
  if (isRecord(mine)) for (const [k, v] of Object.entries(mine)) if (v === 'right' || v === 'wrong') out[k] = v;
  return out;
}

export function noteScore(seed: string, key: string, mark: Mark, storage: StorageLike | null = pageStorage()): void {
  const all = readJson(storage, SCORE_KEY, isRecord, {});
  const mine = isRecord(all[seed]) ? { ...(all[seed] as Record<string, unknown>) } : {};
  if (mine[key] === undefined) mine[key] = mark;
  writeItem(storage, SCORE_KEY, JSON.stringify({ ...all, [seed]: mine }));
}

export interface CustomLesson {
  readonly id: string;
  readonly text: string;
}

export function readCustom(storage: StorageLike | null = pageStorage()): CustomLesson[] {
  const list = readJson(storage, CUSTOM_KEY, Array.isArray, []);
  return list.filter((c): c is CustomLesson => isRecord(c) && typeof c.id === 'string' && typeof c.text === 'string');
}

/** Keeps a lesson opened from a file or link (newest first, the newest few). */
export function keepCustom(c: CustomLesson, storage: StorageLike | null = pageStorage()): void {
  const list = [c, ...readCustom(storage).filter((x) => x.id !== c.id)].slice(0, CUSTOM_KEPT);
  writeItem(storage, CUSTOM_KEY, JSON.stringify(list));
}

export function welcomeDismissed(storage: StorageLike | null = pageStorage()): boolean {
  return readItem(storage, WELCOME_KEY) === '1';
}

export function dismissWelcome(storage: StorageLike | null = pageStorage()): void {
  writeItem(storage, WELCOME_KEY, '1');
}
