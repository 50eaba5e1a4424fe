// The Breakpoints tab: every breakpoint and watch, and a form to add one —
// before an atom runs, when it completes (optionally only for some results),
// when it blocks, when its completion is posted or lost; or a watch on a var.
import { useState } from 'react';
import { useStore, type Store } from '../../store/index.ts';
import { toggleBreakpoint } from '../../engine/runtime.ts';
import { BREAK_WHENS, CMP_OPS, WHEN_LABEL, breakKey, describeBreak, type BreakWhen, type CmpOp, type Breakpoint } from '../../engine/breakpoints.ts';
import './breakpoints.css';

const selectBreakpoints = (s: Store) => s.breakpoints;
const selectLayout = (s: Store) => s.layout;

function namesOf(lay: Store['layout'], kind: 'atom' | 'var'): string[] {
  return lay ? [...lay.symbols].filter(([, sym]) => sym.kind === kind).map(([name]) => name) : [];
}

export function BreakpointsPanel() {
  const bps = useStore(selectBreakpoints);
  const lay = useStore(selectLayout);
  const atoms = namesOf(lay, 'atom');
  const vars = namesOf(lay, 'var');
  const [atom, setAtom] = useState('');
  const [when, setWhen] = useState<BreakWhen>('runs');
  const [useCond, setUseCond] = useState(false);
  const [op, setOp] = useState<CmpOp>('<');
  const [value, setValue] = useState('0');
  const [watched, setWatched] = useState('');
  const chosenAtom = atoms.includes(atom) ? atom : (atoms[0] ?? '');
  const chosenVar = vars.includes(watched) ? watched : (vars[0] ?? '');
  const n = Number(value);
  const condOk = !useCond || (value.trim() !== '' && Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31);
  const add = (b: Breakpoint) => {
    if (!bps.some((x) => breakKey(x) === breakKey(b))) toggleBreakpoint(b);
  };
  const addAtom = () => {
    if (!chosenAtom || !condOk) return;
    add(when === 'completes' && useCond ? { kind: 'atom', atom: chosenAtom, when, cond: { op, value: n } } : { kind: 'atom', atom: chosenAtom, when });
  };
  return (
    <section className="bp-panel" aria-label="Breakpoints">
      {bps.length === 0 ? (
        <p className="pane-empty">No breakpoints. Add one below, or click the dot on an atom in the graph to pause before it runs.</p>
      ) : (
        <ul className="bp-list" aria-label="Breakpoints set">
          {bps.map((b) => (
            <li key={breakKey(b)} className="bp-item">
              <span className={`bp-kind bp-kind-${b.kind}`} aria-hidden="true" />
              <span className="bp-text">{b.kind === 'watch' ? 'Watch: pause ' : 'Pause '}{describeBreak(b)}</span>
              <button type="button" className="btn bp-remove" onClick={() => toggleBreakpoint(b)} aria-label={`Remove: ${describeBreak(b)}`}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="bp-form"
        aria-label="Add a breakpoint on an atom"
        onSubmit={(e) => {
          e.preventDefault();
          addAtom();
        }}
      >
        <label>
          Atom
          <select value={chosenAtom} onChange={(e) => setAtom(e.target.value)} disabled={atoms.length === 0}>
            {atoms.map((a) => (
              <option key={a}>{a}</option>
            ))}
          </select>
        </label>
        <label>
          Pause
          <select value={when} onChange={(e) => setWhen(e.target.value as BreakWhen)}>
            {BREAK_WHENS.map((w) => (
              <option key={w} value={w}>
                {WHEN_LABEL[w]}
              </option>
            ))}
          </select>
        </label>
        {when === 'completes' && (
          <span className="bp-cond">
            <label>
              <input type="checkbox" checked={useCond} onChange={(e) => setUseCond(e.target.checked)} /> only if the result
            </label>
            <select aria-label="Comparison" value={op} onChange={(e) => setOp(e.target.value as CmpOp)} disabled={!useCond}>
              {CMP_OPS.map((o) => (
                <option key={o}>{o}</option>
              ))}
            </select>
            <input aria-label="Value" aria-invalid={!condOk} className="bp-value" inputMode="numeric" value={value} onChange={(e) => setValue(e.target.value)} disabled={!useCond} />
          </span>
        )}
        <button type="submit" className="btn" disabled={!chosenAtom || !condOk}>
          Add breakpoint
        </button>
        {!condOk && <span className="bp-error">The value must be a whole number (a 32-bit result).</span>}
      </form>
      <form
        className="bp-form"
        aria-label="Watch a var"
        onSubmit={(e) => {
          e.preventDefault();
          if (chosenVar) add({ kind: 'watch', name: chosenVar });
        }}
      >
        <label>
          Var
          <select value={chosenVar} onChange={(e) => setWatched(e.target.value)} disabled={vars.length === 0}>
            {vars.map((v) => (
              <option key={v}>{v}</option>
            ))}
          </select>
        </label>
        <button type="submit" className="btn" disabled={!chosenVar}>
          Watch (pause when it changes)
        </button>
      </form>
    </section>
  );
}
