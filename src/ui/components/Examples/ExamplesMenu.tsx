import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { EXAMPLES, EXAMPLE_NAMES } from '../../examples/index.ts';
import { useStore } from '../../store/index.ts';
import { loadExample } from '../../share/actions.ts';
import { exampleInfos } from './info.ts';
import './examples.css';

/** The "Examples" button and its listbox of shipped programs (arrow keys, Enter, Escape). */
export function ExamplesMenu() {
  const infos = useMemo(() => exampleInfos(EXAMPLE_NAMES, EXAMPLES), []);
  const current = useStore((s) => s.exampleName);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();

  useEffect(() => {
    if (!open) return;
    list.current?.focus();
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    return () => document.removeEventListener('pointerdown', onDown);
  }, [open]);

  useEffect(() => {
    if (open) list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const show = () => {
    setActive(Math.max(0, infos.findIndex((i) => i.name === current)));
    setOpen(true);
  };
  const close = () => {
    setOpen(false);
    button.current?.focus();
  };
  const choose = (index: number) => {
    close();
    loadExample(infos[index].name);
  };
  const onKey = (e: KeyboardEvent) => {
    const last = infos.length - 1;
    const moves: Record<string, number> = { ArrowDown: Math.min(active + 1, last), ArrowUp: Math.max(active - 1, 0), Home: 0, End: last };
    if (e.key in moves) setActive(moves[e.key]);
    else if (e.key === 'Enter' || e.key === ' ') choose(active);
    else if (e.key === 'Escape' || e.key === 'Tab') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="examples-menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn"
        aria-haspopup="listbox"
        aria-expanded={open}
        aria-controls={open ? `${id}-list` : undefined}
        onClick={() => (open ? close() : show())}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown' && !open) {
            e.preventDefault();
            show();
          }
        }}
      >
        Examples <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul
          ref={list}
          id={`${id}-list`}
          className="examples-list"
          role="listbox"
          aria-label="Examples"
          tabIndex={0}
          aria-activedescendant={`${id}-${active}`}
          onKeyDown={onKey}
        >
          {infos.map((info, i) => (
            <li
              key={info.name}
              id={`${id}-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={`example-option${i === active ? ' active' : ''}`}
              onPointerMove={() => setActive(i)}
              onClick={() => choose(i)}
            >
              <span className="example-title">
                {info.title}
                <code>{info.name}</code>
                {info.name === current && <span className="example-current">loaded</span>}
              </span>
              <span className="example-summary">{info.summary}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
