import { describe, expect, test, vi } from 'vitest';
import { downloadText, importFile, MAX_FILE_BYTES, type FileLike } from './file.ts';

const file = (name: string, content: string | Uint8Array, size?: number): FileLike => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, size: size ?? bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

describe('importFile', () => {
  test('reads .syslet and .txt text, normalising line ends and the BOM', async () => {
    expect(await importFile(file('a.syslet', 'ring 4\r\nvar x = 1\r\n'))).toEqual({ ok: true, text: 'ring 4\nvar x = 1\n' });
    expect(await importFile(file('B.TXT', '\ufeffring 2\n'))).toEqual({ ok: true, text: 'ring 2\n' });
  });

  test('refuses other names, large files, binary bytes and script', async () => {
    expect(await importFile(file('a.exe', 'x'))).toMatchObject({ ok: false, error: expect.stringContaining('not a .syslet') });
    expect(await importFile(file('a.syslet', 'x', MAX_FILE_BYTES + 1))).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
    expect(await importFile(file('a.syslet', new Uint8Array([0xff, 0xfe, 0x00, 0x41])))).toMatchObject({ ok: false, error: expect.stringContaining('not UTF-8') });
    expect(await importFile(file('a.syslet', 'ring 4\u0000'))).toMatchObject({ ok: false, error: expect.stringContaining('binary') });
    expect(await importFile(file('a.txt', '<script>alert(1)</script>'))).toMatchObject({ ok: false, error: expect.stringContaining('script') });
  });
});

test('downloadText hands a Blob URL to a download link and revokes it', async () => {
  vi.useFakeTimers();
  const blobs: Blob[] = [];
  const deps = {
    createObjectURL: (b: Blob) => (blobs.push(b), 'blob:1'),
    revokeObjectURL: vi.fn(),
    click: vi.fn(),
  };
  downloadText('ring 4\n', deps);
  expect(deps.click).toHaveBeenCalledWith('blob:1', 'program.syslet');
  expect(await blobs[0].text()).toBe('ring 4\n');
  vi.advanceTimersByTime(1000);
  expect(deps.revokeObjectURL).toHaveBeenCalledWith('blob:1');
  vi.useRealTimers();
});
