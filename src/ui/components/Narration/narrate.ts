// One plain English sentence per narration entry, for students: the kernel's
// trace records and the driver's lines, told with the program's own names.
// A sentence says only what its records show: every fact in it comes from a
// record of the same event (the kernel writes what the walk did next, how a
// cached return came about, which atom held a full slot), never from what the
// program text says an atom should do. Pure: no React, no kernel.
import type { Narration } from '../../engine/session.ts';
import type { TraceRec } from '../../../engine-wasm/host/records.ts';
import { syscallByNr, syscallName, formatResult } from '../../../engine-wasm/host/syscalls.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import * as S from '../../../engine-wasm/abi/syscall.ts';
import * as E from '../../../engine-wasm/abi/errno.ts';
import * as F from '../../../engine-wasm/abi/flags.ts';
import { O_ACCMODE, O_APPEND, O_CREAT, O_TRUNC } from '../../../engine-wasm/abi/flags.ts';
import { hex, nameAddress, nameOrHex, type ProgramNames } from '../../lang/addresses.ts';

export type Tone = 'driver' | 'kernel' | 'ok' | 'warn' | 'bad';

export interface NarrateContext {
  readonly names: ProgramNames;
  /** Files by inode number (snap.files). */
  readonly files: readonly { readonly ino: number; readonly path: string }[];
  /** The cachemiss threads the program allows (`option cachemiss_threads`), when it limits them below the kernel's 256. */
  readonly threadLimit?: number;
  /** What user space is called: "the driver" (a syslet program's, the default) or "the C program". */
  readonly user?: string;
}

/** User space, as the sentences name it. */
const userOf = (ctx: NarrateContext) => ctx.user ?? 'the driver';

