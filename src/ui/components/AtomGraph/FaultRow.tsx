// The atom editor's "fault" row: inject an errno, a short count, a delay or a
// call that never waits into this atom, on every run or only its nth. Each
// change is one `fault …` clause written into the atom's line (one undo step).
import { useState, type KeyboardEvent } from 'react';
import type { FaultSpec } from '../../lang/ast.ts';
import { ERRNO_NAMES } from '../../lang/names.ts';
import { SHORT_SYSCALLS, faultMeaning, injectDuration } from '../../lang/faults.ts';
import type { DurationUnit } from '../../lang/options.ts';

type Fault = { readonly spec: FaultSpec; readonly nth?: number };
type Kind = FaultSpec['kind'] | 'none';

interface Props {
  readonly fault: Fault | undefined;
  readonly syscall: string;
  /** Writes the clause (null removes it). */
  onChange(fault: Fault | null): void;
}

const DEFAULTS: Readonly<Record<FaultSpec['kind'], FaultSpec>> = {
  errno: { kind: 'errno', errno: { name: 'EIO', span: { line: 0, col: 0, endLine: 0, endCol: 0 } } },
  short: { kind: 'short', bytes: 16 },
  block: { kind: 'block', value: 5, unit: 'ms' },
  cached: { kind: 'cached' },
};

const KIND_LABELS: readonly { readonly kind: Kind; readonly label: string }[] = [
  { kind: 'none', label: '— (none)' },
  { kind: 'errno', label: 'fail with an errno' },
  { kind: 'short', label: 'short read/write' },
  { kind: 'block', label: 'block first' },
  { kind: 'cached', label: 'cached (never wait)' },
];

/** A draft text input that commits on Enter or when it loses focus; Escape puts the value back. */
function Draft(props: { label: string; value: string; placeholder: string; width: number; commit(text: string): string | null }) {
  const [text, setText] = useState(props.value);
  const [error, setError] = useState<string | null>(null);
  // A new value from the text (this input's commit, an undo, a typed edit) starts a new draft;
  // the input stays mounted, so it keeps the keyboard focus.
  const [shown, setShown] = useState(props.value);
  if (shown !== props.value) {
    setShown(props.value);
    setText(props.value);
    setError(null);
  }
  const done = () => {
    if (text === props.value) return setError(null);
    setError(props.commit(text.trim()));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      done();
    } else if (e.key === 'Escape' && text !== props.value) {
      e.stopPropagation(); // the first Escape restores the value, the next closes the editor
      setText(props.value);
      setError(null);
    }
  };
  return (
    <>
      <input
        type="text"
        aria-label={props.label}
        aria-invalid={error ? true : undefined}
        title={error ?? props.label}
        className="fault-input"
        style={{ width: props.width }}
        value={text}
        placeholder={props.placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={done}
        onKeyDown={onKeyDown}
        spellCheck={false}
      />
      {error && (
        <span role="alert" className="fault-error">
          {error}
        </span>
      )}
    </>
  );
}

export function FaultRow({ fault, syscall, onChange }: Props) {
  const kind: Kind = fault?.spec.kind ?? 'none';
  const canShort = SHORT_SYSCALLS.includes(syscall);
  const write = (spec: FaultSpec, nth: number | undefined) => onChange({ spec, ...(nth !== undefined ? { nth } : {}) });
  const set = (spec: FaultSpec) => write(spec, fault?.nth);
  const spec = fault?.spec;
  return (
    <div role="group" aria-label="Fault injection" className="atom-editor-row fault-row">
      <span className="atom-editor-label" title="Inject a fault into this atom's call: the narration says it was injected">
        fault
      </span>
      <span className="atom-editor-fault">
        <select
          aria-label="Injected fault"
          value={kind}
          title={spec ? faultMeaning(spec, fault?.nth) : 'No injected fault: the call runs as the kernel decides'}
          onChange={(e) => {
            const k = e.target.value as Kind;
            if (k === 'none') onChange(null);
            else set(DEFAULTS[k]);
          }}
        >
          {KIND_LABELS.map((o) => (
            <option key={o.kind} value={o.kind} disabled={o.kind === 'short' && !canShort && kind !== 'short'}>
              {o.kind === 'short' && !canShort ? `${o.label} (read/write only)` : o.label}
            </option>
          ))}
        </select>
        {spec?.kind === 'errno' && (
          <select aria-label="Errno" value={spec.errno.name} onChange={(e) => set({ kind: 'errno', errno: { ...spec.errno, name: e.target.value } })}>
            {ERRNO_NAMES.map((n) => (
              <option key={n} value={n}>
                -{n}
              </option>
            ))}
          </select>
        )}
        {spec?.kind === 'short' && (
          <Draft
            label="At most this many bytes"
            value={String(spec.bytes)}
            placeholder="16"
            width={64}
            commit={(t) => {
              if (!/^\d+$/.test(t) || Number(t) > 0xffffffff) return 'a byte count: 0 to 4294967295';
              set({ kind: 'short', bytes: Number(t) });
              return null;
            }}
          />
        )}
        {spec?.kind === 'block' && (
          <Draft
            label="Delay before the call"
            value={`${spec.value}${spec.unit}`}
            placeholder="5ms"
            width={72}
            commit={(t) => {
              const m = /^(\d+)(ns|us|ms|s)?$/.exec(t);
              const j = m ? injectDuration(Number(m[1]), m[2] as DurationUnit | undefined, 'the delay', 1) : { ok: false as const, error: 'a duration, as in 5ms' };
              if (!j.ok) return j.error;
              set({ kind: 'block', value: Number(m![1]), unit: m![2] as DurationUnit });
              return null;
            }}
          />
        )}
        {spec && (
          <span className="fault-label" aria-hidden="true">
            on run
          </span>
        )}
        {spec && (
          <Draft
            label="Only on run (blank: every run)"
            value={fault?.nth !== undefined ? String(fault.nth) : ''}
            placeholder="every run"
            width={84}
            commit={(t) => {
              if (t === '') {
                write(spec, undefined);
                return null;
              }
              if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > 0xffffffff) return 'a run number from 1, or blank for every run';
              write(spec, Number(t));
              return null;
            }}
          />
        )}
      </span>
    </div>
  );
}
