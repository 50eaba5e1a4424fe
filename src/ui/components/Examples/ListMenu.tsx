import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './examples.css';
import { useOutsideDismiss } from '../../hooks/useOutsideDismiss.ts';

export interface MenuItem {
  readonly key: string;
  readonly title: ReactNode;
  readonly summary: ReactNode;
}

interface Props {
  /** The button's text and the listbox's accessible name. */
  readonly label: string;
  readonly title?: string;
  /** Read when the menu opens (so a menu of saved programs is fresh). */
  readonly items: () => readonly MenuItem[];
  /** The item to start at when the menu opens. */
  readonly startAt?: (items: readonly MenuItem[]) => number;
  readonly empty: string;
  onChoose(item: MenuItem): void;
}

/** A button and its listbox (arrow keys, Home, End, Enter, Escape): the Examples and Recover menus. */
export function ListMenu({ label, title, items: readItems, startAt, empty, onChoose }: Props) {
  const [items, setItems] = useState<readonly MenuItem[] | null>(null);
  const [active, setActive] = useState(0);
  /** How far the list moves left so that it stays inside the window (a menu near the right edge). */
  const [shift, setShift] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const open = items !== null;

  useEffect(() => {
    if (open) list.current?.focus();
  }, [open]);
  useOutsideDismiss(root, open, useCallback(() => setItems(null), []));

  useLayoutEffect(() => {
    if (!open || !list.current) return;
    const margin = 8;
    const rect = list.current.getBoundingClientRect();
    const left = rect.left + shift;
    setShift(Math.max(0, Math.min(left - margin, left + rect.width - (window.innerWidth - margin))));
    // Measured once as it opens: the list does not move while it is open.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  useEffect(() => {
    if (open) list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active]);

  const show = () => {
    const now = readItems();
    setActive(Math.max(0, startAt?.(now) ?? 0));
    setItems(now);
  };
  const close = () => {
    setItems(null);
    button.current?.focus();
  };
  const choose = (index: number) => {
    const item = items?.[index];
    close();
    if (item) onChoose(item);
  };
  const onKey = (e: KeyboardEvent) => {
    const last = (items?.length ?? 1) - 1;
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
        title={title}
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
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <ul
          ref={list}
          id={`${id}-list`}
          className="examples-list"
          style={shift ? { left: -shift } : undefined}
          role="listbox"
          aria-label={label}
          tabIndex={0}
          aria-activedescendant={items.length ? `${id}-${active}` : undefined}
          onKeyDown={onKey}
        >
          {items.length === 0 && <li className="example-summary list-empty">{empty}</li>}
          {items.map((item, i) => (
            <li
              key={item.key}
              id={`${id}-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === active}
              className={`example-option${i === active ? ' active' : ''}`}
              onPointerMove={() => setActive(i)}
              onClick={() => choose(i)}
            >
              <span className="example-title">{item.title}</span>
              <span className="example-summary">{item.summary}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
