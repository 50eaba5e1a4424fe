// The VFS: each file's path, size, open references and its pages' cache state
// as small squares (cold / in flight / cached); devices listed apart.
import { useStore, type Store } from '../../store/index.ts';
import type { FileRec } from '../../../engine-wasm/host/records.ts';
import { PAGE_BYTES } from '../../../engine-wasm/abi/layout.ts';
import './files.css';

const selectFiles = (s: Store) => s.snap?.files;

const PAGE_LABEL: Readonly<Record<FileRec['pages'][number], string>> = { cold: 'cold (on disk only)', inflight: 'in flight (being read)', cached: 'cached', hole: 'hole (never written)' };
const LEGEND: readonly FileRec['pages'][number][] = ['cold', 'inflight', 'cached', 'hole'];

function size(n: number): string {
  return n < 1024 ? `${n} B` : `${(n / 1024).toFixed(n < 10240 ? 1 : 0)} KiB`;
}

function refs(f: FileRec): string {
  return f.openRefs === 0 ? 'closed' : `open ×${f.openRefs}`;
}

function FileRow({ f }: { readonly f: FileRec }) {
  const counts = LEGEND.map((s) => [s, f.pages.filter((p) => p === s).length] as const).filter(([, n]) => n > 0);
  return (
    <li className="file" data-path={f.path}>
      <div className="file-head">
        <span className="file-path">{f.path}</span>
        {!f.linked && <span className="file-tag bad">unlinked</span>}
        {f.dirtyPages > 0 && <span className="file-tag warn">{f.dirtyPages} dirty</span>}
        <span className={`file-refs${f.openRefs ? ' open' : ''}`}>{refs(f)}</span>
        <span className="file-size">{size(f.size)}</span>
      </div>
      {f.pages.length > 0 ? (
        <ol className="pages" aria-label={`${f.path}: ${counts.map(([s, n]) => `${n} ${s}`).join(', ')}`}>
          {f.pages.map((p, i) => (
            <li key={i} className={`page page-${p}`} data-state={p} title={`page ${i} (bytes ${i * PAGE_BYTES}–${Math.min(f.size, (i + 1) * PAGE_BYTES) - 1}): ${PAGE_LABEL[p]}`} />
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
            <FileRow key={f.ino} f={f} />
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
