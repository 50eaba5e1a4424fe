import { useEffect } from 'react';
import { useStore } from '../../store/index.ts';
import '../TopActions/top-actions.css';

const INFO_MS = 4000;

/**
 * The store's notice: errors and notices with buttons stay until dismissed or
 * answered; plain information fades after a few seconds.
 */
export function Notice() {
  const notice = useStore((s) => s.notice);
  useEffect(() => {
    if (notice?.kind !== 'info' || notice.actions?.length) return;
    const t = setTimeout(() => useStore.setState((s) => (s.notice === notice ? { notice: null } : s)), INFO_MS);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice) return null;
  const error = notice.kind === 'error';
  return (
    <div className={`notice notice-${notice.kind}`} role={error ? 'alert' : 'status'} data-testid="notice">
      <span className="notice-text">{notice.text}</span>
      {notice.actions?.map((a) => (
        <button key={a.label} type="button" className="btn notice-action" onClick={a.run}>
          {a.label}
        </button>
      ))}
      <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => useStore.setState({ notice: null })}>
        ×
      </button>
    </div>
  );
}
