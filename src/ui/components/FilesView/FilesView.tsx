// The VFS: each file's path, size, open references and its pages' cache state
// as small squares (cold / in flight / cached); devices listed apart.
import { useStore, type Store } from '../../store/index.ts';
import type { FileRec, LatencyRec } from '../../../engine-wasm/host/records.ts';
import { formatNs } from '../Threads/thread-words.ts';
import { PAGE_BYTES } from '../../../engine-wasm/abi/layout.ts';
import './files.css';

const selectFiles = (s: Store) => s.shown.inspect?.files;
const selectLatencies = (s: Store) => s.shown.inspect?.injections.latencies;
const NO_LATENCIES: readonly LatencyRec[] = [];

const PAGE_LABEL: Readonly<Record<FileRec['pages'][number], string>> = { cold: 'cold (on disk only)', inflight: 'in flight (being read)', cached: 'cached', hole: 'hole (never written)' };
const LEGEND: readonly FileRec['pages'][number][] = ['cold', 'inflight', 'cached', 'hole'];

function size(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;
}

function refs(f: FileRec): string {
  return f.openRefs === 0 ? 'closed' : `open ×${f.openRefs}`;
}

/** "injected latency 20 ms" for the file, and per page where a page has its own. */
function latencyTags(lats: readonly LatencyRec[]): string[] {
  return lats.map((l) => `${l.page === undefined ? '' : `page ${l.page}: `}injected latency ${formatNs(l.ns)}`);
}

function FileRow({ f, lats }: { readonly f: FileRec; readonly lats: readonly LatencyRec[] }) {
  const counts = LEGEND.map((s) => [s, f.pages.filter((p) => p === s).length] as const).filter(([, n]) => n > 0);
  const pageLatency = (i: number) => (lats.find((l) => l.page === i) ?? lats.find((l) => l.page === undefined))?.ns;
  return (
    <li className="file" data-path={f.path}>
      <div className="file-head">
        <span className="file-path">{f.path}</span>
        {!f.linked && <span className="file-tag bad">unlinked</span>}
        {f.dirtyPages > 0 && <span className="file-tag warn">{f.dirtyPages} dirty</span>}
        <span className={`file-refs${f.openRefs ? ' open' : ''}`}>{refs(f)}</span>
        <span className="file-size">{size(f.size)}</span>
      </div>
      {lats.length > 0 && (
        <div className="file-notes">
          {latencyTags(lats).map((t) => (
            <span key={t} className="file-tag injected" title="A disk read of this file (or page) takes this latency, set by the program's latency line, plus the seeded jitter">
              {t}
            </span>
          ))}
        </div>
      )}
      {f.pages.length > 0 ? (
        <ol className="pages" aria-label={`${f.path}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`}>
          {f.pages.map((p, i) => (
            <li
              key={i}
              className={`page page-${p}${pageLatency(i) !== undefined ? ' page-injected' : ''}`}
              data-state={p}
              title={`page ${i} (bytes ${i * PAGE_BYTES}–${Math.min(f.size, (i + 1) * PAGE_BYTES) - 1}): ${PAGE_LABEL[p]}${pageLatency(i) !== undefined ? `; injected disk latency ${formatNs(pageLatency(i)!)}` : ''}`}
            />
          ))}
        </ol>
      ) : (
        <span className="muted file-empty">empty</span>
      )}
    </li>
  );
}

export function FilesView() {
  const files = useStore(selectFiles);
  const latencies = useStore(selectLatencies) ?? NO_LATENCIES;
  if (!files) {
    return (
      <section className="files-view" aria-label="Files">
        <p className="pane-empty">The files appear once the kernel has booted.</p>
      </section>
    );
  }
  const regular = files.filter((f) => f.kind === 'file');
  const devices = files.filter((f) => f.kind === 'device');
  return (
    <section className="files-view" aria-label="Files">
      <ul className="files-legend" aria-label="Page states">
        {LEGEND.map((s) => (
          <li key={s}>
            <span className={`page page-${s}`} aria-hidden="true" />
            {PAGE_LABEL[s]}
          </li>
        ))}
      </ul>
      <div className="files-scroll">
        <h3 className="files-heading">Files <span className="muted">· one square per 4 KiB page</span></h3>
        <ul className="files">
          {regular.map((f) => (
            <FileRow key={f.ino} f={f} lats={latencies.filter((l) => l.path === f.path)} />
          ))}
        </ul>
        <h3 className="files-heading">Devices</h3>
        <ul className="devices">
          {devices.map((f) => (
            <li key={f.ino} className="device" data-path={f.path}>
              <span className="file-path">{f.path}</span>
              <span className={`file-refs${f.openRefs ? ' open' : ''}`}>{refs(f)}</span>
            </li>
          ))}
        </ul>
      </div>
    </section>
  );
}