export interface Sentence {
  readonly key: string;
  readonly event: number;
  /** Virtual time (ns) of the event, or of the last kernel event before a driver line. */
  readonly time: bigint;
  readonly text: string;
  readonly tone: Tone;
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
  return v === 0 ? 'NULL' : nameOrHex(ctx.names, v);
}
/** Longest path told in full; a longer one is described, never cut inside its quotes. */
const MAX_PATH = 80;
function pathText(ctx: NarrateContext, v: number): string {
  const text = ctx.names.texts.get(v);
  if (text === undefined) return pointer(ctx, v);
  return text.length <= MAX_PATH ? JSON.stringify(text) : `a ${text.length.toLocaleString('en')}-byte path`;
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
    case 'path': return pathText(ctx, v);
    case 'buf': case 'req': case 'fds': case 'uptr': return pointer(ctx, v);
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
const whoWakes = (tid: number) => (tid === 0 ? 'the user task' : `thread ${tid}`);

function fileOf(ctx: NarrateContext, ino: number): string {
  return ctx.files.find((f) => f.ino === ino)?.path ?? `inode ${ino}`;
}
function pageText(ctx: NarrateContext, arg: number): string {
  const page = arg & 0xffff;
  return `${page === 0 ? 'the first page' : `page ${page}`} of ${fileOf(ctx, arg >>> 16)}`;
}

function waitOn(ctx: NarrateContext, why: number, arg: number): string {
  switch (why) {
    case L.WHY_DISK: return `until the disk reads ${pageText(ctx, arg)} (not in the page cache)`;
    case L.WHY_DISK_INFLIGHT: return `until the disk read of ${pageText(ctx, arg)} already in flight finishes (another read started it)`;
    case L.WHY_TIMER: return 'on a timer';
    case L.WHY_PIPE_READ: return 'on an empty pipe';
    case L.WHY_PIPE_WRITE: return 'on a full pipe';
    case L.WHY_FSYNC: return `while fsync writes ${fileOf(ctx, arg)} to disk`;
    case L.WHY_RING: return 'on a full completion ring';
    case L.WHY_EVENTS: return 'waiting for completions';
    case L.WHY_INJECTED: return `for ${formatTime(BigInt(arg))} (an injected delay: the call itself has not run yet)`;
    default: return 'waiting';
  }
}

/** A wait reason in a word or two (hand-off records). */
const WAIT_WORD: Readonly<Record<number, string>> = {
  [L.WHY_DISK]: 'disk', [L.WHY_DISK_INFLIGHT]: 'a disk read in flight', [L.WHY_TIMER]: 'timer', [L.WHY_PIPE_READ]: 'empty pipe', [L.WHY_PIPE_WRITE]: 'full pipe',
  [L.WHY_FSYNC]: 'fsync', [L.WHY_RING]: 'full ring', [L.WHY_EVENTS]: 'events', [L.WHY_INJECTED]: 'an injected delay',
};

/** Why a thread woke, told from its wake record and the record that caused it in the same event. */
function wokeText(r: TraceRec, ctx: NarrateContext, cause: TraceRec | undefined): string {
  const by = cause?.kind === 'atom' ? `${atomRef(ctx, cause.atom)}'s ${syscallName(cause.nr)}` : cause ? `${userOf(ctx)}'s ${syscallName(cause.nr)}` : '';
  switch (r.aux) {
    case L.WHY_DISK: return `the disk read of ${pageText(ctx, r.aux2)} finished`;
    case L.WHY_DISK_INFLIGHT: return `the disk read of ${pageText(ctx, r.aux2)} it was waiting for finished`;
    case L.WHY_TIMER: return 'its nanosleep timer expired';
    case L.WHY_PIPE_READ:
      if (cause && cause.nr === S.SYS_close) return `${by} closed the pipe's write end (end of file)`;
      if (cause && cause.nr === S.SYS_write && cause.result > 0) return `${by} put ${cause.result} bytes into the pipe`;
      return 'data (or end of file) arrived in the pipe';
    case L.WHY_PIPE_WRITE: return by ? `${by} made room in the pipe` : 'the pipe has room again';
    case L.WHY_FSYNC: return "fsync's disk write finished";
    case L.WHY_RING: return 'user space entered the kernel, so a ring slot may be free: it tries again';
    case L.WHY_EVENTS: return 'completions arrived';
    case L.WHY_INJECTED: return `its injected delay of ${formatTime(BigInt(r.aux2))} is over: ${syscallName(r.nr)} runs next`;
    default: return 'it may run again';
  }
}

function handoffWhy(r: TraceRec, ctx: NarrateContext): string {
  if (r.aux2 === L.HANDOFF_ASYNC) return `${atomText(ctx, r.atom)} has SYSLET_ASYNC`;
  if (r.aux2 === L.HANDOFF_BUDGET) return `the head used up its call budget (its events and the work inside them) at ${atomText(ctx, r.atom)}`;
  return `${atomText(ctx, r.atom)} must wait (${WAIT_WORD[r.aux2] ?? 'wait'})`;
}

/** Who sleeps after a block record. */
const sleeper = (r: TraceRec) => (r.tid === 0 ? (r.atom ? 'the head sleeps in place' : 'the user task sleeps') : `thread ${r.tid} sleeps`);

/** `lat`: the injected latency of a disk read this wait started (an `inject` record of the same event). */
function blockText(r: TraceRec, ctx: NarrateContext, lat?: TraceRec): string {
  // Posting, not the atom's call, is what waits: ring policy wait (ring.ts post).
  if (r.aux === L.WHY_RING) return `ring policy: wait — posting the completion of ${atomRef(ctx, r.atom)} blocked: the completion ring is full`;
  const subject = r.atom ? `${atomText(ctx, r.atom)} — ` : `${userOf(ctx)}'s `;
  const text = `${subject}${callText(ctx, r.nr, r.args)} blocked ${waitOn(ctx, r.aux, r.aux2)}`;
  if (!lat) return text;
  const t = formatTime(BigInt(lat.aux2));
  const which = (lat.result >>> 0) === r.aux2 ? 'its disk read takes' : `the disk read of ${pageText(ctx, lat.result >>> 0)} takes`;
  return `${text.replace(/\)$/, '')}; injected latency: ${which} ${t}, jitter included)`;
}

/** The stop conditions, by flag value, with the test each makes on the result. */
const STOPS: readonly { readonly flag: number; readonly name: string; readonly holds: (r: number) => boolean; readonly why: string }[] = [
  { flag: F.SYSLET_STOP_ON_NONZERO, name: 'SYSLET_STOP_ON_NONZERO', holds: (r) => r !== 0, why: '≠ 0' },
  { flag: F.SYSLET_STOP_ON_ZERO, name: 'SYSLET_STOP_ON_ZERO', holds: (r) => r === 0, why: '= 0' },
  { flag: F.SYSLET_STOP_ON_NEGATIVE, name: 'SYSLET_STOP_ON_NEGATIVE', holds: (r) => r < 0, why: '< 0' },
  { flag: F.SYSLET_STOP_ON_NON_POSITIVE, name: 'SYSLET_STOP_ON_NON_POSITIVE', holds: (r) => r <= 0, why: '≤ 0' },
];

/** "SYSLET_STOP_ON_NON_POSITIVE held (0 ≤ 0)": the set conditions that the result meets. */
function heldText(flags: number, result: number): string {
  const held = STOPS.filter((c) => (flags & c.flag) !== 0 && c.holds(result));
  const names = held.map((c) => c.name).join(' and ');
  return `${names} held (${result} ${held[0]?.why ?? ''})`;
}

/** What the walk did after the atom, from the record's ATOM_THEN_* and flags. */
function thenText(r: TraceRec, ctx: NarrateContext): string {
  const flags = r.aux2 & 0xff;
  switch (r.aux2 >>> L.ATOM_THEN_SHIFT) {
    case L.ATOM_THEN_STOP:
      return ` — ${heldText(flags, r.result)}: the chain stops, ${atomRef(ctx, r.atom)} is the final atom`;
    case L.ATOM_THEN_SKIP: {
      const to = r.atom + L.ATOM_BYTES;
      const name = ctx.names.atoms.get(to);
      return ` — ${heldText(flags, r.result)}, and SYSLET_SKIP_TO_NEXT_ON_STOP goes on at ${atomRef(ctx, r.atom)} + 44 = ${name ? tick(name) : hex(to)}`;
    }
    case L.ATOM_THEN_LAST:
      return ` — its next is NULL: ${atomRef(ctx, r.atom)} is the final atom`;
    default:
      return '';
  }
}

function sysretText(r: TraceRec, ctx: NarrateContext): string {
  if (r.nr === S.SYS_async_exec) {
    if (r.result === 0) return `async_exec returned NULL: the syslet goes on in a cachemiss thread, ${userOf(ctx)} goes on too`;
    if (r.result > 0) return `async_exec returned ${atomRef(ctx, r.result)}: the syslet already finished`;
    return `async_exec failed: ${resultText(r.result)}`;
  }
  if (r.nr === S.SYS_async_wait && r.result >= 0) {
    return `async_wait returned ${r.result}: ${r.result === 1 ? '1 completion is' : `${r.result} completions are`} ready in the ring`;
  }
  return `${syscallName(r.nr)} returned ${resultText(r.result)}`;
}

/** " (option cachemiss_threads = 2: all 2 the program allows were busy)", when the program limits its threads. */
function limitText(ctx: NarrateContext): string {
  const n = ctx.threadLimit;
  if (n === undefined) return '';
  return n === 0 ? ' (option cachemiss_threads = 0: the program allows none)' : ` (option cachemiss_threads = ${n}: all ${n} the program allows were busy)`;
}

function cachedText(r: TraceRec, ctx: NarrateContext): string {
  const a = atomRef(ctx, r.atom);
  switch (r.aux) {
    case L.CACHED_SLEPT_SYNC:
      return `async_exec returns ${a} as on the cached path: the head slept in place for the SYSLET_SYNC atom instead of handing off, so nothing is posted`;
    case L.CACHED_SLEPT_NOTHREAD:
      return `async_exec returns ${a} as on the cached path: the head slept in place because no cachemiss thread was free${limitText(ctx)}, so nothing is posted`;
    default:
      return `async_exec returned the final atom ${a}: the syslet ran cached — nothing blocked, nothing is posted`;
  }
}

function syscallText(r: TraceRec, ctx: NarrateContext): string {
  if (r.nr === S.SYS_async_exec) return `the kernel takes ${userOf(ctx)}'s async_exec(${atomRef(ctx, r.args[0])}): the head starts walking at ${atomRef(ctx, r.args[0])}`;
  if (r.nr === S.SYS_async_wait) {
    const n = r.args[0];
    return `the kernel takes ${userOf(ctx)}'s async_wait(${n}): the user task waits for ${n === 1 ? '1 completion' : `${n} completions`} from ring slot ${r.args[1]}, or until no syslet is outstanding`;
  }
  return `the kernel takes ${userOf(ctx)}'s ${callText(ctx, r.nr, r.args)}`;
}

const ordinal = (n: number) => `${n}${n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th'}`;
/** "on its 3rd run" from an inject record (the atom's run number since reset). */
const runText = (r: TraceRec) => {
  const n = r.aux >>> L.INJ_RUN_SHIFT;
  return n ? ` on its ${ordinal(n)} run` : '';
};
/** Who makes the call an inject record is about: an atom, or the driver's direct call. */
const callerOf = (ctx: NarrateContext, r: TraceRec) => (r.atom ? `${atomText(ctx, r.atom)}'s ${syscallName(r.nr)}` : `${userOf(ctx)}'s ${syscallName(r.nr)}`);

/** What an injected `cached` fault spared the call: the wait it did not make (the record's aux2 and result). */
function skippedText(ctx: NarrateContext, r: TraceRec): string {
  const arg = r.result >>> 0;
  switch (r.aux2) {
    case L.WHY_DISK: return `does not wait for the disk to read ${pageText(ctx, arg)}: the pages count as cached for this call (they stay as they were)`;
    case L.WHY_DISK_INFLIGHT: return `does not wait for the disk read of ${pageText(ctx, arg)} in flight: the pages count as cached for this call`;
    case L.WHY_TIMER: return `does not sleep its ${formatTime(BigInt(arg))}: it returns at once`;
    case L.WHY_FSYNC: return `does not wait for the disk while fsync writes ${fileOf(ctx, arg)}: it returns at once`;
    case L.WHY_PIPE_READ: return 'does not wait on the empty pipe: it returns -EAGAIN, as with O_NONBLOCK';
    case L.WHY_PIPE_WRITE: return 'does not wait on the full pipe: it returns -EAGAIN, as with O_NONBLOCK';
    default: return 'does not wait';
  }
}

/** The sentence of an `inject` record on its own. */
function injectText(r: TraceRec, ctx: NarrateContext): string {
  switch (r.aux & 0xff) {
    case L.INJ_ERRNO:
      return `injected fault: ${callerOf(ctx, r)} is not made${runText(r)}; its result is ${formatResult(r.result)}`;
    case L.INJ_BLOCK:
      return `injected delay: ${atomText(ctx, r.atom)} waits ${formatTime(BigInt(r.aux2))}${runText(r)} before its ${syscallName(r.nr)} runs`;
    case L.INJ_SHORT:
      return `injected short ${r.nr === S.SYS_write || r.nr === S.SYS_pwrite64 ? 'write' : 'read'}: ${callerOf(ctx, r)} asks for ${r.aux2} bytes instead of ${r.result >>> 0}${runText(r)}`;
    case L.INJ_CACHED:
      return `injected \`cached\`: ${callerOf(ctx, r)}${runText(r)} ${skippedText(ctx, r)}`;
    case L.INJ_LATENCY: {
      const arg = r.result >>> 0;
      const what = (arg & 0xffff) === 0xffff ? `the fsync of ${fileOf(ctx, arg >>> 16)}` : `the disk read of ${pageText(ctx, arg)}`;
      return `injected latency: ${what} takes ${formatTime(BigInt(r.aux2))} (the latency the program sets for it, plus the seeded jitter)`;
    }
    default:
      return 'injected: the kernel applied an injection';
  }
}

/** An atom whose result an injected errno made: its call was not made. */
function injectedAtomText(inj: TraceRec, r: TraceRec, ctx: NarrateContext): string {
  return `${atomText(ctx, r.atom)} — ${callText(ctx, r.nr, r.args)} returned ${formatResult(r.result)} (injected fault${runText(inj)}: the call was not made)${r.aux ? ' in the head' : ` in thread ${r.tid}`}${thenText(r, ctx)}`;
}

/** The sentence of one trace record; `cause` is the record of the same event a wake-up came from. */
export function narrateTrace(r: TraceRec, ctx: NarrateContext, cause?: TraceRec): string {
  switch (r.kind) {
    case 'atom':
      return `${atomText(ctx, r.atom)} ran ${callText(ctx, r.nr, r.args)} = ${resultText(r.result)}${r.aux ? ' in the head' : ` in thread ${r.tid}`}${thenText(r, ctx)}`;
    case 'handoff':
      return `${handoffWhy(r, ctx)}: the head returns NULL, cachemiss thread ${r.aux} takes over`;
    case 'block':
      return `${blockText(r, ctx)}; ${sleeper(r)}`;
    case 'wake':
      return `${whoWakes(r.tid)} woke: ${wokeText(r, ctx, cause)}`;
    case 'post':
      return `${who(r.tid)} posted ${atomRef(ctx, r.atom)} into ring slot ${r.aux}`;
    case 'lost':
      return `RING FULL, ring policy: lose — the completion of ${atomRef(ctx, r.atom)} was lost: slot ${r.aux} still held ${r.aux2 ? atomRef(ctx, r.aux2) : 'an entry'} that user space had not consumed`;
    case 'ringwait':
      return `RING FULL, ring policy: wait — ${who(r.tid)} waits for a free slot (slot ${r.aux}) to post ${atomRef(ctx, r.atom)}`;
    case 'fault': {
      const end = r.tid === 0 ? 'async_exec returns -EFAULT' : 'the syslet ends';
      if (r.aux2 === L.FAULT_RET) return `FAULT: ${atomText(ctx, r.atom)} could not store its result at ${hex(r.aux)} (outside user memory) — ${end}`;
      if (r.aux2 === L.FAULT_RING) return `FAULT: the ring or async_head_user at ${hex(r.aux)} is unusable — the completion of ${atomRef(ctx, r.atom)} is lost`;
      return `FAULT: ${who(r.tid)} could not read the atom at ${hex(r.aux)} (outside user memory) — ${end}`;
    }
    case 'cached':
      return cachedText(r, ctx);
    case 'syscall':
      return syscallText(r, ctx);
    case 'sysret':
      return sysretText(r, ctx);
    case 'exit':
      return `thread ${r.tid} finished its syslet (last atom ${atomRef(ctx, r.atom)}) and exits`;
    case 'deadlock':
      return 'DEADLOCK: nothing can run and no timer is pending — the waiting call gets -EINTR';
    case 'inject':
      return injectText(r, ctx);
  }
}

function toneOfTrace(r: TraceRec): Tone {
  switch (r.kind) {
    case 'lost': case 'fault': case 'deadlock': return 'bad';
    case 'post': case 'cached': return 'ok';
    case 'block': case 'handoff': case 'ringwait': case 'inject': return 'warn';
    case 'atom': case 'sysret': return r.result < 0 ? 'bad' : 'kernel';
    default: return 'kernel';
  }
}

export function toneOf(n: Narration): Tone {
  if (n.kind === 'driver') return 'driver';
  if (n.kind === 'error') return 'bad';
  if (n.kind === 'done') return 'ok';
  return n.trace ? toneOfTrace(n.trace) : 'kernel';
}

/** The sentence of one narration entry, on its own (no other record of its event). */
export function narrate(n: Narration, ctx: NarrateContext): string {
  switch (n.kind) {
    // A C program's calls have no line (c/c-session.ts): its sentence stands alone.
    case 'driver': return n.line ? `driver, line ${n.line}: ${n.text}` : n.text;
    case 'error': return `ERROR on line ${n.line ?? '?'}: ${n.text}`;
    case 'done': return 'The program has finished.';
    case 'kernel': return n.trace ? narrateTrace(n.trace, ctx) : n.text;
  }
}

/**
 * The entries of one event in telling order: as written, except that a
 * wake-up comes right after the atom or call that caused it (the wake-up is
 * written while the syscall runs, the record of its cause when it returns).
 */
function tellingOrder(group: readonly Narration[]): Narration[] {
  if (!group.some((n) => n.trace?.kind === 'wake')) return group.slice();
  const out: Narration[] = [];
  let pending: Narration[] = [];
  for (const n of group) {
    const kind = n.trace?.kind;
    if (kind === 'wake') {
      pending.push(n);
      continue;
    }
    out.push(n);
    if (kind === 'atom' || kind === 'sysret') {
      out.push(...pending);
      pending = [];
    }
  }
  return [...out, ...pending];
}

/**
 * Disk waits told together with the injected latency of the read they started:
 * block record seq -> its `inject` latency record (same event, same atom and call).
 */
function latencyOfBlocks(group: readonly Narration[]): Map<number, TraceRec> {
  const out = new Map<number, TraceRec>();
  const used = new Set<number>();
  const records = group.flatMap((n) => (n.trace ? [n.trace] : []));
  for (const b of records) {
    if (b.kind !== 'block' || b.aux !== L.WHY_DISK) continue;
    const lat = records.find((x) => x.kind === 'inject' && (x.aux & 0xff) === L.INJ_LATENCY && x.atom === b.atom && x.nr === b.nr && !used.has(x.seq));
    if (!lat) continue;
    used.add(lat.seq);
    out.set(b.seq, lat);
  }
  return out;
}

/** Sentences of one event's entries (all with the same event number). */
function narrateEvent(group: readonly Narration[], ctx: NarrateContext, out: Sentence[], time: bigint): bigint {
  const ordered = tellingOrder(group);
  const cause = ordered.find((n) => n.trace?.kind === 'atom' || n.trace?.kind === 'syscall')?.trace;
  const latencies = latencyOfBlocks(ordered);
  const told = new Set([...latencies.values()].map((x) => x.seq));
  for (let i = 0; i < ordered.length; i++) {
    const n = ordered[i];
    const r = n.trace;
    // An injected latency is told with the wait it makes (below).
    if (r && told.has(r.seq)) continue;
    time = r ? r.time : (n.time ?? time);
    const key = r ? `t${r.seq}` : `${n.kind}${n.event}:${i}`;
    const next = ordered[i + 1]?.trace;
    // A hand-off because the atom must wait, and the new thread's block: one sentence.
    if (r?.kind === 'handoff' && r.aux2 !== L.HANDOFF_ASYNC && r.aux2 !== L.HANDOFF_BUDGET && next?.kind === 'block' && next.atom === r.atom && next.tid === r.aux) {
      out.push({ key, event: n.event, time, text: `${blockText(next, ctx, latencies.get(next.seq))} — the head returns NULL, cachemiss thread ${r.aux} takes over`, tone: 'warn' });
      i++;
      continue;
    }
    // An injected errno and the atom it gave its result: one sentence.
    if (r?.kind === 'inject' && (r.aux & 0xff) === L.INJ_ERRNO && next?.kind === 'atom' && next.atom === r.atom && next.result === r.result) {
      out.push({ key, event: n.event, time: next.time, text: injectedAtomText(r, next, ctx), tone: 'bad' });
      i++;
      continue;
    }
    // The kernel takes a direct call in and returns from it in the same event: one sentence.
    if (r?.kind === 'syscall' && next?.kind === 'sysret' && next.nr === r.nr) {
      const text = `${userOf(ctx)}'s ${callText(ctx, r.nr, r.args)} returned ${resultText(next.result)}`;
      out.push({ key, event: n.event, time, text, tone: toneOfTrace(next) });
      i++;
      continue;
    }
    const lat = r?.kind === 'block' ? latencies.get(r.seq) : undefined;
    const text = lat && r ? `${blockText(r, ctx, lat)}; ${sleeper(r)}`
      : n.kind === 'kernel' && r ? narrateTrace(r, ctx, r.kind === 'wake' ? cause : undefined) : narrate(n, ctx);
    out.push({ key, event: n.event, time, text, tone: toneOf(n) });
    // async_exec's return after a cached run says nothing new: the cached sentence told it.
    if (r?.kind === 'cached' && next?.kind === 'sysret' && next.nr === S.SYS_async_exec && next.result === r.atom) i++;
  }
  return time;
}

/** Every entry's sentence, oldest first, event by event. */
export function narrateAll(entries: readonly Narration[], ctx: NarrateContext): Sentence[] {
  const out: Sentence[] = [];
  let time = 0n;
  for (let i = 0; i < entries.length; ) {
    let j = i + 1;
    while (j < entries.length && entries[j].event === entries[i].event) j++;
    time = narrateEvent(entries.slice(i, j), ctx, out, time);
    i = j;
  }
  return out;
}

const RANK: Readonly<Record<Tone, number>> = { bad: 4, warn: 3, ok: 2, kernel: 1, driver: 0 };

/** The most notable sentence: a failure over a wait over a success over routine; the latest among equals. */
function mostNotable(list: readonly Sentence[]): Sentence | undefined {
  let best: Sentence | undefined;
  for (const s of list) if (!best || RANK[s.tone] >= RANK[best.tone]) best = s;
  return best;
}

/**
 * The narration bar's sentence at event `events`: the most notable sentence
 * of that event, told from that event's entries alone — so it is the same
 * however the session got there (a forward run, a step back, a seek). Before
 * the first event there is none. An event with no entry (the kernel writes a
 * record for every event it runs, so this would be a kernel bug) says so
 * plainly rather than repeating an older sentence.
 */
export function barSentence(entries: readonly Narration[], events: number, ctx: NarrateContext): Sentence | undefined {
  if (events === 0) return undefined;
  let i = entries.length;
  while (i > 0 && entries[i - 1].event > events) i--;
  let j = i;
  while (j > 0 && entries[j - 1].event === events) j--;
  if (j === i) {
    const last = entries[i - 1];
    const time = last ? (last.trace?.time ?? last.time ?? 0n) : 0n;
    return { key: `none${events}`, event: events, time, text: `event ${events} left no trace record`, tone: 'kernel' };
  }
  const out: Sentence[] = [];
  narrateEvent(entries.slice(j, i), ctx, out, 0n);
  return mostNotable(out);
}
