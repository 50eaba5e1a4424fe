// "Export trace as text" and "… as Chrome trace JSON": the session's trace
// (as far as the run has gone, at most the kernel ring's 16,384 records) in
// one of the two formats of engine-wasm/host/trace-export.ts, downloaded.
import type { TraceRec } from '../../engine-wasm/host/records.ts';
import { chromeTraceJson, traceChrome, traceText } from '../../engine-wasm/host/trace-export.ts';
import { OPT_ATOM_NS } from '../../engine-wasm/abi/layout.ts';
import { currentSession } from '../engine/runtime.ts';
import { useStore } from '../store/index.ts';
import { browserDownload, downloadText } from './file.ts';

export type TraceFormat = 'text' | 'chrome';

export interface TraceFile {
  readonly name: string;
  readonly type: string;
  readonly text: string;
}

/** The export of `records` as a file: `<title>-trace.txt` or `<title>-trace.json`. */
export function traceFile(records: readonly TraceRec[], names: ReadonlyMap<number, string>, format: TraceFormat, title: string, atomNs?: number): TraceFile {
  const base = `${title.replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '') || 'program'}-trace`;
  if (format === 'text') return { name: `${base}.txt`, type: 'text/plain;charset=utf-8', text: traceText(records, names, { title }) };
  return { name: `${base}.json`, type: 'application/json', text: chromeTraceJson(traceChrome(records, names, { title, atomNs })) };
}

/** Downloads the running program's trace; false when there is none yet. */
export function downloadTrace(format: TraceFormat): boolean {
  const s = currentSession();
  if (!s) return false;
  const records = s.trace();
  if (records.length === 0) return false;
  const title = useStore.getState().exampleName ?? 'program';
  const file = traceFile(records, s.lay.names.atoms, format, title, s.k.getOption(OPT_ATOM_NS));
  downloadText(file.text, browserDownload, file.name, file.type);
  return true;
}
