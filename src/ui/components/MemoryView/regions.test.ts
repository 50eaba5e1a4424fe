import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import * as L from '../../../engine-wasm/abi/layout.ts';
import { compileSource } from '../../engine/source.ts';
import { imageOf, rowsOf, rowsUpTo } from './regions.ts';

const lay = compileSource(readFileSync(new URL('../../examples/cold-read.syslet', import.meta.url), 'utf8')).layout!;

describe('memory regions', () => {
  test('record fields sit at their ABI offsets', () => {
    const { fields } = imageOf(lay);
    const at = (region: string, name: string) => fields.find((f) => f.region === region && f.name === name)?.addr;
    const rd = lay.symbols.get('rd')!.addr;
    expect(at('atom rd', 'flags')).toBe(rd + L.ATOM_FLAGS);
    expect(at('atom rd', 'ret_ptr')).toBe(rd + L.ATOM_RET_PTR);
    expect(at('atom rd', 'next')).toBe(rd + L.ATOM_NEXT);
    expect(at('atom rd', 'arg_ptr[2]')).toBe(rd + L.ATOM_ARG_PTR + 8);
    expect(at('atom rd', 'private')).toBe(rd + L.ATOM_PRIVATE);
    expect(at('async_head_user', 'user_ring_idx')).toBe(lay.ahu + L.AHU_USER_RING_IDX);
    expect(at('async_head_user', 'new_thread_stack')).toBe(lay.ahu + L.AHU_NEW_THREAD_STACK);
  });

  test('fields are in address order and do not overlap; the print buffer ends the image', () => {
    const { fields, end } = imageOf(lay);
    for (let i = 1; i < fields.length; i++) expect(fields[i].addr).toBeGreaterThanOrEqual(fields[i - 1].addr + fields[i - 1].size);
    const last = fields[fields.length - 1];
    expect(last.kind).toBe('print');
    expect(end).toBeGreaterThanOrEqual(last.addr + last.size);
  });
});

describe('rows drawn up to a limit', () => {
  test('are the first rows of the whole dump, and the count is of all rows', () => {
    const image = imageOf(lay);
    const bytes = new Uint8Array(image.end - image.start);
    // Some bytes set between fields, so zero runs fold into gaps in some places and not others.
    for (let i = 0; i < bytes.length; i += 97) bytes[i] = 1 + (i % 200);
    bytes.fill(0, 256, 1024);
    const all = rowsOf(image, bytes);
    expect(all.some((r) => r.t === 'gap')).toBe(true);
    for (const limit of [0, 1, 7, all.length - 1, all.length, all.length + 3]) {
      const { rows, total } = rowsUpTo(image, bytes, limit);
      expect(total).toBe(all.length);
      expect(rows).toEqual(all.slice(0, limit));
    }
  });
});
