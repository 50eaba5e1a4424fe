import { describe, expect, test, vi } from 'vitest';
import fc from 'fast-check';
import { programText } from './texts.test-helpers.ts';
import { downloadText, importFile, MAX_FILE_BYTES, type FileLike } from './file.ts';

const file = (name: string, content: string | Uint8Array, size?: number): FileLike => {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  return { name, size: size ?? bytes.length, arrayBuffer: async () => bytes.slice().buffer };
};

describe('importFile', () => {
  test('reads .syslet and .txt text as it is, dropping only a byte-order mark', async () => {
    expect(await importFile(file('a.syslet', 'ring 4\r\nvar x = 1\r\n'))).toEqual({ ok: true, text: 'ring 4\r\nvar x = 1\r\n' });
    expect(await importFile(file('B.TXT', '\ufeffring 2\n'))).toEqual({ ok: true, text: 'ring 2\n' });
  });

  test('what Save file wrote opens again identical, whatever words and characters it holds', async () => {
    await fc.assert(
      fc.asyncProperty(programText, async (text) => {
        let saved: Blob | undefined;
        downloadText(text, { createObjectURL: (b) => ((saved = b), 'blob:x'), revokeObjectURL: () => {}, click: () => {} });
        const bytes = new Uint8Array(await saved!.arrayBuffer());
        expect(await importFile(file('program.syslet', bytes))).toEqual({ ok: true, text });
      }),
      { numRuns: 200 },
    );
  });

  test('refuses other names, large files and bytes that are not UTF-8; words are no reason', async () => {
    expect(await importFile(file('a.exe', 'x'))).toMatchObject({ ok: false, error: expect.stringContaining('not a .syslet') });
    expect(await importFile(file('a.syslet', 'x', MAX_FILE_BYTES + 1))).toMatchObject({ ok: false, error: expect.stringContaining('too large') });
    expect(await importFile(file('a.syslet', new Uint8Array([0xff, 0xfe, 0x00, 0x41])))).toMatchObject({ ok: false, error: expect.stringContaining('not UTF-8') });
    expect(await importFile(file('a.txt', '# <script>alert(1)</script> javascript:\f'))).toEqual({ ok: true, text: '# <script>alert(1)</script> javascript:\f' });
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
