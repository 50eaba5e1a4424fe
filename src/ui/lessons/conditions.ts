// What a lesson step waits for ("wait:") and what it asks ("ask:"), and how
// both are judged against a real run: only from the kernel's trace records of
// the current event, the user memory and the kernel's counters, never from
// what the program text says should happen.
import type { Expr } from '../lang/ast.ts';
import { parse } from '../lang/parse.ts';
import type { RunSession as Session } from '../engine/run-session.ts';
import { evaluate, Suspend, RunError } from '../engine/interp.ts';
import type { TraceRec } from '../../engine-wasm/host/records.ts';
import { syscallByName } from '../../engine-wasm/host/syscalls.ts';
import { SYS_async_exec } from '../../engine-wasm/abi/syscall.ts';

/** Kernel records that an atom-named condition matches. */
const ATOM_EVENTS = { completes: 'atom', blocks: 'block', wakes: 'wake', 'is handed off': 'handoff', 'is posted': 'post', 'is lost': 'lost' } as const;
type AtomEvent = keyof typeof ATOM_EVENTS;

export type Wait =
  | { readonly kind: 'ends' }
  | { readonly kind: 'returns'; readonly call: string; readonly nr: number; readonly value?: 'NULL' | number | string }
  | { readonly kind: 'atom'; readonly atom: string; readonly what: AtomEvent }
  | { readonly kind: 'any-lost' }
  | { readonly kind: 'exits' }
  | { readonly kind: 'when'; readonly expr: string };

export type Ask =
  | { readonly kind: 'null' }
  | { readonly kind: 'slot'; readonly atom: string }
  | { readonly kind: 'value'; readonly expr: string }
  | { readonly kind: 'lost' }
  | { readonly kind: 'posted' }
  | { readonly kind: 'returns'; readonly call: string; readonly nr: number };

const NAME = '[A-Za-z_][A-Za-z0-9_]*';

/** Reads a `wait:` line's condition; a string is the reason it cannot be read. */
export function parseWait(text: string): Wait | string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === 'the program ends') return { kind: 'ends' };
  if (t === 'a completion is lost') return { kind: 'any-lost' };
  if (t === 'a cachemiss thread exits') return { kind: 'exits' };
  const when = /^when (.+)$/.exec(t);
  if (when) return { kind: 'when', expr: when[1] };
  const ret = new RegExp(`^(${NAME}) returns(?: (NULL|-?\\d+|${NAME}))?$`).exec(t);
  if (ret) {
    const sc = syscallByName(ret[1]);
    if (!sc) return `“${ret[1]}” is not a system call (a “returns” condition names one: async_exec, async_wait, open, …)`;
    const v = ret[2];
    const value = v === undefined ? undefined : v === 'NULL' ? 'NULL' : /^-?\d+$/.test(v) ? Number(v) : v;
    return { kind: 'returns', call: ret[1], nr: sc.nr, ...(value !== undefined ? { value } : {}) };
  }
  const atom = new RegExp(`^(${NAME}) (completes|blocks|wakes|is handed off|is posted|is lost)$`).exec(t);
  if (atom) return { kind: 'atom', atom: atom[1], what: atom[2] as AtomEvent };
  return `“${t}” is not a condition this playground knows (see docs/lessons.md: “ATOM is posted”, “async_exec returns NULL”, “when n == 3”, …)`;
}

/** Reads an `ask:` line's question. */
export function parseAsk(text: string): Ask | string {
  const t = text.trim().replace(/\s+/g, ' ');
  if (t === 'null') return { kind: 'null' };
  if (t === 'lost') return { kind: 'lost' };
  if (t === 'posted') return { kind: 'posted' };
  const slot = new RegExp(`^slot (${NAME})$`).exec(t);
  if (slot) return { kind: 'slot', atom: slot[1] };
  const value = /^value (.+)$/.exec(t);
  if (value) return { kind: 'value', expr: value[1] };
  const ret = new RegExp(`^returns (${NAME})$`).exec(t);
  if (ret) {
    const sc = syscallByName(ret[1]);
    return sc ? { kind: 'returns', call: ret[1], nr: sc.nr } : `“${ret[1]}” is not a system call`;
  }
  return `“${t}” is not a question this playground knows (null, slot ATOM, value EXPR, lost, posted, returns CALL)`;
}

