import { useEffect, useId, useRef } from 'react';
import type { Use } from './textedits.ts';

interface Props {
  names: readonly string[];
  uses: readonly Use[];
  onChoose(choice: 'with-uses' | 'atom-only' | 'cancel'): void;
}

/** Asks before deleting atoms that something still uses, listing the uses by line. */
export function DeleteConfirm({ names, uses, onChoose }: Props) {
  const first = useRef<HTMLButtonElement>(null);
  const title = useId();
  useEffect(() => first.current?.focus(), []);
  const what = names.length === 1 ? `atom ${names[0]}` : `atoms ${names.join(', ')}`;
  return (
    <div
      className="delete-confirm"
      role="alertdialog"
      aria-modal="true"
      aria-labelledby={title}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Escape') onChoose('cancel');
        // Keep Tab inside the dialog.
        if (e.key === 'Tab') {
          const buttons = [...e.currentTarget.querySelectorAll('button')];
          const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
          const j = e.shiftKey ? (i <= 0 ? buttons.length - 1 : i - 1) : (i + 1) % buttons.length;
          buttons[j]?.focus();
          e.preventDefault();
        }
      }}
    >
      <p id={title} className="delete-confirm-title">
        Delete {what}? {uses.length === 1 ? 'It is used on 1 line:' : `It is used on ${uses.length} lines:`}
      </p>
      <ul className="delete-confirm-uses">
        {uses.map((u) => (
          <li key={u.line}>
            <span className="delete-confirm-line">line {u.line}</span> <code>{u.text}</code>
          </li>
        ))}
      </ul>
      <p className="delete-confirm-note">With its uses: those nexts are cleared, those statements deleted, those vars lose their initial value. Atom only: the uses stay, as errors to fix.</p>
      <div className="delete-confirm-buttons">
        <button ref={first} type="button" className="btn danger" onClick={() => onChoose('with-uses')}>
          Delete atom and its uses
        </button>
        <button type="button" className="btn" onClick={() => onChoose('atom-only')}>
          Delete atom only
        </button>
        <button type="button" className="btn" onClick={() => onChoose('cancel')}>
          Cancel
        </button>
      </div>
    </div>
  );
}
