// One plain English sentence per narration entry, for students: the kernel's
// trace records and the driver's lines, told with the program's own names.
// Pure: no React, no kernel; the UI memoizes narrateAll over a snapshot.
import type { Narration } from '../../engine/session.ts';
import type { TraceRec } from '../../../engine-wasm/host/records.ts';
import { syscallByNr, syscallName, formatResult } from '../../../engine-wasm/host/syscalls.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import * as S from '../../../engine-wasm/abi/syscall.ts';
import * as E from '../../../engine-wasm/abi/errno.ts';
import { O_ACCMODE, O_APPEND, O_CREAT, O_TRUNC } from '../../../engine-wasm/abi/flags.ts';
import { hex, nameAddress, type ProgramNames } from '../../lang/addresses.ts';

export type Tone = 'driver' | 'kernel' | 'ok' | 'warn' | 'bad';

export interface NarrateContext {
  readonly names: ProgramNames;
  /** Files by inode number (snap.files). */
  readonly files: readonly { readonly ino: number; readonly path: string }[];
}

export interface Sentence {
  readonly key: string;
  readonly event: number;
  /** Virtual time (ns) of the event, or of the last kernel event before a driver line. */
  readonly time: bigint;
  readonly text: string;
  readonly tone: Tone;
}

/** What narrateAll remembers between entries: which atom each ring slot holds. */
export interface NarrateMemory {
  readonly slots: Map<number, number>;
}

const ERRNO_MEANING: ReadonlyMap<number, string> = new Map([
  [E.EPERM, 'not permitted'], [E.ENOENT, 'no such file'], [E.EINTR, 'interrupted'], [E.EIO, 'I/O error'],
  [E.EBADF, 'bad file descriptor'], [E.EAGAIN, 'try again'], [E.EFAULT, 'bad address'], [E.EBUSY, 'busy'],
  [E.EEXIST, 'file exists'], [E.EISDIR, 'is a directory'], [E.EINVAL, 'invalid argument'], [E.ENFILE, 'file table full'],
  [E.EMFILE, 'too many open files'], [E.EFBIG, 'file too big'], [E.ENOSPC, 'disk full'], [E.ESPIPE, 'not seekable'],
  [E.EPIPE, 'broken pipe'], [E.ENAMETOOLONG, 'path too long'], [E.ENOSYS, 'no such system call'],
]);

export function resultText(r: number): string {
  const meaning = r < 0 ? ERRNO_MEANING.get(-r) : undefined;
  return meaning ? `${formatResult(r)} (${meaning})` : formatResult(r);
}

/** "300 ns", "12.5 µs", "2.271 ms", "1.500 s". */
export function formatTime(ns: bigint): string {
  const n = Number(ns);
  if (n < 1_000) return `${n} ns`;
  if (n < 1_000_000) return `${(n / 1_000).toFixed(1)} µs`;
  if (n < 1_000_000_000) return `${(n / 1_000_000).toFixed(3)} ms`;
  return `${(n / 1_000_000_000).toFixed(3)} s`;
}

const tick = (name: string) => '`' + name + '`';

function atomText(ctx: NarrateContext, addr: number): string {
  const name = ctx.names.atoms.get(addr);
  return name ? `atom ${tick(name)}` : `the atom at ${hex(addr)}`;
}
function atomRef(ctx: NarrateContext, addr: number): string {
  const name = ctx.names.atoms.get(addr);
  return name ? tick(name) : hex(addr);
}
function pointer(ctx: NarrateContext, v: number): string {
  if (v === 0) return 'NULL';
  const n = nameAddress(ctx.names, v);
  return n ? (n.name ?? n.label) : hex(v);
}
function openFlags(v: number): string {
  const parts = [['O_RDONLY', 'O_WRONLY', 'O_RDWR', 'O_ACCMODE'][v & O_ACCMODE]];
  if (v & O_CREAT) parts.push('O_CREAT');
  if (v & O_TRUNC) parts.push('O_TRUNC');
  if (v & O_APPEND) parts.push('O_APPEND');
  return parts.join('|');
}

