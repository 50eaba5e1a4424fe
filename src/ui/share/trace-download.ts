// Inspector → Trace → Export: downloads the run's trace as a file
// (trace-file.ts). Only the Trace tab imports it, so the exporters load with
// that tab, not with the page.
import { OPT_ATOM_NS } from '../../engine-wasm/abi/layout.ts';
import { currentSession } from '../engine/runtime.ts';
import { useStore } from '../store/index.ts';
import { browserDownload, downloadText } from './file.ts';
import { traceFile, type TraceFormat } from './trace-file.ts';

/** Downloads the run's trace; false when there is none yet. */
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
