// An error boundary for one pane: when the pane throws while drawing, it
// shows "This pane failed: <message>" with a "Try again" button, and every
// other pane keeps working. A change of the program text tries again by
// itself (the text may be what the pane tripped over).
//
// For checking what a failing pane looks like, `window.__sysletFailPanes`
// (an array of pane names, set in the browser console or by the e2e tests)
// makes those panes throw while it holds their name; nothing sets it.
import { Component, useEffect, useRef, type ReactNode } from 'react';
import { useStore } from '../../store/index.ts';
import './pane-boundary.css';

interface Props {
  /** The pane's name, as its title says it ("Atom graph", "Console", …). */
  readonly name: string;
  /** A bar (toolbar, narration) rather than a pane in the grid: the message takes one line. */
  readonly bar?: boolean;
  readonly children: ReactNode;
}

interface State {
  readonly error: Error | null;
}

declare global {
  interface Window {
    __sysletFailPanes?: readonly string[];
  }
}

function FailProbe({ name }: { name: string }): null {
  if (typeof window !== 'undefined' && window.__sysletFailPanes?.includes(name)) {
    throw new Error(`${name} was asked to fail (window.__sysletFailPanes)`);
  }
  return null;
}

export class PaneBoundary extends Component<Props, State> {
  state: State = { error: null };

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  retry = () => this.setState({ error: null });

  render() {
    const { error } = this.state;
    if (error) return <Failed name={this.props.name} bar={this.props.bar ?? false} message={error.message || error.name} onRetry={this.retry} />;
    return (
      <>
        <FailProbe name={this.props.name} />
        {this.props.children}
      </>
    );
  }
}

function Failed({ name, bar, message, onRetry }: { name: string; bar: boolean; message: string; onRetry(): void }) {
  const source = useStore((s) => s.source);
  const atFailure = useRef(source);
  useEffect(() => {
    if (source !== atFailure.current) onRetry();
  }, [source, onRetry]);
  const text = `This pane failed: ${message}`;
  if (bar) {
    return (
      <div className="pane-failed pane-failed-bar" role="alert" aria-label={`${name} failed`}>
        <span className="pane-failed-text">
          <b>{name}</b> — {text}
        </span>
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <section className="pane pane-failed" role="alert" aria-label={`${name} failed`}>
      <header className="pane-title">{name}</header>
      <div className="pane-failed-body">
        <p className="pane-failed-text">{text}</p>
        <p className="pane-hint">The other panes still work, and your program is kept. Editing the program tries this pane again.</p>
        <button type="button" className="btn" onClick={onRetry}>
          Try again
        </button>
      </div>
    </section>
  );
}