function argText(ctx: NarrateContext, param: string, v: number): string | null {
  switch (param) {
    case 'fd': return `fd ${v | 0}`;
    case 'count': return `${v | 0} bytes`;
    case 'flags': return openFlags(v);
    case 'mode': return v === 0 ? null : `mode 0${v.toString(8)}`;
    case 'offset': case 'off_lo': return `offset ${v | 0}`;
    case 'off_hi': return v === 0 ? null : `offset high ${v}`;
    case 'whence': return ['SEEK_SET', 'SEEK_CUR', 'SEEK_END'][v] ?? `whence ${v}`;
    case 'rem': return v === 0 ? null : pointer(ctx, v);
    case 'atom': return atomRef(ctx, v);
    case 'ahu': return v === ctx.names.ahu ? 'ahu' : pointer(ctx, v);
    case 'min_events': return `${v} event${v === 1 ? '' : 's'}`;
    case 'user_ring_idx': return `from slot ${v}`;
    case 'inc': return `${(v | 0) >= 0 ? '+' : ''}${v | 0}`;
    case 'buf': case 'path': case 'req': case 'fds': case 'uptr': return pointer(ctx, v);
    default: return nameAddress(ctx.names, v)?.name ?? (v > 0xffff ? hex(v) : String(v | 0));
  }
}

/** "read(fd 3, text, 4096 bytes)" */
export function callText(ctx: NarrateContext, nr: number, args: readonly number[]): string {
  const info = syscallByNr(nr);
  const params = info ? info.params : ['a0', 'a1', 'a2', 'a3', 'a4', 'a5'];
  const words = params.map((p, i) => argText(ctx, p, args[i] ?? 0)).filter((w): w is string => w !== null);
  return `${syscallName(nr)}(${words.join(', ')})`;
}

const who = (tid: number) => (tid === 0 ? 'the head' : `thread ${tid}`);

function waitOn(ctx: NarrateContext, why: number, arg: number): string {
  switch (why) {
    case L.WHY_DISK: {
      const file = ctx.files.find((f) => f.ino === arg >>> 16)?.path ?? `inode ${arg >>> 16}`;
      const page = arg & 0xffff;
      return page === 0 ? `on a cold page of ${file}` : `on cold page ${page} of ${file}`;
    }
    case L.WHY_TIMER: return 'on a timer';
    case L.WHY_PIPE_READ: return 'on an empty pipe';
    case L.WHY_PIPE_WRITE: return 'on a full pipe';
    case L.WHY_FSYNC: return `while fsync writes ${ctx.files.find((f) => f.ino === arg)?.path ?? `inode ${arg}`} to disk`;
    case L.WHY_RING: return 'on a full completion ring';
    case L.WHY_EVENTS: return 'waiting for completions';
    default: return 'waiting';
  }
}

const WOKE: readonly string[] = [
  'it may run again', 'the disk read finished', 'its timer expired', 'data (or end of file) arrived in the pipe',
  'the pipe has room again', "fsync's disk write finished", 'a ring slot was freed', 'completions arrived',
];

function handoffWhy(r: TraceRec, ctx: NarrateContext): string {
  if (r.aux2 === L.HANDOFF_ASYNC) return `${atomText(ctx, r.atom)} has SYSLET_ASYNC`;
  if (r.aux2 === L.HANDOFF_BUDGET) return `the head used up its event budget at ${atomText(ctx, r.atom)}`;
  return `${atomText(ctx, r.atom)} must wait (${['', 'disk', 'timer', 'empty pipe', 'full pipe', 'fsync', 'full ring', 'events'][r.aux2] ?? 'wait'})`;
}

