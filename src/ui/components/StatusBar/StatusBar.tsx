import { useStore } from '../../store/index.ts';

const LABEL = { loading: 'Kernel: loading', ready: 'Kernel: ready', error: 'Kernel: failed' } as const;

export function StatusBar() {
  const status = useStore((s) => s.engineStatus);
  const detail = useStore((s) => s.engineDetail);
  return (
    <div className={`status status-${status}`} title={LABEL[status]} role="status" aria-live="polite" data-testid="engine-status" data-state={status}>
      <span className="status-dot" aria-hidden="true" />
      <strong>{LABEL[status]}</strong>
      <span className="status-detail">{detail}</span>
    </div>
  );
}
