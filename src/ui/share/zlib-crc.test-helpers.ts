// node's own CRC-32 (zlib), to check ours against.
import { crc32 } from 'node:zlib';

export function zlibSync(text: string): number {
  const bytes = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    bytes[2 * i] = text.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = text.charCodeAt(i) >>> 8;
  }
  return crc32(bytes);
}