function blockText(r: TraceRec, ctx: NarrateContext): string {
  const subject = r.atom ? `${atomText(ctx, r.atom)} — ` : "the driver's ";
  return `${subject}${callText(ctx, r.nr, r.args)} blocked ${waitOn(ctx, r.aux, r.aux2)}`;
}

function sysretText(r: TraceRec, ctx: NarrateContext): string {
  if (r.nr === S.SYS_async_exec) {
    if (r.result === 0) return 'async_exec returned NULL: the syslet goes on in a cachemiss thread, the driver goes on too';
    if (r.result > 0) return `async_exec returned ${atomRef(ctx, r.result)}: the syslet already finished`;
    return `async_exec failed: ${resultText(r.result)}`;
  }
  if (r.nr === S.SYS_async_wait && r.result >= 0) {
    return `async_wait returned ${r.result}: ${r.result === 1 ? '1 completion is' : `${r.result} completions are`} ready in the ring`;
  }
  return `${syscallName(r.nr)} returned ${resultText(r.result)}`;
}

/** The sentence of one trace record. */
export function narrateTrace(r: TraceRec, ctx: NarrateContext, mem?: NarrateMemory): string {
  switch (r.kind) {
    case 'atom':
      return `${atomText(ctx, r.atom)} ran ${callText(ctx, r.nr, r.args)} = ${resultText(r.result)}${r.aux ? ' in the head' : ` in thread ${r.tid}`}`;
    case 'handoff':
      return `${handoffWhy(r, ctx)}: the head returns NULL, cachemiss thread ${r.aux} takes over`;
    case 'block':
      return `${blockText(r, ctx)}; ${r.tid === 0 ? (r.atom ? 'the head sleeps in place' : 'the user task sleeps') : `thread ${r.tid} sleeps`}`;
    case 'wake':
      return `${r.tid === 0 ? 'the user task' : `thread ${r.tid}`} woke: ${WOKE[r.aux] ?? WOKE[0]}`;
    case 'post':
      return `${who(r.tid)} posted ${atomRef(ctx, r.atom)} into ring slot ${r.aux}`;
    case 'lost': {
      const held = mem?.slots.get(r.aux);
      return `RING FULL: the completion of ${atomRef(ctx, r.atom)} was lost (slot ${r.aux} ${held ? `still held ${atomRef(ctx, held)}` : 'was still full'})`;
    }
    case 'ringwait':
      return `RING FULL: ${who(r.tid)} waits until slot ${r.aux} is free to post ${atomRef(ctx, r.atom)}`;
    case 'fault': {
      const end = r.tid === 0 ? 'async_exec returns -EFAULT' : 'the syslet ends';
      if (r.aux2 === L.FAULT_RET) return `FAULT: ${atomText(ctx, r.atom)} could not store its result at ${hex(r.aux)} (outside user memory) — ${end}`;
      if (r.aux2 === L.FAULT_RING) return `FAULT: the ring or async_head_user at ${hex(r.aux)} is unusable — the completion of ${atomRef(ctx, r.atom)} is lost`;
      return `FAULT: ${who(r.tid)} could not read the atom at ${hex(r.aux)} (outside user memory) — ${end}`;
    }
    case 'cached':
      return `async_exec returned the atom itself (${atomRef(ctx, r.atom)}): the syslet ran cached, nothing blocked and nothing is posted`;
    case 'syscall':
      if (r.nr === S.SYS_async_exec) return `the driver calls async_exec(${atomRef(ctx, r.args[0])}): the head starts walking the atoms`;
      if (r.nr === S.SYS_async_wait) return `the driver calls async_wait(${r.args[0]}) and waits for completions from slot ${r.args[1]}`;
      return `the driver calls ${callText(ctx, r.nr, r.args)}`;
    case 'sysret':
      return sysretText(r, ctx);
    case 'exit':
      return `thread ${r.tid} finished its syslet (last atom ${atomRef(ctx, r.atom)}) and exits`;
    case 'deadlock':
      return 'DEADLOCK: nothing can run and no timer is pending — the waiting call gets -EINTR';
  }
}

