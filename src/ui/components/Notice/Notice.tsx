import { useEffect } from 'react';
import { useStore } from '../../store/index.ts';
import '../TopActions/top-actions.css';

const INFO_MS = 4000;

/** The store's notice: errors stay until dismissed, information fades after a few seconds. */
export function Notice() {
  const notice = useStore((s) => s.notice);
  useEffect(() => {
    if (notice?.kind !== 'info') return;
    const t = setTimeout(() => useStore.setState((s) => (s.notice === notice ? { notice: null } : s)), INFO_MS);
    return () => clearTimeout(t);
  }, [notice]);
  if (!notice) return null;
  const error = notice.kind === 'error';
  return (
    <div className={`notice notice-${notice.kind}`} role={error ? 'alert' : 'status'} data-testid="notice">
      <span className="notice-text">{notice.text}</span>
      <button type="button" className="notice-close" aria-label="Dismiss" onClick={() => useStore.setState({ notice: null })}>
        ×
      </button>
    </div>
  );
}