/** Why a question cannot be judged at its step's wait (it needs the event it asks about), or undefined. */
export function askFitsWait(ask: Ask, wait: Wait | undefined): string | undefined {
  if (!wait) return 'a step that asks must also have a “wait:” line: the question is judged when the run reaches it';
  if (ask.kind === 'null' && !(wait.kind === 'returns' && wait.nr === SYS_async_exec && wait.value === undefined)) {
    return '“ask: null” is judged at the event where async_exec returns: its wait must be “async_exec returns”';
  }
  if (ask.kind === 'slot' && !(wait.kind === 'atom' && wait.atom === ask.atom && (wait.what === 'is posted' || wait.what === 'is lost'))) {
    return `“ask: slot ${ask.atom}” is judged where ${ask.atom}'s completion lands: its wait must be “${ask.atom} is posted” or “${ask.atom} is lost”`;
  }
  if (ask.kind === 'returns' && !(wait.kind === 'returns' && wait.nr === ask.nr && wait.value === undefined)) {
    return `“ask: returns ${ask.call}” is judged where ${ask.call} returns: its wait must be “${ask.call} returns”`;
  }
  return undefined;
}

/** The words shown for a condition (in the lesson panel and in pause reasons). */
export function waitText(w: Wait): string {
  switch (w.kind) {
    case 'ends': return 'the program ends';
    case 'any-lost': return 'a completion is lost';
    case 'exits': return 'a cachemiss thread exits';
    case 'when': return `\`${w.expr}\` holds`;
    case 'returns': return `\`${w.call}\` returns${w.value === undefined ? '' : ` ${w.value}`}`;
    case 'atom': return `\`${w.atom}\` ${w.what}`;
  }
}

/** The question's words: made from what is checked, so they always say what the run will be asked. */
export function askText(a: Ask): string {
  switch (a.kind) {
    case 'null': return 'Will `async_exec` return NULL here?';
    case 'slot': return `Which ring slot will \`${a.atom}\`'s completion land in?`;
    case 'value': return `What will \`${a.expr}\` hold?`;
    case 'lost': return 'How many completions will have been lost by then?';
    case 'posted': return 'How many completions will have been posted by then?';
    case 'returns': return `What will \`${a.call}\` return?`;
  }
}

/** The answers to choose from, or null for a number typed in. */
export function askChoices(a: Ask, ringEntries: number): readonly string[] | null {
  if (a.kind === 'null') return ['yes', 'no'];
  if (a.kind === 'slot') return [...Array.from({ length: ringEntries }, (_, i) => String(i)), 'lost'];
  return null;
}

/** An answer as typed or chosen, in the form answers are compared in ('' when unreadable). */
export function normalAnswer(a: string): string {
  const t = a.trim().toLowerCase();
  if (/^-?\d+$/.test(t)) return String(Number(t));
  if (/^0x[0-9a-f]+$/.test(t)) return String(Number.parseInt(t, 16) | 0);
  return t;
}

/** What the run looks like at one event: its records, and the session for memory and counters. */
export interface At {
  readonly s: Session;
  readonly records: readonly TraceRec[];
}

/** The trace records of the session's current event. */
export function atNow(s: Session): At {
  const recent = s.recent();
  const records: TraceRec[] = [];
  for (let i = recent.length - 1; i >= 0 && recent[i].event === s.events; i--) if (recent[i].trace) records.push(recent[i].trace!);
  return { s, records: records.reverse() };
}

