// The narration oracle: for every shipped example, every event is narrated,
// every sentence is checked against the kernel trace records of its own event
// (a sentence that says blocked, cached, stopped, skipped, posted, lost, woke
// or handed off must have the matching record, and every such record is told),
// and the narration bar after a step back or a seek equals what the forward
// run showed at that event.
import { beforeAll, describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadKernelNode } from '../../../engine-wasm/host/node.ts';
import type { Kernel } from '../../../engine-wasm/host/kernel.ts';
import { readFiles, type TraceRec } from '../../../engine-wasm/host/records.ts';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { SYS_async_exec } from '../../../engine-wasm/abi/syscall.ts';
import { parse } from '../../lang/parse.ts';
import { layout } from '../../lang/layout.ts';
import { Session, type Narration } from '../../engine/session.ts';
import { EXAMPLE_NAMES } from '../../examples/index.ts';
import { barSentence, narrateAll, type NarrateContext, type Sentence } from './narrate.ts';

let k: Kernel;
beforeAll(async () => {
  k = await loadKernelNode('release');
});

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');
const then = (r: TraceRec) => r.aux2 >>> L.ATOM_THEN_SHIFT;

/** The example with a clause added to atom `atom`'s line. */
function withClause(name: string, atom: string, clause: string): string {
  const re = new RegExp(`^(atom ${atom} = .*)$`, 'm');
  const text = example(name);
  if (!re.test(text)) throw new Error(`${name} has no atom ${atom}`);
  return text.replace(re, `$1 ${clause}`);
}

/** What a sentence claims, and the record of its event that must back the claim. */
const CLAIMS: readonly { readonly says: RegExp; readonly backed: (r: TraceRec) => boolean }[] = [
  { says: /(?<!nothing )\bblocked\b/, backed: (r) => r.kind === 'block' },
  { says: /cached path|ran cached/, backed: (r) => r.kind === 'cached' },
  { says: /slept in place/, backed: (r) => r.kind === 'cached' && r.aux !== L.CACHED_NOTHING_BLOCKED },
  { says: /nothing blocked/, backed: (r) => r.kind === 'cached' && r.aux === L.CACHED_NOTHING_BLOCKED },
  { says: /SYSLET_STOP_ON_\w+ held/, backed: (r) => r.kind === 'atom' && (then(r) === L.ATOM_THEN_STOP || then(r) === L.ATOM_THEN_SKIP) },
  { says: /\bstops\b/, backed: (r) => r.kind === 'atom' && then(r) === L.ATOM_THEN_STOP },
  { says: /SKIP_TO_NEXT_ON_STOP goes on/, backed: (r) => r.kind === 'atom' && then(r) === L.ATOM_THEN_SKIP },
  { says: /next is NULL/, backed: (r) => r.kind === 'atom' && then(r) === L.ATOM_THEN_LAST },
  { says: /(?<!nothing is )\bposted\b/, backed: (r) => r.kind === 'post' },
  { says: /\blost\b/, backed: (r) => r.kind === 'lost' || (r.kind === 'fault' && r.aux2 === L.FAULT_RING) },
  { says: /\bwoke\b/, backed: (r) => r.kind === 'wake' },
  { says: /takes over/, backed: (r) => r.kind === 'handoff' },
  { says: /already in flight/, backed: (r) => (r.kind === 'block' && r.aux === L.WHY_DISK_INFLIGHT) || (r.kind === 'handoff' && r.aux2 === L.WHY_DISK_INFLIGHT) },
  { says: /it was waiting for finished/, backed: (r) => r.kind === 'wake' && r.aux === L.WHY_DISK_INFLIGHT },
  { says: /returned NULL/, backed: (r) => r.kind === 'sysret' && r.nr === SYS_async_exec && r.result === 0 },
  { says: /\bexits\b/, backed: (r) => r.kind === 'exit' },
  { says: /ring policy: lose/, backed: (r) => r.kind === 'lost' },
  { says: /ring policy: wait|waits for a free slot/, backed: (r) => r.kind === 'ringwait' },
  // Injected values are told as injected, and only where the kernel injected something.
  { says: /\binjected\b/, backed: (r) => r.kind === 'inject' || ((r.kind === 'block' || r.kind === 'wake') && r.aux === L.WHY_INJECTED) || (r.kind === 'handoff' && r.aux2 === L.WHY_INJECTED) },
  { says: /injected fault/, backed: (r) => r.kind === 'inject' && (r.aux & 0xff) === L.INJ_ERRNO },
  { says: /injected latency/, backed: (r) => r.kind === 'inject' && (r.aux & 0xff) === L.INJ_LATENCY },
];

/** Each record of these kinds must be told by a sentence of its event that says so. */
const TOLD: readonly { readonly rec: (r: TraceRec) => boolean; readonly says: RegExp }[] = [
  { rec: (r) => r.kind === 'block', says: /\bblocked\b/ },
  { rec: (r) => r.kind === 'handoff', says: /takes over/ },
  { rec: (r) => r.kind === 'post', says: /\bposted\b/ },
  { rec: (r) => r.kind === 'lost', says: /\blost\b/ },
  { rec: (r) => r.kind === 'ringwait', says: /ring policy: wait — .* waits for a free slot/ },
  { rec: (r) => r.kind === 'wake', says: /\bwoke\b/ },
  { rec: (r) => r.kind === 'cached', says: /cached path|ran cached/ },
  { rec: (r) => r.kind === 'atom' && then(r) === L.ATOM_THEN_STOP, says: /held \([^)]*\): the chain stops/ },
  { rec: (r) => r.kind === 'atom' && then(r) === L.ATOM_THEN_SKIP, says: /SKIP_TO_NEXT_ON_STOP goes on/ },
  { rec: (r) => r.kind === 'inject', says: /\binjected\b/ },
  { rec: (r) => (r.kind === 'block' || r.kind === 'wake') && r.aux === L.WHY_INJECTED, says: /injected delay/ },
];

