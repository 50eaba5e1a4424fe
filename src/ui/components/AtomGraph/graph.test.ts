import { describe, expect, it, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { parse } from '../../lang/parse.ts';
import * as F from '../../../engine-wasm/abi/flags.ts';
import {
  atomHeight, atomsKey, BEFORE, buildGraph, CALL_INDENT, graphFor, MORE, windowStart, callRows, DAGRE_MAX_ATOMS, FLAG_NAMES, flagLabel, flagTone, layoutGraph, MAX_DRAWN_ATOMS,
  SKIP_FLAG, STOP_FLAGS, stopsOn, type AtomNode, type Graph, type GraphNode,
} from './graph.ts';

/** A node's rectangle as drawn (end markers 88 x 28). */
const rect = (n: GraphNode) => ({ x: n.position.x, y: n.position.y, w: n.type === 'atom' ? 240 : 88, h: n.type === 'atom' ? atomHeight(n.data) : 28 });
/** Pairs of nodes whose rectangles overlap (touching edges do not count). */
function overlaps(g: Graph): string[] {
  const out: string[] = [];
  const rs = g.nodes.map((n) => ({ id: n.id, ...rect(n) }));
  for (let i = 0; i < rs.length; i++) {
    for (let j = i + 1; j < rs.length; j++) {
      const a = rs[i];
      const b = rs[j];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) out.push(`${a.id}/${b.id}`);
    }
  }
  return out;
}
/** A chain of `n` atoms: each getpid atom's next is the one written after it. */
const chain = (n: number) => {
  const lines = [];
  for (let i = 0; i < n; i++) lines.push(`atom c${i} = getpid()${i + 1 < n ? ` next c${i + 1}` : ''}`);
  return lines.join('\n') + '\n';
};

const example = (name: string) => readFileSync(new URL(`../../examples/${name}.syslet`, import.meta.url), 'utf8');
const program = (text: string) => {
  const { program, diagnostics } = parse(text);
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return program;
};
const edge = (g: ReturnType<typeof buildGraph>, id: string) => g.edges.find((e) => e.id === id);

describe('buildGraph', () => {
  it('hello: one write node, ending the syslet', () => {
    const g = buildGraph(program(example('hello')));
    const atoms = g.nodes.filter((n): n is AtomNode => n.type === 'atom');
    expect(atoms.map((n) => n.id)).toEqual(['hello']);
    expect(atoms[0].data).toMatchObject({ syscall: 'write', args: ['fd_out', 'buf', 'size'], params: ['fd', 'buf', 'count'], flags: [] });
    expect(edge(g, 'done:hello')).toMatchObject({ target: 'end:hello', sourceHandle: 'next' });
    expect(g.nodes.find((n) => n.id === 'end:hello')?.type).toBe('end');
  });

  it('read-loop: next, the skip on stop to the atom written after, the back edge and data flow', () => {
    const g = buildGraph(program(example('read-loop')));
    expect(edge(g, 'next:op')).toMatchObject({ target: 'rd', sourceHandle: 'next', data: { kind: 'next' } });
    expect(edge(g, 'next:rd')).toMatchObject({ target: 'cnt', data: { kind: 'next' } });
    expect(edge(g, 'skip:rd')).toMatchObject({ target: 'cl', label: 'on stop: skip', data: { kind: 'skip' } });
    expect(edge(g, 'next:cnt')).toMatchObject({ target: 'rd', type: 'loop', sourceHandle: 'loop-out', targetHandle: 'loop-in', data: { kind: 'back' } });
    expect(edge(g, 'stop:op')).toMatchObject({ target: 'end:op', label: 'on stop: end' });
    const data = g.edges.filter((e) => e.data?.kind === 'data').map((e) => `${e.source}>${e.target}:${e.label}`);
    expect(data.sort()).toEqual(['op>cl:fd', 'op>rd:fd']);
  });

  it('a self-loop and a skip past the last atom', () => {
    const g = buildGraph(program('var x = 0\natom a = umem_add(&x) flags SYSLET_STOP_ON_ZERO next a\natom b = getpid() flags SYSLET_STOP_ON_ZERO | SYSLET_SKIP_TO_NEXT_ON_STOP\n'));
    expect(edge(g, 'next:a')).toMatchObject({ source: 'a', target: 'a', type: 'loop' });
    expect(edge(g, 'skip:b')).toMatchObject({ target: 'past:b' });
    expect(g.nodes.find((n) => n.id === 'past:b')?.data).toMatchObject({ kind: 'past' });
  });

  it('flag chips use short names', () => {
    expect(flagLabel('SYSLET_STOP_ON_NON_POSITIVE')).toBe('STOP_ON_NON_POSITIVE');
    expect(flagLabel('SYSLET_SKIP_TO_NEXT_ON_STOP')).toBe('SKIP');
    expect(flagLabel('SYSLET_NO_COMPLETE')).toBe('NO_COMPLETE');
  });
});

