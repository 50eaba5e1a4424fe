// Reads what a linked C module says about its memory straight from the wasm
// binary: its imports, its active data segments (where they are written at
// instantiation) and the initial values of its globals (the stack pointer,
// __heap_base, the data symbols). Only the sections that need it are read.

export interface WasmImport {
  readonly module: string;
  readonly name: string;
  readonly kind: 'function' | 'table' | 'memory' | 'global';
}

export interface WasmInfo {
  readonly imports: readonly WasmImport[];
  /**
   * Active data segments: [offset, offset + bytes), and the segment's name from the
   * module's name section (`.data.rd`, `.bss.buf`: one a variable when linked as
   * compileC links, with -fdata-sections and --no-merge-data-segments).
   */
  readonly segments: readonly { readonly offset: number; readonly bytes: number; readonly name?: string }[];
  /** Segments whose place is not a constant (passive, or placed by a global). */
  readonly unplacedSegments: number;
  /** Exported globals with a constant i32 initial value: name -> value. */
  readonly globals: ReadonlyMap<string, number>;
}

class Reader {
  pos = 0;
  constructor(readonly b: Uint8Array) {}
  byte(): number {
    if (this.pos >= this.b.length) throw new Error('the wasm module ends too early');
    return this.b[this.pos++];
  }
  u32(): number {
    let result = 0;
    let shift = 0;
    for (;;) {
      const x = this.byte();
      result += (x & 0x7f) * 2 ** shift;
      if (!(x & 0x80)) return result;
      shift += 7;
    }
  }
  s32(): number {
    let result = 0;
    let shift = 0;
    let x: number;
    do {
      x = this.byte();
      result |= (x & 0x7f) << shift;
      shift += 7;
    } while (x & 0x80 && shift < 35);
    if (shift < 32 && x & 0x40) result |= -1 << shift;
    return result | 0;
  }
  name(): string {
    const n = this.u32();
    const s = new TextDecoder().decode(this.b.subarray(this.pos, this.pos + n));
    this.pos += n;
    return s;
  }
  skip(n: number): void {
    this.pos += n;
  }
  limits(): void {
    const flags = this.u32();
    this.u32();
    if (flags & 1) this.u32();
  }
  /** A constant expression: its value if it is a lone i32.const, else undefined. */
  constExpr(): number | undefined {
    const ops: { op: number; value?: number }[] = [];
    for (;;) {
      const op = this.byte();
      if (op === 0x0b) break;
      if (op === 0x41) ops.push({ op, value: this.s32() });
      else if (op === 0x23 || op === 0x42) {
        this.u32();
        ops.push({ op });
      }
      else throw new Error(`unexpected instruction 0x${op.toString(16)} in a constant expression`);
    }
    return ops.length === 1 ? ops[0].value : undefined;
  }
}

const IMPORT_KINDS = ['function', 'table', 'memory', 'global'] as const;

export function wasmInfo(wasm: Uint8Array): WasmInfo {
  const r = new Reader(wasm);
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d || wasm[4] !== 1) throw new Error('not a WebAssembly module');
  r.pos = 8;
  const imports: WasmImport[] = [];
  const segments: { offset: number; bytes: number; name?: string; index: number }[] = [];
  const segmentNames = new Map<number, string>();
  let segmentIndex = 0;
  let unplacedSegments = 0;
  const globalInit: (number | undefined)[] = [];
  const exportedGlobals: [string, number][] = [];
  while (r.pos < wasm.length) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (id === 2) {
      for (let n = r.u32(); n > 0; n--) {
        const module = r.name();
        const name = r.name();
        const kind = r.byte();
        imports.push({ module, name, kind: IMPORT_KINDS[kind] ?? 'function' });
        if (kind === 0) r.u32();
        else if (kind === 2) r.limits();
        else if (kind === 1) {
          r.byte();
          r.limits();
        } else if (kind === 3) {
          r.skip(2);
          globalInit.push(undefined);
        }
      }
    } else if (id === 6) {
      for (let n = r.u32(); n > 0; n--) {
        r.byte();
        r.byte();
        globalInit.push(r.constExpr());
      }
    } else if (id === 7) {
      for (let n = r.u32(); n > 0; n--) {
        const name = r.name();
        const kind = r.byte();
        const index = r.u32();
        if (kind === 3) exportedGlobals.push([name, index]);
      }
    } else if (id === 11) {
      for (let n = r.u32(); n > 0; n--) {
        const flags = r.u32();
        let offset: number | undefined;
        if (flags === 0 || flags === 2) {
          if (flags === 2) r.u32();
          offset = r.constExpr();
        }
        const bytes = r.u32();
        r.skip(bytes);
        if (offset === undefined) unplacedSegments++;
        else segments.push({ offset: offset >>> 0, bytes, index: segmentIndex });
        segmentIndex++;
      }
    } else if (id === 0 && r.name() === 'name') {
      // The name section: subsection 9 names the data segments (index, name).
      while (r.pos < end) {
        const sub = r.byte();
        const len = r.u32();
        const subEnd = r.pos + len;
        if (sub === 9) for (let n = r.u32(); n > 0; n--) segmentNames.set(r.u32(), r.name());
        r.pos = subEnd;
      }
    }
    r.pos = end;
  }
  const globals = new Map<string, number>();
  for (const [name, index] of exportedGlobals) {
    const v = globalInit[index];
    if (v !== undefined) globals.set(name, v >>> 0);
  }
  return {
    imports,
    segments: segments.map(({ offset, bytes, index }) => (segmentNames.has(index) ? { offset, bytes, name: segmentNames.get(index)! } : { offset, bytes })),
    unplacedSegments,
    globals,
  };
}
