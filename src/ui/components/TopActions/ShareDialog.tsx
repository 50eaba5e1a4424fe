import { useEffect, useRef } from 'react';

interface Props {
  link: string;
  onClose(): void;
}

/** Shown when the clipboard is unavailable: the link, selected, to copy by hand. */
export function ShareDialog({ link, onClose }: Props) {
  const field = useRef<HTMLInputElement>(null);
  useEffect(() => {
    field.current?.focus();
    field.current?.select();
  }, []);
  return (
    <div
      className="share-dialog"
      role="dialog"
      aria-modal="false"
      aria-labelledby="share-dialog-title"
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <p id="share-dialog-title" className="share-dialog-title">Copy this link to share the program</p>
      <input ref={field} className="share-link" readOnly value={link} aria-label="Share link" onFocus={(e) => e.target.select()} />
      <button type="button" className="btn" onClick={onClose}>
        Close
      </button>
    </div>
  );
}