describe('layoutGraph', () => {
  it('places forward edges top to bottom and puts loop rails right of the nodes they pass', () => {
    const g = layoutGraph(buildGraph(program(example('read-loop'))));
    const pos = new Map(g.nodes.map((n) => [n.id, n.position]));
    expect(pos.get('op')!.y).toBeLessThan(pos.get('rd')!.y);
    expect(pos.get('rd')!.y).toBeLessThan(pos.get('cnt')!.y);
    expect(pos.get('rd')!.y).toBeLessThan(pos.get('cl')!.y);
    const rail = edge(g, 'next:cnt')?.data?.railX ?? 0;
    for (const id of ['rd', 'cnt', 'cl']) expect(rail).toBeGreaterThan(pos.get(id)!.x + 260);
  });

  it('every program of the examples lays out without overlapping nodes', () => {
    for (const name of ['hello', 'cold-read', 'read-loop', 'pipe', 'fio-batch', 'full-ring', 'parallel-reads', 'sync-vs-async']) {
      const g = layoutGraph(buildGraph(program(example(name))));
      for (const n of g.nodes) expect(Number.isFinite(n.position.x) && Number.isFinite(n.position.y)).toBe(true);
      expect(overlaps(g), name).toEqual([]);
    }
  });

  it('the overlap check sees two rectangles that overlap without sharing a corner', () => {
    const g = layoutGraph(buildGraph(program(example('cold-read'))));
    const [a, b] = g.nodes.filter((n) => n.type === 'atom');
    // b moved 100px right and 20px down of a: corners differ, the boxes overlap.
    const moved = { ...g, nodes: g.nodes.map((n) => (n === b ? { ...n, position: { x: a.position.x + 100, y: a.position.y + 20 } } : n)) };
    expect(overlaps(moved)).toContain(`${a.id}/${b.id}`);
    const apart = { ...g, nodes: g.nodes.map((n) => (n === b ? { ...n, position: { x: a.position.x + 240, y: a.position.y } } : n)) };
    expect(overlaps(apart).filter((p) => p.includes(`${a.id}/`) && p.includes(b.id))).toEqual([]);
  });
});

describe('big programs', () => {
  for (const n of [2000, 3800]) {
    it(`a ${n}-atom chain builds and lays out without overflowing the stack, drawing the first ${MAX_DRAWN_ATOMS}`, () => {
      const g = layoutGraph(buildGraph(program(chain(n))));
      const atoms = g.nodes.filter((x) => x.type === 'atom');
      expect(atoms).toHaveLength(MAX_DRAWN_ATOMS);
      expect(g.hidden).toBe(n - MAX_DRAWN_ATOMS);
      expect(g.simple).toBe(true);
      expect(atoms.map((x) => x.id).slice(0, 3)).toEqual(['c0', 'c1', 'c2']);
      // The last drawn atom's next leads to the summary node.
      const more = g.edges.find((e) => e.source === `c${MAX_DRAWN_ATOMS - 1}`);
      expect(more).toMatchObject({ target: 'more:atoms', label: `next: c${MAX_DRAWN_ATOMS}` });
      expect(g.nodes.find((x) => x.id === 'more:atoms')?.data).toMatchObject({ kind: 'more', label: `${(n - MAX_DRAWN_ATOMS).toLocaleString('en-US')} more atoms` });
      for (const x of g.nodes) expect(Number.isFinite(x.position.x) && Number.isFinite(x.position.y)).toBe(true);
      expect(overlaps(g)).toEqual([]);
    });
  }

  it('a loop over many atoms in the grid: the back edge runs right of its column, nothing overlaps', () => {
    const text = chain(DAGRE_MAX_ATOMS + 10).replace(/atom c69 = getpid\(\)\n/, 'atom c69 = getpid() next c0\n');
    const g = layoutGraph(buildGraph(program(text)));
    expect(g.simple).toBe(true);
    expect(g.hidden).toBeUndefined();
    expect(g.edges.find((e) => e.id === 'next:c69')?.data?.railX).toBeGreaterThan(240);
    expect(overlaps(g)).toEqual([]);
  });

  it(`${DAGRE_MAX_ATOMS} atoms still get the layered layout`, () => {
    const g = layoutGraph(buildGraph(program(chain(DAGRE_MAX_ATOMS))));
    expect(g.simple).toBeUndefined();
    expect(overlaps(g)).toEqual([]);
  });
});

