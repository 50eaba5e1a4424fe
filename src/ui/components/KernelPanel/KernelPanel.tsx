import { useCallback, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { useStore } from '../../store/index.ts';
import { parse } from '../../lang/parse.ts';
import { OPTIONS, judge, valueOf, valueText, type OptionSpec } from '../../lang/options.ts';
import { optionValues, setOptionEdits } from '../../lang/option-edit.ts';
import { currentSource, editSource } from '../../editing.ts';
import './kernel-panel.css';
import { useOutsideDismiss } from '../../hooks/useOutsideDismiss.ts';

const LABELS: Readonly<Record<string, string>> = {
  ring_policy: 'Ring policy',
  disk_latency: 'Disk latency',
  disk_jitter: 'Disk jitter',
  seed: 'Seed',
  cachemiss_threads: 'Cachemiss threads',
  call_budget: 'Call budget (events, work)',
};

/** Sets one option in the program text (one undo step); returns why not, or null. */
function apply(spec: OptionSpec, raw: string): string | null {
  const v = valueOf(raw);
  const j = v ? judge(spec, v) : { ok: false as const, error: `write a value such as ${spec.def}` };
  if (!j.ok) return j.error.replace(/`/g, '');
  const text = currentSource();
  editSource(setOptionEdits(text, parse(text).program, spec.name, raw));
  return null;
}

function Field({ spec, value, first }: { spec: OptionSpec; value: string; first: boolean }) {
  const id = useId();
  // What is being typed (null: not editing, the field shows the program's value).
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null || draft.trim() === value) {
      setDraft(null);
      setError(null);
      return;
    }
    const why = apply(spec, draft.trim());
    setError(why);
    if (why === null) setDraft(null);
  };
  const label = LABELS[spec.name] ?? spec.name;
  return (
    <div className="kp-field">
      <label htmlFor={id}>
        {label} <code>{spec.name}</code>
      </label>
      {spec.kind === 'word' ? (
        <select id={id} value={value} autoFocus={first} onChange={(e) => setError(apply(spec, e.target.value))}>
          {spec.words.map((w) => (
            <option key={w.word} value={w.word}>
              {w.word}
              {w.word === spec.def ? ' (default)' : ''}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          value={draft ?? value}
          autoFocus={first}
          spellCheck={false}
          aria-invalid={error !== null}
          aria-describedby={`${id}-hint`}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              commit();
            }
          }}
        />
      )}
      <span id={`${id}-hint`} className={error ? 'kp-hint kp-error' : 'kp-hint'} role={error ? 'alert' : undefined}>
        {error ?? `default ${spec.def}`}
      </span>
    </div>
  );
}

/**
 * The "Kernel" popover: the program's kernel options as a form. Every change
 * rewrites one `option` line of the text (one undo step), so the text stays
 * the one source of truth and a shared link carries the knobs.
 */
export function KernelPanel() {
  const [open, setOpen] = useState(false);
  const source = useStore((s) => s.source);
  // The text as it stands (even with errors elsewhere), parsed only while the panel is open.
  const values = useMemo(() => (open ? optionValues(parse(source).program) : null), [open, source]);
  // The button's count: the options of the program that runs (no parse per edit while closed).
  const running = useStore((s) => s.program);
  const set = useMemo(() => (running ? optionValues(running).size : 0), [running]);
  // The C tab's options are its `#pragma syslet option` lines (docs/c.md): edited in the C text.
  const isC = useStore((s) => s.lang === 'c');
  const button = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  useOutsideDismiss(root, open, useCallback(() => setOpen(false), []));
  return (
    <div className="kernel-panel" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn"
        aria-expanded={open}
        aria-haspopup="dialog"
        disabled={isC}
        title={
          isC
            ? 'The C file sets the kernel options itself, with #pragma syslet option NAME = VALUE lines'
            : "The kernel's knobs for this program (ring policy, disk latency, seed…): written as option lines in the text"
        }
        onClick={() => (open ? close() : setOpen(true))}
      >
        Kernel{set > 0 ? ` (${set})` : ''} <span aria-hidden="true">▾</span>
      </button>
      {open && !isC && (
        <div
          className="kp-dialog"
          role="dialog"
          aria-labelledby={titleId}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            }
          }}
        >
          <p id={titleId} className="kp-title">Kernel options for this program</p>
          <form className="kp-form" onSubmit={(e: FormEvent) => e.preventDefault()}>
            {OPTIONS.map((spec, i) => {
              const v = values?.get(spec.name);
              return <Field key={spec.name} spec={spec} value={v ? valueText(v) : spec.def} first={i === 0} />;
            })}
          </form>
          <p className="kp-note">
            Each change writes an <code>option</code> line into the program (the default removes it), so Undo, Save file and Share
            carry it; the run starts again with the new knobs.
          </p>
          <button type="button" className="btn" onClick={close}>
            Close
          </button>
        </div>
      )}
    </div>
  );
}
