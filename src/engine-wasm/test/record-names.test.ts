// The host's name tables (thread states, wait reasons, trace kinds, page
// states, fault kinds, injections) are keyed by the ABI constants: every constant of each
// family has its own name, whatever its number.
import { describe, expect, test } from 'vitest';
import * as L from '../abi/layout.ts';
import { STATE_NAMES, WHY_NAMES, TRACE_KINDS, PAGE_STATES, INJECT_KINDS, FAULT_KINDS, byCode } from '../host/records.ts';
import { FAULT_NAMES } from '../host/trace-format.ts';

/** [name, value] of every layout constant whose name starts with `prefix`. */
function family(prefix: string, except: readonly string[] = []): [string, number][] {
  return Object.entries(L).filter(([k]) => k.startsWith(prefix) && !except.includes(k)) as [string, number][];
}

const FAMILIES: [string, readonly (string | undefined)[], [string, number][]][] = [
  ['TS_* thread states', STATE_NAMES, family('TS_')],
  ['WHY_* wait reasons', WHY_NAMES, family('WHY_')],
  ['TR_* trace kinds', TRACE_KINDS, family('TR_')],
  ['BS_* page states', PAGE_STATES, family('BS_', ['BS_FREE'])], // a free block belongs to no file
  ['FAULT_* fault kinds', FAULT_NAMES, family('FAULT_')],
  ['INJ_* injection kinds', INJECT_KINDS, family('INJ_', ['INJ_RUN_SHIFT'])],
  ['FK_* injected fault kinds', FAULT_KINDS, family('FK_', ['FK_NONE'])], // FK_NONE removes a fault: it names none
];

describe('host name tables', () => {
  test.each(FAMILIES)('every %s constant has its own name', (_, names, constants) => {
    expect(constants.length).toBeGreaterThan(2);
    const missing = constants.filter(([, v]) => names[v] === undefined).map(([k]) => k);
    expect(missing).toEqual([]);
    const named = constants.map(([, v]) => names[v]);
    expect(new Set(named).size).toBe(named.length);
  });

  test('names follow the constants, not their order', () => {
    expect(STATE_NAMES[L.TS_SLEEPING]).toBe('sleeping');
    expect(WHY_NAMES[L.WHY_FSYNC]).toBe('fsync');
    expect(TRACE_KINDS[L.TR_RINGWAIT]).toBe('ringwait');
    expect(PAGE_STATES[L.BS_INFLIGHT]).toBe('inflight');
    // A table written in any order gives the same array.
    expect(byCode({ 3: 'c', 1: 'a', 2: 'b' })).toEqual([undefined, 'a', 'b', 'c']);
  });

  test('hand-off causes never collide with a wait reason (TR_HANDOFF aux2 holds either)', () => {
    for (const [, v] of family('WHY_')) expect([L.HANDOFF_ASYNC, L.HANDOFF_BUDGET]).not.toContain(v);
  });
});
