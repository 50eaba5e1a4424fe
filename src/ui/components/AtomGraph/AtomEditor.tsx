import { useEffect, useRef, useState } from 'react';
import { SYSCALLS, syscallByName } from '../../../engine-wasm/host/syscalls.ts';
import { FLAG_ORDER } from '../../lang/names.ts';
import { SKIP_FLAG, STOP_FLAGS, flagLabel, type AtomNodeData } from './graph.ts';
import { moveAtom, updateAtom, updateAtomWithNewVar } from './actions.ts';
import type { AtomChange } from './edits.ts';
import type { NewVarValue } from './newvar.ts';
import { NewVarForm } from './NewVarForm.tsx';
import { FaultRow } from './FaultRow.tsx';

const FLAG_GROUPS = [
  { label: 'run', title: 'How the atom runs', flags: FLAG_ORDER.filter((f) => !STOP_FLAGS.includes(f) && f !== SKIP_FLAG), strip: '' },
  { label: 'stop on', title: 'Stop the syslet when the result is… (SYSLET_STOP_ON_*)', flags: STOP_FLAGS, strip: 'STOP_ON_' },
  { label: 'on stop', title: 'On stop, go on with the atom written next (SYSLET_SKIP_TO_NEXT_ON_STOP)', flags: [SKIP_FLAG], strip: '' },
];

/** What the program declares, for the pickers. */
export interface Names {
  readonly vars: readonly string[];
  /** Atoms in memory (written) order. */
  readonly atoms: readonly string[];
  /** Every declared name (a new var must not take one). */
  readonly taken: ReadonlySet<string>;
}

interface Props {
  atom: AtomNodeData;
  names: Names;
  onClose(): void;
}

const NONE = '';
const NEW = '\u0000new';

/** Where a new var goes: the argument at `index`, or `ret`. */
type Slot = { kind: 'arg'; index: number } | { kind: 'ret' };

/** The inline editor: syscall, arguments, ret, next, flags, injected fault and place in memory. Each change is one edit of the text. */
export function AtomEditor({ atom, names, onClose }: Props) {
  const first = useRef<HTMLSelectElement>(null);
  const [creating, setCreating] = useState<Slot | null>(null);
  useEffect(() => first.current?.focus(), [atom.name]);
  const change = (c: AtomChange) => updateAtom(atom.name, c);
  const toggle = (flag: string, on: boolean) => change({ flags: on ? [...atom.flags, flag] : atom.flags.filter((f) => f !== flag) });
  const params = syscallByName(atom.syscall)?.params ?? [];
  // One picker per argument given, plus one for the next parameter (the list ends at the first missing one).
  const shown = Math.min(params.length, atom.args.length + 1);
  const setArg = (k: number, v: string) => {
    if (v === NEW) return setCreating({ kind: 'arg', index: k });
    change({ args: v === NONE ? atom.args.slice(0, k) : [...atom.args.slice(0, k), v, ...atom.args.slice(k + 1)] });
  };
  const create = (name: string, value: NewVarValue) => {
    if (!creating) return;
    const c: AtomChange = creating.kind === 'ret' ? { ret: name } : { args: [...atom.args.slice(0, creating.index), name, ...atom.args.slice(creating.index + 1)] };
    updateAtomWithNewVar(atom.name, c, name, value);
    setCreating(null);
  };
  const place = names.atoms.indexOf(atom.name);
  const varOptions = (
    <>
      {names.vars.map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
      <option value={NEW}>new variable…</option>
    </>
  );

  return (
    <div
      className="atom-editor"
      role="dialog"
      aria-label={`Edit atom ${atom.name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          if (creating) setCreating(null);
          else onClose();
        }
        e.stopPropagation();
      }}
    >
      <header className="atom-editor-head">
        Edit <span className="atom-name">{atom.name}</span>
        <button type="button" className="btn icon" aria-label="Close the atom editor" onClick={onClose}>
          ×
        </button>
      </header>
      <label className="atom-editor-row">
        <span className="atom-editor-label">syscall</span>
        <select ref={first} title="A syscall with fewer parameters drops the extra arguments" value={atom.syscall} onChange={(e) => change({ syscall: e.target.value })}>
          {SYSCALLS.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}({s.params.join(', ')})
            </option>
          ))}
        </select>
      </label>
      {params.slice(0, shown).map((p, k) => (
        <label key={k} className="atom-editor-row">
          <span className="atom-editor-label" title={`Argument ${k + 1}: a pointer to the var holding ${p}`}>
            &amp;{p}
          </span>
          <select aria-label={`Argument ${p}`} value={atom.args[k] ?? NONE} onChange={(e) => setArg(k, e.target.value)}>
            <option value={NONE}>{k < atom.args.length ? '— (end the list here)' : '—'}</option>
            {varOptions}
          </select>
        </label>
      ))}
      <label className="atom-editor-row">
        <span className="atom-editor-label" title="The var that receives the result (ret_ptr)">ret</span>
        <select aria-label="ret" value={atom.ret ?? NONE} onChange={(e) => (e.target.value === NEW ? setCreating({ kind: 'ret' }) : change({ ret: e.target.value || null }))}>
          <option value={NONE}>— (not stored)</option>
          {varOptions}
        </select>
      </label>
      {creating && (
        <NewVarForm
          key={creating.kind === 'ret' ? 'ret' : creating.index}
          param={creating.kind === 'ret' ? undefined : params[creating.index]}
          targets={[...names.taken]}
          onCreate={create}
          onCancel={() => setCreating(null)}
        />
      )}
      <label className="atom-editor-row">
        <span className="atom-editor-label" title="The atom the walk goes on with (unless it stops)">next</span>
        <select aria-label="next" value={atom.next ?? NONE} onChange={(e) => change({ next: e.target.value || null })}>
          <option value={NONE}>— (the syslet ends)</option>
          {names.atoms.map((a) => (
            <option key={a} value={a}>
              {a === atom.name ? `${a} (itself)` : a}
            </option>
          ))}
        </select>
      </label>
      {FLAG_GROUPS.map((g) => (
        <div key={g.label} role="group" aria-label={g.title} className="atom-editor-row">
          <span className="atom-editor-label" title={g.title}>{g.label}</span>
          <span className="atom-editor-boxes">
            {g.flags.map((f) => (
              <label key={f} title={f}>
                <input type="checkbox" aria-label={flagLabel(f)} checked={atom.flags.includes(f)} onChange={(e) => toggle(f, e.target.checked)} />
                {g.strip ? flagLabel(f).slice(g.strip.length) : flagLabel(f)}
              </label>
            ))}
          </span>
        </div>
      ))}
      <FaultRow fault={atom.fault} syscall={atom.syscall} onChange={(f) => change({ fault: f })} />
      <div className="atom-editor-row" role="group" aria-label="Place in memory">
        <span className="atom-editor-label" title="Atoms are laid out in the order written; SKIP_TO_NEXT_ON_STOP goes on with the atom written next">
          order
        </span>
        <span className="atom-editor-order">
          {place + 1} of {names.atoms.length}
          <button type="button" className="btn" onClick={() => moveAtom(atom.name, -1)} disabled={place <= 0} aria-label="Move up (earlier in memory)">
            ↑ earlier
          </button>
          <button type="button" className="btn" onClick={() => moveAtom(atom.name, 1)} disabled={place < 0 || place >= names.atoms.length - 1} aria-label="Move down (later in memory)">
            ↓ later
          </button>
        </span>
      </div>
    </div>
  );
}
