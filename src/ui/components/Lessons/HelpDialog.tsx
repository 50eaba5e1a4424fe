import { useEffect, useRef, useState } from 'react';
import { GLOSSARY } from './glossary.ts';
import { closeHelp, openHelp, useHelp } from './help-state.ts';
import { Md, inline } from './Md.tsx';

// The documents, built into the static site as chunks of their own and loaded when their page is
// opened: help works offline, and the page's first load does not carry every document.
const docs = import.meta.glob<string>(['../../../../docs/lessons.md', '../../../../docs/language.md', '../../../../docs/playground.md', '../../../../docs/c.md', '../../../../docs/traces.md'], {
  query: '?raw',
  import: 'default',
});
const loadDoc = (name: string) => Object.entries(docs).find(([p]) => p.endsWith(`/${name}.md`))?.[1];

/** The text of document `name`, once loaded (null until then). */
function useDoc(name: string): string | null {
  const [loaded, setLoaded] = useState<{ readonly name: string; readonly text: string } | null>(null);
  useEffect(() => {
    let live = true;
    void loadDoc(name)?.().then((text) => {
      if (live) setLoaded({ name, text });
    });
    return () => {
      live = false;
    };
  }, [name]);
  return loaded?.name === name ? loaded.text : null;
}

function DocPage({ name }: { readonly name: string }) {
  const text = useDoc(name);
  return text === null ? <p className="pane-loading">Loading…</p> : <DocView text={text} />;
}

const PAGES = [
  { id: 'glossary', label: 'Glossary' },
  { id: 'lessons', label: 'Writing lessons' },
  { id: 'language', label: 'The language' },
  { id: 'playground', label: 'The playground' },
  { id: 'c', label: 'C out' },
  { id: 'traces', label: 'Trace exports' },
] as const;

/** A Markdown document as text: headings, paragraphs, lists, and code and tables as preformatted blocks. */
function DocView({ text }: { readonly text: string }) {
  const out: React.ReactNode[] = [];
  // A link shows as its text. It lies on one line: a `[` elsewhere (`[0, jitter)` in a table) never starts one.
  const lines = text.replace(/\[([^\]\n]+)\]\([^)\n]+\)/g, '$1').split('\n');
  let para: string[] = [];
  const flush = () => {
    if (para.length) out.push(<Md key={out.length} text={para.join('\n')} />);
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (l.startsWith('```')) {
      flush();
      const code: string[] = [];
      for (i++; i < lines.length && !lines[i].startsWith('```'); i++) code.push(lines[i]);
      out.push(<pre key={out.length}>{code.join('\n')}</pre>);
    } else if (l.startsWith('|')) {
      flush();
      const rows: string[] = [];
      for (; i < lines.length && lines[i].startsWith('|'); i++) if (!/^\|[\s|:-]+\|$/.test(lines[i])) rows.push(lines[i]);
      i--;
      out.push(<pre key={out.length} className="help-table">{rows.join('\n')}</pre>);
    } else if (/^#{1,4} /.test(l)) {
      flush();
      const level = l.indexOf(' ');
      out.push(level <= 1 ? <h3 key={out.length}>{inline(l.slice(level + 1))}</h3> : <h4 key={out.length}>{inline(l.slice(level + 1))}</h4>);
    } else para.push(l);
  }
  flush();
  return <>{out}</>;
}

/** Help: the glossary and the docs, rendered in the page (no request leaves it). */
export function HelpDialog() {
  const page = useHelp((s) => s.page);
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (page) box.current?.focus();
  }, [page]);
  if (!page) return null;
  return (
    <div className="help-backdrop" onPointerDown={(e) => e.target === e.currentTarget && closeHelp()}>
      <div
        ref={box}
        className="help-dialog"
        role="dialog"
        aria-modal="true"
        aria-label="Help"
        tabIndex={-1}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.stopPropagation();
            closeHelp();
          }
        }}
      >
        <div className="help-head">
          <div className="help-tabs" role="tablist" aria-label="Help pages">
            {PAGES.map((p) => (
              <button key={p.id} type="button" role="tab" aria-selected={page === p.id} className={`btn${page === p.id ? ' chosen' : ''}`} onClick={() => openHelp(p.id)}>
                {p.label}
              </button>
            ))}
          </div>
          <button type="button" className="btn" onClick={closeHelp}>Close</button>
        </div>
        <div className="help-body" role="tabpanel" aria-label={PAGES.find((p) => p.id === page)?.label}>
          {page === 'glossary' ? (
            <dl className="glossary">
              {GLOSSARY.map((g) => (
                <div key={g.term}>
                  <dt>{g.term}</dt>
                  <dd>{inline(g.text)}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <DocPage name={page} />
          )}
        </div>
      </div>
    </div>
  );
}