describe('flag tables follow the ABI values', () => {
  it('names come from the SYSLET_* values, not from their order', () => {
    expect(FLAG_NAMES.get(F.SYSLET_SKIP_TO_NEXT_ON_STOP)).toBe('SYSLET_SKIP_TO_NEXT_ON_STOP');
    expect(FLAG_NAMES.get(F.SYSLET_STOP_MASK)).toBeUndefined();
    expect(SKIP_FLAG).toBe('SYSLET_SKIP_TO_NEXT_ON_STOP');
    expect(STOP_FLAGS).toEqual(['SYSLET_STOP_ON_NONZERO', 'SYSLET_STOP_ON_ZERO', 'SYSLET_STOP_ON_NEGATIVE', 'SYSLET_STOP_ON_NON_POSITIVE']);
    expect(flagTone('SYSLET_STOP_ON_ZERO')).toBe('stop');
    expect(flagTone('SYSLET_NO_COMPLETE')).toBe('quiet');
    expect(flagTone('SYSLET_ASYNC')).toBe('mode');
    expect(flagTone(SKIP_FLAG)).toBe('skip');
  });

  it('stopsOn applies each stop condition to the signed result', () => {
    expect(stopsOn(['SYSLET_STOP_ON_NON_POSITIVE'], 0)).toBe(true);
    expect(stopsOn(['SYSLET_STOP_ON_NON_POSITIVE'], 4096)).toBe(false);
    expect(stopsOn(['SYSLET_STOP_ON_NEGATIVE'], -2)).toBe(true);
    expect(stopsOn(['SYSLET_STOP_ON_NEGATIVE'], 0)).toBe(false);
    expect(stopsOn(['SYSLET_STOP_ON_ZERO'], 0)).toBe(true);
    expect(stopsOn(['SYSLET_STOP_ON_NONZERO'], 0)).toBe(false);
    expect(stopsOn(['SYSLET_NONZERO_TYPO', 'SYSLET_ASYNC'], 5)).toBe(false);
  });
});

describe('layoutGraph packing', () => {
  it('separate syslets wrap into rows about two atoms wide instead of one long row', () => {
    const g = layoutGraph(buildGraph(program(example('full-ring'))));
    const atoms = g.nodes.filter((n) => n.type === 'atom');
    expect(atoms).toHaveLength(4);
    const rows = new Set(atoms.map((n) => n.position.y));
    expect(rows.size).toBe(2);
    const xs = new Set(atoms.map((n) => n.position.x));
    expect(xs.size).toBe(2);
  });

  it('one chain keeps its dagre layout', () => {
    const g = layoutGraph(buildGraph(program(example('cold-read'))));
    const ys = g.nodes.filter((n) => n.type === 'atom').map((n) => n.position.y);
    expect(new Set(ys).size).toBe(ys.length);
  });
});