export function toneOf(n: Narration): Tone {
  if (n.kind === 'driver') return 'driver';
  if (n.kind === 'error') return 'bad';
  if (n.kind === 'done') return 'ok';
  const r = n.trace;
  if (!r) return 'kernel';
  switch (r.kind) {
    case 'lost': case 'fault': case 'deadlock': return 'bad';
    case 'post': case 'cached': return 'ok';
    case 'block': case 'handoff': case 'ringwait': return 'warn';
    case 'atom': case 'sysret': return r.result < 0 ? 'bad' : 'kernel';
    default: return 'kernel';
  }
}

/** The sentence of one narration entry. */
export function narrate(n: Narration, ctx: NarrateContext, mem?: NarrateMemory): string {
  switch (n.kind) {
    case 'driver': return `driver, line ${n.line ?? '?'}: ${n.text}`;
    case 'error': return `ERROR on line ${n.line ?? '?'}: ${n.text}`;
    case 'done': return 'The program has finished.';
    case 'kernel': return n.trace ? narrateTrace(n.trace, ctx, mem) : n.text;
  }
}

/**
 * Every entry's sentence, oldest first. A block that follows the hand-off of
 * the same atom is told together with it, as one sentence.
 */
export function narrateAll(entries: readonly Narration[], ctx: NarrateContext): Sentence[] {
  const out: Sentence[] = [];
  const mem: NarrateMemory = { slots: new Map() };
  let time = 0n;
  for (let i = 0; i < entries.length; i++) {
    const n = entries[i];
    const r = n.trace;
    if (r) time = r.time;
    const key = r ? `t${r.seq}` : `${n.kind}${n.event}:${i}`;
    const next = entries[i + 1]?.trace;
    if (r?.kind === 'handoff' && r.aux2 !== L.HANDOFF_ASYNC && r.aux2 !== L.HANDOFF_BUDGET && next?.kind === 'block' && next.atom === r.atom && next.tid === r.aux) {
      const text = `${blockText(next, ctx)} — the head returns NULL, cachemiss thread ${r.aux} takes over`;
      out.push({ key, event: n.event, time, text, tone: 'warn' });
      i++;
      continue;
    }
    out.push({ key, event: n.event, time, text: narrate(n, ctx, mem), tone: toneOf(n) });
    if (r?.kind === 'post') mem.slots.set(r.aux, r.atom);
    // async_exec's return after a cached run says nothing new: the cached sentence told it.
    if (r?.kind === 'cached' && next?.kind === 'sysret' && next.nr === S.SYS_async_exec && next.result === r.atom) i++;
  }
  return out;
}

const RANK: Readonly<Record<Tone, number>> = { bad: 4, warn: 3, ok: 2, kernel: 1, driver: 0 };

/**
 * The sentence that best tells the latest event: the most notable of its
 * sentences (a failure over a wait over a success over routine). When the
 * latest event left no trace (the kernel taking a call in, a wait beginning),
 * a sentence says so, so every step changes what the reader sees.
 */
export function headline(all: readonly Sentence[], events: number, entries: readonly Narration[]): Sentence | undefined {
  const last = all[all.length - 1];
  if (!last) return undefined;
  if (events > last.event) {
    let call = '';
    for (let i = entries.length - 1; i >= 0 && !call; i--) if (entries[i].trace?.kind === 'syscall') call = syscallName(entries[i].trace!.nr);
    const what = call ? `the kernel works inside the driver's ${call} call` : 'the kernel takes a step';
    return { key: `quiet${events}`, event: events, time: last.time, text: `${what} — nothing visible changed in this event`, tone: 'kernel' };
  }
  let best = last;
  for (let i = all.length - 1; i >= 0 && all[i].event === last.event; i--) if (RANK[all[i].tone] > RANK[best.tone]) best = all[i];
  return best;
}