/** A driver expression over user memory (no calls), checked by the language against the running program's names. */
function exprOf(s: Session, text: string): Expr | string {
  let m = exprCache.get(s);
  if (!m) exprCache.set(s, (m = new Map()));
  const hit = m.get(text);
  if (hit !== undefined) return hit;
  // The program's names as declarations, then the expression as an assert's condition.
  const decls = [...s.lay.symbols].map(([name, p]) => (p.kind === 'var' ? `var ${name}` : p.kind === 'buffer' ? `buffer ${name}[4]` : `atom ${name} = getpid()`));
  const probe = parse(`${decls.join('\n')}\nassert ${text}\n`);
  const errs = probe.diagnostics.filter((d) => d.severity === 'error');
  const last = probe.program.items[probe.program.items.length - 1];
  let out: Expr | string;
  if (errs.length > 0) out = `\`${text}\` is not an expression over this program: ${errs[errs.length - 1].message}`;
  else if (!last || last.kind !== 'assert') out = `\`${text}\` is not an expression`;
  else out = last.cond;
  m.set(text, out);
  return out;
}
const exprCache = new WeakMap<Session, Map<string, Expr | string>>();

function valueOf(s: Session, text: string): number | string {
  const e = exprOf(s, text);
  if (typeof e === 'string') return e;
  try {
    return evaluate(e, { k: s.k, lay: s.lay }, { memo: [], next: 0 });
  } catch (err) {
    if (err instanceof Suspend) return `\`${text}\` makes a call; a condition may only read memory`;
    if (err instanceof RunError) return err.message;
    throw err;
  }
}

function atomAddr(s: Session, name: string): number | undefined {
  const sym = s.lay.symbols.get(name);
  return sym?.kind === 'atom' ? sym.addr : undefined;
}

/** Whether the run, at this event, has reached the condition (or why it cannot be judged). */
export function reached(w: Wait, at: At): boolean | string {
  const { s, records } = at;
  switch (w.kind) {
    case 'ends': return s.state === 'done';
    case 'any-lost': return records.some((r) => r.kind === 'lost');
    case 'exits': return records.some((r) => r.kind === 'exit');
    case 'when': {
      const v = valueOf(s, w.expr);
      return typeof v === 'string' ? v : v !== 0;
    }
    case 'returns': {
      let want: number | undefined;
      if (w.value === 'NULL') want = 0;
      else if (typeof w.value === 'number') want = w.value;
      else if (typeof w.value === 'string') {
        want = atomAddr(s, w.value);
        if (want === undefined) return `the program has no atom \`${w.value}\``;
      }
      return records.some((r) => r.kind === 'sysret' && r.nr === w.nr && (want === undefined || r.result === (want | 0)));
    }
    case 'atom': {
      const addr = atomAddr(s, w.atom);
      if (addr === undefined) return `the program has no atom \`${w.atom}\``;
      const kind = ATOM_EVENTS[w.what];
      return records.some((r) => r.kind === kind && r.atom === addr);
    }
  }
}

/** The run's answer to the question at this event, or why there is none. */
export function answerAt(a: Ask, at: At): { readonly answer: string } | { readonly error: string } {
  const { s, records } = at;
  switch (a.kind) {
    case 'null': {
      const r = records.find((x) => x.kind === 'sysret' && x.nr === SYS_async_exec);
      return r ? { answer: r.result === 0 ? 'yes' : 'no' } : { error: 'async_exec does not return at this event' };
    }
    case 'slot': {
      const addr = atomAddr(s, a.atom);
      if (addr === undefined) return { error: `the program has no atom \`${a.atom}\`` };
      const post = records.find((x) => x.kind === 'post' && x.atom === addr);
      if (post) return { answer: String(post.aux) };
      if (records.some((x) => x.kind === 'lost' && x.atom === addr)) return { answer: 'lost' };
      return { error: `\`${a.atom}\`'s completion does not land at this event` };
    }
    case 'value': {
      const v = valueOf(s, a.expr);
      return typeof v === 'string' ? { error: v } : { answer: String(v) };
    }
    case 'lost': return { answer: String(s.k.counters().lost) };
    case 'posted': return { answer: String(s.k.counters().posted) };
    case 'returns': {
      const r = records.find((x) => x.kind === 'sysret' && x.nr === a.nr);
      return r ? { answer: String(r.result) } : { error: `${a.call} does not return at this event` };
    }
  }
}
