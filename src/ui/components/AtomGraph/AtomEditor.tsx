import { useEffect, useRef } from 'react';
import { SYSCALLS } from '../../../engine-wasm/host/syscalls.ts';
import { FLAG_ORDER } from '../../lang/names.ts';
import { SKIP_FLAG, STOP_FLAGS, flagLabel, type AtomNodeData } from './graph.ts';
import { updateAtom } from './actions.ts';

const FLAG_GROUPS = [
  { label: 'run', title: 'How the atom runs', flags: FLAG_ORDER.filter((f) => !STOP_FLAGS.includes(f) && f !== SKIP_FLAG), strip: '' },
  { label: 'stop on', title: 'Stop the syslet when the result is… (SYSLET_STOP_ON_*)', flags: STOP_FLAGS, strip: 'STOP_ON_' },
  { label: 'on stop', title: 'On stop, go on with the atom written next (SYSLET_SKIP_TO_NEXT_ON_STOP)', flags: [SKIP_FLAG], strip: '' },
];

interface Props {
  atom: AtomNodeData;
  onClose(): void;
}

/** The inline editor: the atom's syscall and flags. Each change is one edit of the text. */
export function AtomEditor({ atom, onClose }: Props) {
  const first = useRef<HTMLSelectElement>(null);
  useEffect(() => first.current?.focus(), [atom.name]);
  const toggle = (flag: string, on: boolean) =>
    updateAtom(atom.name, { flags: on ? [...atom.flags, flag] : atom.flags.filter((f) => f !== flag) });
  return (
    <div
      className="atom-editor"
      role="dialog"
      aria-label={`Edit atom ${atom.name}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
        e.stopPropagation();
      }}
    >
      <header className="atom-editor-head">
        Edit <span className="atom-name">{atom.name}</span>
        <button type="button" className="btn icon" aria-label="Close the atom editor" onClick={onClose}>
          ×
        </button>
      </header>
      <label className="atom-editor-flags">
        <span className="atom-editor-label">syscall</span>
        <select ref={first} title="A syscall with fewer parameters drops the extra arguments" value={atom.syscall} onChange={(e) => updateAtom(atom.name, { syscall: e.target.value })}>
          {SYSCALLS.map((s) => (
            <option key={s.name} value={s.name}>
              {s.name}({s.params.join(', ')})
            </option>
          ))}
        </select>
      </label>
      {FLAG_GROUPS.map((g) => (
        <div key={g.label} role="group" aria-label={g.title} className="atom-editor-flags">
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
    </div>
  );
}
