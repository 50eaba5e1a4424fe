import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { currentSource } from '../../editing.ts';
import { defaultValueKind, planNewVar, type NewVarValue, type ValueKind } from './newvar.ts';

const KINDS: { kind: ValueKind; label: string }[] = [
  { kind: 'number', label: 'number or constant' },
  { kind: 'string', label: 'string' },
  { kind: 'address', label: 'address of' },
  { kind: 'buffer', label: 'new buffer' },
];

interface Props {
  /** The parameter the var is for (`buf`, `path`…), or undefined for `ret`. */
  param: string | undefined;
  /** Every declared name: what an address can point to. */
  targets: readonly string[];
  onCreate(name: string, value: NewVarValue): void;
  onCancel(): void;
}

/** Name and initial value of a new var, checked by the language as it is typed; Enter adds it. */
export function NewVarForm({ param, targets, onCreate, onCancel }: Props) {
  const id = useId();
  const box = useRef<HTMLDivElement>(null);
  // The atom editor scrolls inside a short graph pane: bring the whole form, with its Add button, into view.
  // (A block body: Chromium's scrollIntoView returns a promise, which React would take for a cleanup.)
  useEffect(() => {
    void box.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const [name, setName] = useState('');
  const [kind, setKind] = useState<ValueKind>(defaultValueKind(param));
  const [text, setText] = useState('');
  const [of, setOf] = useState('');
  const [buffer, setBuffer] = useState('');
  const [size, setSize] = useState('4096');
  const bufferName = buffer.trim() || `${name}_bytes`;
  const value: NewVarValue =
    kind === 'number' ? { kind, text } : kind === 'string' ? { kind, text } : kind === 'address' ? { kind, of } : { kind, name: bufferName, size };
  // The plan is judged against the newest text each time an input changes.
  const plan = useMemo(() => (name === '' ? undefined : planNewVar(currentSource(), name, value)), [name, kind, text, of, bufferName, size]); // eslint-disable-line react-hooks/exhaustive-deps
  const problem = name === '' ? 'name the new var' : plan?.problem;
  const create = () => {
    if (!problem) onCreate(name, value);
  };
  const enter = (e: KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      create();
    }
  };
  const input = (label: string, v: string, set: (s: string) => void, placeholder: string, extra?: { list?: string }) => (
    <input aria-label={label} value={v} placeholder={placeholder} onChange={(e) => set(e.target.value)} onKeyDown={enter} aria-invalid={name !== '' && !!problem} {...extra} />
  );

  return (
    <div ref={box} className="atom-editor-new" role="group" aria-label="New variable">
      <label className="atom-editor-row">
        <span className="atom-editor-label">new var</span>
        <input autoFocus aria-label="Name of the new variable" aria-invalid={name !== '' && !!problem} value={name} placeholder={param ?? 'result'} onChange={(e) => setName(e.target.value)} onKeyDown={enter} />
      </label>
      <div className="atom-editor-row">
        <span className="atom-editor-label">value</span>
        <span className="atom-editor-value">
          <select aria-label="Initial value is a" value={kind} onChange={(e) => setKind(e.target.value as ValueKind)}>
            {KINDS.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label}
              </option>
            ))}
          </select>
          {kind === 'number' && input('Initial value', text, setText, '0, 4096, O_RDONLY')}
          {kind === 'string' && (
            <span className="atom-editor-quoted">
              "{input('Initial string', text, setText, '/path/to/file')}"
            </span>
          )}
          {kind === 'address' && (
            <>
              {input('Points to', of, setOf, 'a var, buffer or atom', { list: `${id}-targets` })}
              <datalist id={`${id}-targets`}>
                {targets.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
            </>
          )}
          {kind === 'buffer' && (
            <>
              {input('Buffer name', buffer, setBuffer, `${name || 'x'}_bytes`)}
              <span className="atom-editor-quoted">[{input('Buffer size in bytes', size, setSize, '4096')}]</span>
            </>
          )}
        </span>
      </div>
      <div className="atom-editor-row">
        <span />
        <span id={`${id}-problem`} className={`atom-editor-problem${name !== '' && problem ? ' bad' : ''}`} role="status">
          {problem ?? `declares ${plan!.lines.map((l) => `\`${l}\``).join(' and ')}`}
        </span>
      </div>
      <div className="atom-editor-row">
        <span />
        <span className="atom-editor-actions">
          <button type="button" className="btn" onClick={create} disabled={!!problem}>
            Add
          </button>
          <button type="button" className="btn" onClick={onCancel}>
            Cancel
          </button>
        </span>
      </div>
    </div>
  );
}