describe('call rows', () => {
  const text = (syscall: string, args: string[]) =>
    callRows({ syscall, args })
      .map((row, r) => (r === 0 ? `${syscall}(` : ' '.repeat(CALL_INDENT)) + row.map((k) => args[k] + (k < args.length - 1 ? ',' : ')')).join(' ') + (args.length === 0 ? ')' : ''))
      .join('\n');

  test('a short call stays on one row', () => {
    expect(text('getpid', [])).toBe('getpid()');
    expect(text('write', ['fd_out', 'buf', 'size'])).toBe('write(fd_out, buf, size)');
  });

  test('a long call wraps at argument boundaries, every row within the node', () => {
    const t = text('pread64', ['fd', 'bufp', 'count', 'off1']);
    expect(t).toBe('pread64(fd, bufp, count,\n    off1)');
    for (const args of [['a_rather_long_name', 'another_long_name', 'x'], ['p', 'q', 'r', 's', 't', 'u', 'v', 'w', 'x', 'y']]) {
      const rows = text('clock_nanosleep', args).split('\n');
      for (const row of rows) if (row.includes(',')) expect(row.length).toBeLessThanOrEqual(25);
      expect(rows.join(' ').replace(/\s+/g, ' ').replace('( ', '(')).toBe(`clock_nanosleep(${args.join(', ')})`);
    }
  });

  test('the node grows by a row for each wrapped row', () => {
    const one = atomHeight({ flags: [], syscall: 'write', args: ['fd', 'b', 'n'] });
    const two = atomHeight({ flags: [], syscall: 'pread64', args: ['fd', 'bufp', 'count', 'off1'] });
    expect(two - one).toBe(26);
  });
});

test('an atom with an injected fault carries it in its node, one row taller', () => {
  const g = buildGraph(parse('var x\natom a = close(&x) fault EIO nth 2\natom b = close(&x)\n').program);
  const [a, b] = g.nodes.filter((n): n is AtomNode => n.type === 'atom');
  expect(a.data.fault).toMatchObject({ spec: { kind: 'errno', errno: { name: 'EIO' } }, nth: 2 });
  expect(b.data.fault).toBeUndefined();
  expect(atomHeight(a.data) - atomHeight(b.data)).toBe(26);
});

describe('a big program drawn as a window of atoms', () => {
  const n = 1000;
  it('draws MAX_DRAWN_ATOMS atoms from `from`, with a summary node before and after', () => {
    const g = layoutGraph(buildGraph(program(chain(n)), MAX_DRAWN_ATOMS, 400));
    const atoms = g.nodes.filter((x) => x.type === 'atom');
    expect(atoms.map((x) => x.id)[0]).toBe('c400');
    expect(atoms).toHaveLength(MAX_DRAWN_ATOMS);
    expect(g).toMatchObject({ hidden: n - MAX_DRAWN_ATOMS, from: 400, total: n });
    expect(g.nodes.find((x) => x.id === BEFORE)?.data).toMatchObject({ kind: 'more', side: 'before', label: '400 earlier atoms' });
    const after = g.nodes.find((x) => x.id === MORE);
    expect(after?.data).toMatchObject({ kind: 'more', side: 'after', label: `${n - 400 - MAX_DRAWN_ATOMS} more atoms` });
    expect((after?.data.atoms as ReadonlySet<string>).has(`c${n - 1}`)).toBe(true);
    expect(g.edges.find((e) => e.source === `c${400 + MAX_DRAWN_ATOMS - 1}`)).toMatchObject({ target: MORE, label: `next: c${400 + MAX_DRAWN_ATOMS}` });
    expect(overlaps(g)).toEqual([]);
  });
  it('a window past the end is moved back to the last atoms; windowStart puts an atom in the window', () => {
    const g = buildGraph(program(chain(n)), MAX_DRAWN_ATOMS, 5000);
    expect(g.from).toBe(n - MAX_DRAWN_ATOMS);
    expect(g.nodes.some((x) => x.id === MORE)).toBe(false);
    for (const at of [0, 10, 499, 999]) {
      const s = windowStart(at, n);
      expect(at >= s && at < s + MAX_DRAWN_ATOMS).toBe(true);
    }
  });
  it('the graph is built again only when the atoms change, not for a comment or a driver line', () => {
    const a = program(chain(n));
    const b = program(`# a comment\n${chain(n)}\nvar x = 1\n`);
    expect(atomsKey(a)).toBe(atomsKey(b));
    expect(graphFor(b, 0, (g) => g)).toBe(graphFor(a, 0, (g) => g));
    expect(atomsKey(program(chain(n).replace('atom c5 = getpid()', 'atom c5 = getpid() flags SYSLET_STOP_ON_ZERO')))).not.toBe(atomsKey(a));
  });
});
