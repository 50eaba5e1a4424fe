// A checker for the JSON Trace Event Format (the "object" form: { traceEvents,
// displayTimeUnit?, otherData? }) as far as the playground's exports use it,
// plus the rules viewers rely on: every event has a name, a phase and a
// process/thread; durations and times are finite and not negative; on each
// thread track timestamps never go back, B/E pairs balance and complete
// ('X') slices nest (none ends inside another it started in). Returns every
// problem found (an empty list: valid). An 'E' that names its slice must name
// the one it ends.

const PHASES = new Set(['B', 'E', 'X', 'i', 'I', 'M']);
const METADATA = new Set(['process_name', 'process_labels', 'process_sort_index', 'thread_name', 'thread_sort_index']);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);
const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0;
/** Microseconds to integer nanoseconds, so nesting is judged without float rounding. */
const ns = (x: number) => Math.round(x * 1000);

interface Slice {
  readonly start: number;
  readonly end: number;
  readonly at: number;
}

export function validateChromeTrace(json: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(json)) return ['the trace is not a JSON object'];
  if (!Array.isArray(json.traceEvents)) return ['traceEvents is not an array'];
  if ('displayTimeUnit' in json && json.displayTimeUnit !== 'ms' && json.displayTimeUnit !== 'ns') problems.push(`displayTimeUnit ${JSON.stringify(json.displayTimeUnit)} is neither "ms" nor "ns"`);
  if ('otherData' in json && !isObject(json.otherData)) problems.push('otherData is not an object');

  const lastTs = new Map<string, number>();
  const open = new Map<string, string[]>(); // B names not ended, per track
  const slices = new Map<string, Slice[]>();
  const named = new Set<string>();
  const used = new Set<string>();
  json.traceEvents.forEach((e: unknown, at: number) => {
    const where = `event ${at}`;
    if (!isObject(e)) return void problems.push(`${where} is not an object`);
    const ph = e.ph;
    if (typeof ph !== 'string' || !PHASES.has(ph)) return void problems.push(`${where}: ph ${JSON.stringify(ph)} is not one of ${[...PHASES].join(' ')}`);
    // An E ends its track's open slice: its name may be left out.
    if (ph === 'E' ? 'name' in e && typeof e.name !== 'string' : typeof e.name !== 'string' || e.name === '') problems.push(`${where}: no name`);
    if (!isInt(e.pid)) problems.push(`${where}: pid is not an integer`);
    if (!isInt(e.tid)) problems.push(`${where}: tid is not an integer`);
    if ('cat' in e && typeof e.cat !== 'string') problems.push(`${where}: cat is not a string`);
    if ('args' in e && !isObject(e.args)) problems.push(`${where}: args is not an object`);
    const track = `${String(e.pid)}/${String(e.tid)}`;
    if (ph === 'M') {
      if (typeof e.name !== 'string' || !METADATA.has(e.name)) return void problems.push(`${where}: unknown metadata ${JSON.stringify(e.name)}`);
      const args = isObject(e.args) ? e.args : {};
      if (e.name.endsWith('_name') && typeof args.name !== 'string') problems.push(`${where}: ${e.name} without args.name`);
      if (e.name.endsWith('_sort_index') && !isInt(args.sort_index)) problems.push(`${where}: ${e.name} without an integer args.sort_index`);
      if (e.name === 'process_labels' && typeof args.labels !== 'string') problems.push(`${where}: process_labels without args.labels`);
      if (e.name === 'thread_name') named.add(track);
      return;
    }
    if (!isTime(e.ts)) return void problems.push(`${where}: ts is not a time (a finite number >= 0)`);
    used.add(track);
    const ts = e.ts;
    if (ph === 'i' || ph === 'I') {
      if ('s' in e && e.s !== 'g' && e.s !== 'p' && e.s !== 't') problems.push(`${where}: instant scope ${JSON.stringify(e.s)} is not g, p or t`);
      if (e.s === 'g' || e.s === 'p') return; // not on the thread's track
    }
    const prev = lastTs.get(track);
    if (prev !== undefined && ts < prev) problems.push(`${where}: ts ${ts} goes back on track ${track} (after ${prev})`);
    lastTs.set(track, ts);
    if (ph === 'B') open.set(track, [...(open.get(track) ?? []), String(e.name)]);
    if (ph === 'E') {
      const stack = open.get(track) ?? [];
      if (stack.length === 0) problems.push(`${where}: E without a B on track ${track}`);
      else {
        const began = stack.pop();
        if (typeof e.name === 'string' && e.name !== began) problems.push(`${where}: E "${e.name}" ends "${began}" on track ${track}`);
      }
    }
    if (ph === 'X') {
      if (!isTime(e.dur)) problems.push(`${where}: X without a duration (a finite number >= 0)`);
      else slices.set(track, [...(slices.get(track) ?? []), { start: ns(ts), end: ns(ts + e.dur), at }]);
    }
  });
  for (const [track, stack] of open) if (stack.length > 0) problems.push(`track ${track}: ${stack.length} B without an E (${stack.join(', ')})`);
  for (const [track, list] of slices) {
    // Longer first at the same start: it is the parent. A slice must end within every slice it starts in.
    const sorted = [...list].sort((a, b) => a.start - b.start || b.end - a.end || a.at - b.at);
    const stack: Slice[] = [];
    for (const s of sorted) {
      while (stack.length > 0 && stack[stack.length - 1].end <= s.start) stack.pop(); // ended before s began
      const parent = stack[stack.length - 1];
      if (parent && s.end > parent.end) problems.push(`track ${track}: slice (event ${s.at}) ends after the slice it starts in (event ${parent.at})`);
      stack.push(s);
    }
  }
  for (const track of used) if (!named.has(track)) problems.push(`track ${track} has events but no thread_name`);
  return problems;
}
