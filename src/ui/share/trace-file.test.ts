// The trace's files: names, types, and contents exactly the host exporters'.
import { expect, test } from 'vitest';
import type { TraceRec } from '../../engine-wasm/host/records.ts';
import { chromeTraceJson, traceChrome, traceText } from '../../engine-wasm/host/trace-export.ts';
import { traceFile } from './trace-file.ts';

const records: TraceRec[] = [
  { seq: 0, event: 2, kind: 'syscall', time: 200n, tid: 0, atom: 0, nr: 20, result: 0, args: [0, 0, 0, 0, 0, 0], aux: 0, aux2: 0 },
  { seq: 1, event: 2, kind: 'sysret', time: 200n, tid: 0, atom: 0, nr: 20, result: 1, args: [0, 0, 0, 0, 0, 0], aux: 0, aux2: 0 },
];
const names = new Map<number, string>();

test('text: <title>-trace.txt, the text export', () => {
  expect(traceFile(records, names, 'text', 'cold-read')).toEqual({ name: 'cold-read-trace.txt', type: 'text/plain;charset=utf-8', text: traceText(records, names, { title: 'cold-read' }) });
});

test('Chrome: <title>-trace.json, the Chrome trace JSON with the run\'s atom cost', () => {
  const f = traceFile(records, names, 'chrome', 'hello', 250);
  expect(f.name).toBe('hello-trace.json');
  expect(f.type).toBe('application/json');
  expect(f.text).toBe(chromeTraceJson(traceChrome(records, names, { title: 'hello', atomNs: 250 })));
  expect(JSON.parse(f.text).otherData.atom_ns).toBe(250);
});

test('a title that is no file name is made one', () => {
  expect(traceFile(records, names, 'text', ' my/odd prog*ram ').name).toBe('my-odd-prog-ram-trace.txt');
  expect(traceFile(records, names, 'text', '///').name).toBe('program-trace.txt');
});