/** No sentence may claim that a device really failed: an injected errno is the kernel's, not the disk's. */
const NEVER = /I\/O error|disk (error|failed|failure)/;

/** The entries of event e (they are at the end of the session's recent narration). */
function entriesOf(entries: readonly Narration[], e: number): Narration[] {
  let i = entries.length;
  while (i > 0 && entries[i - 1].event === e) i--;
  return entries.slice(i);
}

function checkEvent(name: string, e: number, mine: readonly Narration[], ctx: NarrateContext): void {
  expect(mine.length, `${name} #${e}: an event without narration`).toBeGreaterThan(0);
  const records = mine.flatMap((n) => (n.trace ? [n.trace] : []));
  const told = narrateAll(mine, ctx);
  for (const s of told) {
    expect(s.event).toBe(e);
    expect(s.text, `${name} #${e}`).not.toMatch(NEVER);
    for (const c of CLAIMS) if (c.says.test(s.text)) expect(records.some(c.backed), `${name} #${e}: "${s.text}" has no record behind ${c.says}`).toBe(true);
  }
  for (const t of TOLD) {
    for (const r of records.filter(t.rec)) {
      expect(told.some((s) => t.says.test(s.text)), `${name} #${e}: the ${r.kind} record #${r.seq} is not told`).toBe(true);
    }
  }
}

type Bar = Pick<Sentence, 'event' | 'text' | 'time' | 'tone'> | undefined;
const bar = (s: Session, ctx: NarrateContext): Bar => {
  const b = barSentence(s.recent(), s.events, ctx);
  return b && { event: b.event, text: b.text, time: b.time, tone: b.tone };
};

describe('narration oracle', () => {
  test('every example is covered', () => {
    expect(EXAMPLE_NAMES.length).toBeGreaterThanOrEqual(9);
  });

  // The shipped examples, and the classroom experiments their comments suggest (one option line added).
  const RUNS: readonly { readonly name: string; readonly text: () => string; readonly end?: 'done' | 'error' }[] = [
    ...EXAMPLE_NAMES.map((name) => ({ name, text: () => example(name) })),
    { name: 'full-ring with ring_policy wait', text: () => `option ring_policy = wait\n${example('full-ring')}` },
    // The fault and latency lab on the examples (each override once).
    { name: 'read-loop, third read fails', text: () => withClause('read-loop', 'rd', 'fault EIO nth 3') },
    { name: 'read-loop, short reads', text: () => withClause('read-loop', 'rd', 'fault short 3000') },
    // Nothing waits, so async_exec returns the final atom and the example's `assert async_exec(op) == 0` stops the run.
    { name: 'read-loop, reads never wait', text: () => withClause('read-loop', 'rd', 'fault cached'), end: 'error' },
    { name: 'read-loop, a slow page', text: () => `latency "/usr/share/dict/words" page 2 = 20ms\n${example('read-loop')}` },
    { name: 'parallel-reads, one read blocks first', text: () => withClause('parallel-reads', 'r2', 'fault block 5ms') },
    { name: 'sync-vs-async, the SYNC read blocks first in the head', text: () => withClause('sync-vs-async', 'sync_rd', 'fault block 1ms') },
    // The reader gets -EAGAIN at once, so the example's `assert async_exec(rd) == 0` stops the run.
    { name: 'pipe, the reader never waits', text: () => withClause('pipe', 'rd', 'fault cached'), end: 'error' },
  ];

  for (const { name, text, end: finalState = 'done' } of RUNS) {
    test(`${name}: every sentence matches its event's records, and the bar after a step back or a seek equals the forward run's`, () => {
      const { program } = parse(text());
      const lay = layout(program);
      const s = new Session(k, program, lay);
      const ctx: NarrateContext = { names: lay.names, files: readFiles(k) };
      const bars: Bar[] = [bar(s, ctx)];
      while (!s.finished) {
        s.step();
        const e = s.events;
        checkEvent(name, e, entriesOf(s.recent(), e), ctx);
        bars[e] = bar(s, ctx);
      }
      const end = s.events;
      expect(s.state, name).toBe(finalState);
      // Step back through every event (the long stress run: its last 400 events, its first 400, and 150 seeks in between).
      const long = end > 5_000;
      const back = long ? 400 : end;
      for (let e = end - 1; e >= end - back; e--) {
        s.seek(e);
        expect(bar(s, ctx), `${name}: the bar after a step back to #${e}`).toEqual(bars[e]);
      }
      if (long) {
        let x = 20070228;
        const targets: number[] = [];
        for (let i = 0; i < 150; i++) {
          x = (Math.imul(x, 1103515245) + 12345) >>> 0;
          targets.push(x % end);
        }
        for (let e = 0; e < 400; e++) targets.push(e);
        for (const e of targets) {
          s.seek(e);
          expect(bar(s, ctx), `${name}: the bar after a seek to #${e}`).toEqual(bars[e]);
        }
      }
    }, 120_000);
  }
});
